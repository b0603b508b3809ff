package dev.bulwark.policy.conformance;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.engine.Violation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one policy must say about one fixture object. Fixture objects declare it by name ({@code
 * fire-}, {@code dont-fire-}, {@code unknown-}) or, when an exclusion dictates the name, by the
 * {@value #EXPECT_ANNOTATION} annotation. Objects that declare nothing must be context objects
 * (Services, NetworkPolicies, ...) and must produce no outcome.
 */
enum Expectation {
  /** Violated, with at least one located violation. */
  FIRE,
  /** No outcome at all. */
  DONT_FIRE,
  /** Not evaluated because the decision needs image data. */
  UNKNOWN;

  static final String EXPECT_ANNOTATION = "conformance.bulwark.dev/expect";

  /** What the object's images decide once the test image catalog supplies their scans. */
  static final String WITH_IMAGE_DATA_ANNOTATION = "conformance.bulwark.dev/with-image-data";

  /** The expectation without image data; empty for context objects, which declare none. */
  static Optional<Expectation> declaredBy(ManifestObject object) {
    String name = object.name();
    if (name.startsWith("fire-")) {
      return Optional.of(FIRE);
    }
    if (name.startsWith("dont-fire-")) {
      return Optional.of(DONT_FIRE);
    }
    if (name.startsWith("unknown-")) {
      return Optional.of(UNKNOWN);
    }
    String annotated = object.annotations().get(EXPECT_ANNOTATION);
    return annotated == null ? Optional.empty() : Optional.of(parse(annotated, object));
  }

  /**
   * The expectation when the images of the object are in the test catalog: {@code unknown-} objects
   * resolve to their {@value #WITH_IMAGE_DATA_ANNOTATION} annotation.
   */
  static Optional<Expectation> withImageData(ManifestObject object) {
    Optional<Expectation> declared = declaredBy(object);
    if (declared.isEmpty() || declared.get() != UNKNOWN) {
      return declared;
    }
    String resolved = object.annotations().get(WITH_IMAGE_DATA_ANNOTATION);
    if (resolved == null) {
      throw new IllegalStateException(
          object.displayName()
              + " ("
              + object.location()
              + ") is unknown- but lacks the "
              + WITH_IMAGE_DATA_ANNOTATION
              + " annotation");
    }
    return Optional.of(parse(resolved, object));
  }

  /** True when the object may legitimately declare nothing. */
  static boolean isContextObject(ManifestObject object) {
    return ClusterContext.isContextKind(object.kind());
  }

  private static Expectation parse(String value, ManifestObject object) {
    return switch (value) {
      case "fire" -> FIRE;
      case "dont-fire" -> DONT_FIRE;
      case "unknown" -> UNKNOWN;
      default ->
          throw new IllegalStateException(
              object.displayName()
                  + " ("
                  + object.location()
                  + "): expectation must be fire, dont-fire or unknown, not \""
                  + value
                  + "\"");
    };
  }

  /** Why {@code outcomes} do not meet this expectation; empty when they do. */
  Optional<String> mismatch(List<PolicyOutcome> outcomes) {
    return switch (this) {
      case DONT_FIRE ->
          outcomes.isEmpty()
              ? Optional.empty()
              : Optional.of("expected no outcome, got " + show(outcomes));
      case UNKNOWN -> unknownMismatch(outcomes);
      case FIRE -> fireMismatch(outcomes);
    };
  }

  private static Optional<String> unknownMismatch(List<PolicyOutcome> outcomes) {
    if (outcomes.size() == 1
        && outcomes.getFirst().status() == PolicyOutcome.Status.NOT_EVALUATED
        && outcomes.getFirst().reason().contains("image data")) {
      return Optional.empty();
    }
    return Optional.of(
        "expected NOT_EVALUATED with a reason mentioning \"image data\", got " + show(outcomes));
  }

  private static Optional<String> fireMismatch(List<PolicyOutcome> outcomes) {
    if (outcomes.size() != 1 || outcomes.getFirst().status() != PolicyOutcome.Status.VIOLATED) {
      return Optional.of("expected VIOLATED, got " + show(outcomes));
    }
    List<Violation> violations = outcomes.getFirst().violations();
    if (violations.isEmpty()) {
      return Optional.of("VIOLATED without any violation");
    }
    for (Violation violation : violations) {
      if (violation.location().line() <= 0) {
        return Optional.of("violation without a line: " + show(outcomes));
      }
      if (violation.message().isBlank()) {
        return Optional.of("violation with a blank message at " + violation.location());
      }
    }
    return Optional.empty();
  }

  private static String show(List<PolicyOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return "no outcome";
    }
    return outcomes.stream().map(Expectation::show).collect(Collectors.joining("; "));
  }

  private static String show(PolicyOutcome outcome) {
    return switch (outcome.status()) {
      case NOT_EVALUATED -> "NOT_EVALUATED (" + outcome.reason() + ")";
      case VIOLATED ->
          "VIOLATED "
              + outcome.violations().stream()
                  .map(violation -> violation.location() + " " + violation.message())
                  .toList();
    };
  }
}
