package dev.bulwark.vulndb.version;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A Maven version parsed into items by the rules of Maven 4's {@code ComparableVersion}: numbers,
 * qualifiers, combinations of a qualifier and a number ({@code rc1}, also written {@code rc-1}),
 * and nested lists (a hyphen, a switch from digits to letters, or a qualifier after a dot opens a
 * list, so {@code 1.0.0.RC1 < 1.0.0-RC2}). Trailing zeros and release qualifiers do not count.
 * Immutable and thread-safe.
 */
final class MavenVersion implements Comparable<MavenVersion> {
  /** Well-known qualifiers in ascending order; the empty qualifier is the release. */
  private static final List<String> QUALIFIERS =
      List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");

  private static final String RELEASE = String.valueOf(QUALIFIERS.indexOf(""));

  private final ListItem items;

  private MavenVersion(ListItem items) {
    this.items = items;
  }

  /** Parses any string; Maven gives every string an order. */
  static MavenVersion parse(String version) {
    return new Parser(version.toLowerCase(Locale.ENGLISH)).parse();
  }

  @Override
  public int compareTo(MavenVersion other) {
    return Integer.signum(items.compareTo(other.items));
  }

  /** The state of one left-to-right pass over a version. */
  private static final class Parser {
    private final String text;
    private final ListItem root = new ListItem();
    private final Deque<ListItem> lists = new ArrayDeque<>();
    private ListItem list = root;
    private boolean digits;
    private boolean combination;
    private int start;

    Parser(String text) {
      this.text = text;
      lists.push(root);
    }

    MavenVersion parse() {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '.') {
          list.add(i == start ? NumberItem.ZERO : item(combination, digits, i));
          combination = false;
          start = i + 1;
        } else if (c == '-') {
          if (i == start) {
            list.add(NumberItem.ZERO);
          } else if (!digits && i + 1 < text.length() && Digits.isDigit(text.charAt(i + 1))) {
            // rc-1 means rc1: the hyphen joins the qualifier and its number.
            combination = true;
            continue;
          } else {
            list.add(item(combination, digits, i));
          }
          start = i + 1;
          if (!list.isEmpty()) {
            openList();
          }
          combination = false;
        } else if (Digits.isDigit(c)) {
          if (!digits && i > start) {
            combination = true;
            if (!list.isEmpty()) {
              openList();
            }
          }
          digits = true;
        } else {
          if (digits && i > start) {
            list.add(item(combination, true, i));
            start = i;
            openList();
            combination = false;
          }
          digits = false;
        }
      }
      if (text.length() > start) {
        // A qualifier after a dot counts as one after a hyphen.
        if (!digits && !list.isEmpty()) {
          openList();
        }
        list.add(item(combination, digits, text.length()));
      }
      while (!lists.isEmpty()) {
        lists.pop().normalize();
      }
      return new MavenVersion(root);
    }

    private void openList() {
      ListItem child = new ListItem();
      list.add(child);
      lists.push(child);
      list = child;
    }

    private Item item(boolean isCombination, boolean isNumber, int end) {
      String part = text.substring(start, end);
      if (isCombination) {
        return CombinationItem.of(part.replace("-", ""));
      }
      return isNumber ? new NumberItem(part) : new StringItem(part, false);
    }
  }

  /** One parsed element; {@code compareTo(null)} compares against a missing element. */
  private sealed interface Item permits NumberItem, StringItem, CombinationItem, ListItem {
    int compareTo(@Nullable Item other);

    boolean isNull();
  }

  private record NumberItem(String digits) implements Item {
    static final NumberItem ZERO = new NumberItem("0");

    @Override
    public int compareTo(@Nullable Item other) {
      if (other == null) {
        return Digits.isZero(digits) ? 0 : 1;
      }
      return other instanceof NumberItem number ? Digits.compare(digits, number.digits) : 1;
    }

    @Override
    public boolean isNull() {
      return Digits.isZero(digits);
    }
  }

  private static final class StringItem implements Item {
    private final String value;
    private final String comparable;

    StringItem(String text, boolean followedByDigit) {
      String spelled = text;
      if (followedByDigit && spelled.length() == 1) {
        spelled =
            switch (spelled.charAt(0)) {
              case 'a' -> "alpha";
              case 'b' -> "beta";
              case 'm' -> "milestone";
              default -> spelled;
            };
      }
      this.value = spelled.equals("cr") ? "rc" : spelled;
      int index = QUALIFIERS.indexOf(value);
      if (value.equals("ga") || value.equals("final") || value.equals("release")) {
        this.comparable = RELEASE;
      } else {
        // Unknown qualifiers sort after every known one, among themselves alphabetically.
        this.comparable = index < 0 ? QUALIFIERS.size() + "-" + value : String.valueOf(index);
      }
    }

    boolean isRelease() {
      return comparable.equals(RELEASE);
    }

    @Override
    public int compareTo(@Nullable Item other) {
      return switch (other) {
        case null -> Integer.signum(comparable.compareTo(RELEASE));
        case NumberItem number -> -1;
        case StringItem string -> Integer.signum(comparable.compareTo(string.comparable));
        case CombinationItem combined -> {
          int result = compareTo(combined.qualifier);
          if (result != 0) {
            yield result;
          }
          yield isRelease() ? -combined.number.compareTo(null) : -1;
        }
        case ListItem list -> -list.compareTo(this);
      };
    }

    @Override
    public boolean isNull() {
      return value.isEmpty();
    }
  }

  private record CombinationItem(StringItem qualifier, NumberItem number) implements Item {
    static CombinationItem of(String text) {
      int index = 0;
      while (index < text.length() && !Digits.isDigit(text.charAt(index))) {
        index++;
      }
      return new CombinationItem(
          new StringItem(text.substring(0, index), true), new NumberItem(text.substring(index)));
    }

    @Override
    public int compareTo(@Nullable Item other) {
      return switch (other) {
        case null -> {
          int result = qualifier.compareTo(null);
          yield result != 0 ? result : number.compareTo(null);
        }
        case NumberItem ignored -> -1;
        case StringItem string -> {
          int result = qualifier.compareTo(string);
          if (result != 0) {
            yield result;
          }
          yield qualifier.isRelease() ? number.compareTo(null) : 1;
        }
        case CombinationItem combined -> {
          int result = qualifier.compareTo(combined.qualifier);
          yield result != 0 ? result : number.compareTo(combined.number);
        }
        case ListItem list -> -list.compareTo(this);
      };
    }

    @Override
    public boolean isNull() {
      return false;
    }
  }

  private static final class ListItem implements Item {
    private final List<Item> elements = new ArrayList<>(4);

    void add(Item item) {
      elements.add(item);
    }

    boolean isEmpty() {
      return elements.isEmpty();
    }

    /**
     * Drops null items (zero, the empty qualifier, empty lists) at the end or before a qualifier,
     * so {@code 1.0 = 1} and {@code 1.0-rc = 1-rc}; a list left holding one list is flattened.
     */
    void normalize() {
      for (int i = elements.size() - 1; i >= 0; i--) {
        if (elements.get(i).isNull() && (i == elements.size() - 1 || beforeQualifier(i + 1))) {
          elements.remove(i);
        }
      }
      if (elements.size() == 1 && elements.getFirst() instanceof ListItem only) {
        elements.clear();
        elements.addAll(only.elements);
      }
    }

    private boolean beforeQualifier(int next) {
      Item item = elements.get(next);
      if (item instanceof StringItem) {
        return true;
      }
      return item instanceof ListItem list
          && !list.elements.isEmpty()
          && (list.elements.getFirst() instanceof StringItem
              || list.elements.getFirst() instanceof CombinationItem);
    }

    @Override
    public int compareTo(@Nullable Item other) {
      return switch (other) {
        case null -> {
          for (Item element : elements) {
            int result = element.compareTo(null);
            if (result != 0) {
              yield result;
            }
          }
          yield 0;
        }
        case NumberItem ignored -> -1;
        case StringItem string -> compareToScalar(string);
        case CombinationItem combined -> compareToScalar(combined);
        case ListItem list -> compareToList(list);
      };
    }

    private int compareToScalar(Item scalar) {
      int result =
          elements.isEmpty() ? -scalar.compareTo(null) : elements.getFirst().compareTo(scalar);
      for (int i = 1; result == 0 && i < elements.size(); i++) {
        result = elements.get(i).compareTo(null);
      }
      return result;
    }

    private int compareToList(ListItem other) {
      int size = Math.max(elements.size(), other.elements.size());
      for (int i = 0; i < size; i++) {
        Item left = i < elements.size() ? elements.get(i) : null;
        Item right = i < other.elements.size() ? other.elements.get(i) : null;
        int result;
        if (left == null) {
          result = right == null ? 0 : -right.compareTo(null);
        } else {
          result = left.compareTo(right);
        }
        if (result != 0) {
          return result;
        }
      }
      return 0;
    }

    @Override
    public boolean isNull() {
      return elements.isEmpty();
    }
  }
}
