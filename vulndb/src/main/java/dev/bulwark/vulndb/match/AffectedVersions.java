package dev.bulwark.vulndb.match;

import dev.bulwark.vulndb.osv.Event;
import dev.bulwark.vulndb.osv.Range;
import dev.bulwark.vulndb.version.VersionComparator;
import dev.bulwark.vulndb.version.VersionComparators;
import dev.bulwark.vulndb.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The versions one OSV {@code affected} entry covers, prepared once so that deciding a version
 * sorts nothing and allocates nothing unless the version is affected.
 *
 * <p>Rules, after the OSV specification's evaluation: a version listed in {@code versions} is
 * affected (exact string match). Each {@code ECOSYSTEM} range is evaluated with the ecosystem's
 * ordering and each {@code SEMVER} range with semantic-version ordering whatever the ecosystem;
 * {@code GIT} ranges name commits, not versions, and are ignored. A range's events are sorted by
 * version ({@code introduced "0"} first) and walked: an {@code introduced} at or below the version
 * makes it affected, a {@code fixed} at or below it and a {@code last_affected} below it make it
 * unaffected, a {@code limit} at or below it ends the range. An event whose version the ordering
 * cannot read is dropped (counted in {@link #droppedEvents()}), so an unreadable {@code fixed}
 * leaves the range open rather than hiding a vulnerability.
 *
 * <p>Immutable and thread-safe.
 */
public final class AffectedVersions {
  private static final VersionComparator SEMVER = VersionComparators.of(VersionScheme.SEMVER);
  private static final Decision NOT_AFFECTED = new Decision(Status.NOT_AFFECTED, null);
  private static final Decision UNEVALUATED = new Decision(Status.UNEVALUATED, null);

  private final Set<String> listed;
  private final List<SortedRange> ranges;
  private final int droppedEvents;

  private AffectedVersions(Set<String> listed, List<SortedRange> ranges, int droppedEvents) {
    this.listed = listed;
    this.ranges = ranges;
    this.droppedEvents = droppedEvents;
  }

  /** What {@link #decide} concluded. */
  public enum Status {
    AFFECTED,
    NOT_AFFECTED,
    /**
     * Not listed, and a range could not be evaluated because its ordering cannot read the version.
     */
    UNEVALUATED
  }

  /**
   * A decision.
   *
   * @param status the conclusion
   * @param fixedVersion when affected, the lowest {@code fixed} above the version in a range that
   *     matched (any range when only the list matched), or null when none is known
   */
  public record Decision(Status status, @Nullable String fixedVersion) {
    /** Whether the version is affected. */
    public boolean affected() {
      return status == Status.AFFECTED;
    }
  }

  /**
   * Prepares an entry.
   *
   * @param ranges the entry's ranges
   * @param versions the entry's listed versions
   * @param ecosystemOrdering the ordering of the entry's ecosystem, or null when Bulwark has none
   *     (then {@code ECOSYSTEM} ranges cannot be evaluated and only listed versions match)
   */
  public static AffectedVersions of(
      List<Range> ranges, List<String> versions, @Nullable VersionComparator ecosystemOrdering) {
    List<SortedRange> sorted = new ArrayList<>();
    int dropped = 0;
    for (Range range : ranges) {
      VersionComparator ordering =
          switch (range.type()) {
            case "SEMVER" -> SEMVER;
            case "ECOSYSTEM" -> ecosystemOrdering;
            default -> null;
          };
      if (ordering == null) {
        continue;
      }
      List<Event> readable = new ArrayList<>();
      for (Event event : range.events()) {
        if (isBeginning(event) || ordering.isValid(event.version())) {
          readable.add(event);
        } else {
          dropped++;
        }
      }
      readable.sort(eventOrder(ordering));
      sorted.add(new SortedRange(ordering, readable));
    }
    return new AffectedVersions(Set.copyOf(versions), List.copyOf(sorted), dropped);
  }

  /** How many events were dropped because their version could not be read. */
  public int droppedEvents() {
    return droppedEvents;
  }

  /** Whether the entry has a range Bulwark can evaluate. */
  public boolean hasEvaluableRange() {
    return !ranges.isEmpty();
  }

  /** Decides whether {@code version} is affected; never throws for an unreadable version. */
  public Decision decide(String version) {
    boolean listedMatch = listed.contains(version);
    boolean unevaluated = false;
    @Nullable String fixed = null;
    boolean rangeMatch = false;
    for (SortedRange range : ranges) {
      if (!range.ordering.isValid(version)) {
        unevaluated = true;
        continue;
      }
      if (range.affects(version)) {
        rangeMatch = true;
        fixed = lower(range.ordering, fixed, range.fixedAbove(version));
      }
    }
    if (!rangeMatch && listedMatch) {
      for (SortedRange range : ranges) {
        if (range.ordering.isValid(version)) {
          fixed = lower(range.ordering, fixed, range.fixedAbove(version));
        }
      }
    }
    if (rangeMatch || listedMatch) {
      return new Decision(Status.AFFECTED, fixed);
    }
    return unevaluated ? UNEVALUATED : NOT_AFFECTED;
  }

  private static @Nullable String lower(
      VersionComparator ordering, @Nullable String current, @Nullable String candidate) {
    if (current == null) {
      return candidate;
    }
    if (candidate == null) {
      return current;
    }
    return ordering.compare(candidate, current) < 0 ? candidate : current;
  }

  private static boolean isBeginning(Event event) {
    return event.kind() == Event.Kind.INTRODUCED && "0".equals(event.version());
  }

  private static Comparator<Event> eventOrder(VersionComparator ordering) {
    return (left, right) -> {
      boolean leftBeginning = isBeginning(left);
      boolean rightBeginning = isBeginning(right);
      if (leftBeginning || rightBeginning) {
        return Boolean.compare(rightBeginning, leftBeginning);
      }
      return ordering.compare(left.version(), right.version());
    };
  }

  /** One evaluable range with its events in version order. */
  private static final class SortedRange {
    private final VersionComparator ordering;
    private final Event.Kind[] kinds;
    private final String[] versions;

    SortedRange(VersionComparator ordering, List<Event> events) {
      this.ordering = ordering;
      this.kinds = new Event.Kind[events.size()];
      this.versions = new String[events.size()];
      for (int i = 0; i < events.size(); i++) {
        kinds[i] = events.get(i).kind();
        versions[i] = events.get(i).version();
      }
    }

    boolean affects(String version) {
      boolean affected = false;
      for (int i = 0; i < kinds.length; i++) {
        if (kinds[i] == Event.Kind.INTRODUCED && "0".equals(versions[i])) {
          affected = true;
          continue;
        }
        int order = ordering.compare(version, versions[i]);
        if (order < 0) {
          // Events are sorted: none from here on is at or below the version.
          break;
        }
        switch (kinds[i]) {
          case INTRODUCED -> affected = true;
          case FIXED -> affected = false;
          case LAST_AFFECTED -> affected = affected && order == 0;
          case LIMIT -> {
            return false;
          }
        }
      }
      return affected;
    }

    @Nullable String fixedAbove(String version) {
      for (int i = 0; i < kinds.length; i++) {
        if (kinds[i] == Event.Kind.FIXED && ordering.compare(version, versions[i]) < 0) {
          return versions[i];
        }
      }
      return null;
    }
  }
}
