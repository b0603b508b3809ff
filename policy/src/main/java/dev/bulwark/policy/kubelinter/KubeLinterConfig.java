package dev.bulwark.policy.kubelinter;

import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.manifest.ScalarNode;
import dev.bulwark.core.text.Suggestions;
import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A kube-linter configuration file ({@code .kube-linter.yaml}): its custom checks as Bulwark
 * policies and its {@code checks} section as a {@link KubeLinterSelection}. Immutable.
 *
 * <p>Every problem is collected before failing, each with the file, line and column: unknown keys,
 * templates Bulwark does not implement, parameters they do not take, values of the wrong type, and
 * check names kube-linter does not know.
 */
public record KubeLinterConfig(List<Policy> customChecks, KubeLinterSelection selection) {
  private static final Set<String> TOP_LEVEL = Set.of("customChecks", "checks");
  private static final Set<String> CHECKS_KEYS =
      Set.of("addAllBuiltIn", "doNotAutoAddDefaults", "include", "exclude", "ignorePaths");

  public KubeLinterConfig {
    customChecks = List.copyOf(customChecks);
  }

  /**
   * Reads and translates a configuration file.
   *
   * @throws InvalidPolicyException listing every problem, when the file cannot be used
   */
  public static KubeLinterConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidPolicyException(
          List.of(
              new Problem(
                  file.toString(),
                  "",
                  "",
                  "cannot read the kube-linter configuration: " + e.getMessage())));
    }
    return parse(text, file.toString());
  }

  /** Translates the text of a configuration; {@code origin} names it in problems. */
  public static KubeLinterConfig parse(String text, String origin) {
    ConfigProblems problems = new ConfigProblems(origin);
    List<Node> documents =
        new ManifestReader(ReadLimits.DEFAULT)
            .readDocuments(
                ManifestSource.TextSource.direct(origin, text),
                new ManifestSink() {
                  @Override
                  public void object(ManifestObject object) {}

                  @Override
                  public void error(ManifestError error) {
                    problems.add(new Position(error.line(), error.column()), "", error.message());
                  }
                });
    KubeLinterConfig config = new Reader(problems).read(documents);
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(problems.sorted());
    }
    return config;
  }

  /** Reads one file, collecting problems. */
  private static final class Reader {
    private final ConfigProblems problems;

    Reader(ConfigProblems problems) {
      this.problems = problems;
    }

    KubeLinterConfig read(List<Node> documents) {
      if (documents.size() > 1) {
        problem(documents.get(1).position(), "", "a configuration is one YAML document");
      }
      MapNode root =
          documents.isEmpty()
              ? MapNode.empty(Position.UNKNOWN)
              : documents.get(0) instanceof MapNode map ? map : null;
      if (root == null) {
        problem(documents.get(0).position(), "", "expected a mapping with customChecks and checks");
        return new KubeLinterConfig(List.of(), KubeLinterSelection.DEFAULTS);
      }
      unknownKeys(root, TOP_LEVEL, "");
      CustomChecks custom = new CustomChecks(problems);
      List<Policy> policies = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      List<Node> items = root.list("customChecks");
      requireList(root, "customChecks");
      for (int i = 0; i < items.size(); i++) {
        String path = "customChecks[" + i + "]";
        if (!(items.get(i) instanceof MapNode check)) {
          problem(items.get(i).position(), path, "expected a custom check (a mapping)");
          continue;
        }
        Policy policy = custom.translate(check, path);
        if (policy != null && !names.add(String.valueOf(check.string("name")))) {
          problem(check.keyPosition("name"), path + ".name", "two custom checks have this name");
        } else if (policy != null) {
          policies.add(policy);
        }
      }
      return new KubeLinterConfig(policies, selection(root.map("checks"), names));
    }

    private KubeLinterSelection selection(@Nullable MapNode checks, Set<String> custom) {
      if (checks == null) {
        return new KubeLinterSelection(true, false, List.of(), List.of(), custom);
      }
      unknownKeys(checks, CHECKS_KEYS, "checks.");
      if (checks.has("ignorePaths") && !checks.list("ignorePaths").isEmpty()) {
        problem(
            checks.keyPosition("ignorePaths"),
            "checks.ignorePaths",
            "Bulwark does not skip paths from a configuration; pass only the files to check");
      }
      return new KubeLinterSelection(
          !flag(checks, "doNotAutoAddDefaults"),
          flag(checks, "addAllBuiltIn"),
          checkNames(checks, "include", custom),
          checkNames(checks, "exclude", custom),
          custom);
    }

    private boolean flag(MapNode map, String key) {
      Node value = map.get(key);
      if (value == null || value instanceof ScalarNode scalar && scalar.isNull()) {
        return false;
      }
      Boolean flag = value instanceof ScalarNode scalar ? scalar.asBoolean() : null;
      if (flag == null) {
        problem(value.position(), "checks." + key, "expected true or false");
        return false;
      }
      return flag;
    }

    /** The names of a list of checks, each a kube-linter built-in check or a custom check. */
    private List<String> checkNames(MapNode checks, String key, Set<String> custom) {
      requireList(checks, key);
      Framework kubeLinter = Frameworks.byName("kube-linter").orElseThrow();
      Set<String> known = new LinkedHashSet<>(custom);
      kubeLinter.controls().forEach(control -> known.add(control.id()));
      List<String> names = new ArrayList<>();
      List<Node> items = checks.list(key);
      for (int i = 0; i < items.size(); i++) {
        String name = items.get(i) instanceof ScalarNode scalar ? scalar.asText() : null;
        if (name != null && known.contains(name)) {
          names.add(name);
        } else {
          problem(
              items.get(i).position(),
              "checks." + key + "[" + i + "]",
              "no kube-linter check is called \""
                  + name
                  + "\""
                  + Suggestions.closest(String.valueOf(name), known)
                      .map(match -> "; did you mean " + match + "?")
                      .orElse(""));
        }
      }
      return names;
    }

    private void requireList(MapNode map, String key) {
      Node value = map.get(key);
      if (value != null
          && !(value instanceof ListNode)
          && !(value instanceof ScalarNode scalar && scalar.isNull())) {
        problem(value.position(), key, "expected a list");
      }
    }

    private void unknownKeys(MapNode map, Set<String> known, String prefix) {
      for (String key : map.keys()) {
        if (!known.contains(key)) {
          problem(
              map.keyPosition(key),
              prefix + key,
              "kube-linter has no setting \""
                  + key
                  + "\" here"
                  + Suggestions.closest(key, known)
                      .map(match -> "; did you mean " + match + "?")
                      .orElse(""));
        }
      }
    }

    private void problem(Position position, String field, String reason) {
      problems.add(position, field, reason);
    }
  }
}
