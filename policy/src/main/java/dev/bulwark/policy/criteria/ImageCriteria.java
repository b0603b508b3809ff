package dev.bulwark.policy.criteria;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Criteria on an image's metadata and scan (they need image data), plus its components and
 * Dockerfile lines. Every one points at the container's {@code image} field.
 */
final class ImageCriteria {
  private static final int MAXIMUM_QUOTED_LINE = 80;

  private ImageCriteria() {}

  static @Nullable Criterion<ImageFacts> imageOs(PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<ImageFacts, String>of(PolicyField.IMAGE_OS, group)
        .values(problems, Values::text)
        .reads(facts -> facts.data().os())
        .describedAs(facts ->
            ImageFacts.subject(facts.container())
                + " is based on "
                + Text.quote(String.valueOf(facts.data().os())))
        .at(facts -> ContainerCriteria.imagePath(facts.container()))
        .build();
  }

  static @Nullable Criterion<ImageFacts> imageUser(PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<ImageFacts, String>of(PolicyField.IMAGE_USER, group)
        .values(problems, Values::text)
        .reads(facts -> facts.data().user())
        .describedAs(facts ->
            ImageFacts.subject(facts.container())
                + " runs as user "
                + Text.quote(String.valueOf(facts.data().user())))
        .at(facts -> ContainerCriteria.imagePath(facts.container()))
        .build();
  }

  static @Nullable Criterion<ImageFacts> imageAge(PolicyGroup group, List<ValueProblem> problems) {
    return age(
        PolicyField.IMAGE_AGE,
        group,
        problems,
        facts -> ImageFacts.daysSince(facts.data().created(), facts.now()),
        "was built");
  }

  static @Nullable Criterion<ImageFacts> imageScanAge(
      PolicyGroup group, List<ValueProblem> problems) {
    return age(
        PolicyField.IMAGE_SCAN_AGE,
        group,
        problems,
        facts -> ImageFacts.daysSince(facts.data().scanTime(), facts.now()),
        "was last scanned");
  }

  private static @Nullable Criterion<ImageFacts> age(
      PolicyField field,
      PolicyGroup group,
      List<ValueProblem> problems,
      Function<ImageFacts, @Nullable Double> days,
      String verb) {
    return CriterionBuilder.<ImageFacts, Double>of(field, group)
        .values(problems, Values::atLeastDays)
        .reads(days)
        .describedAs(facts -> {
          Double age = days.apply(facts);
          long whole = age == null ? 0 : (long) Math.floor(age);
          return ImageFacts.subject(facts.container())
              + " "
              + verb
              + " "
              + Text.plural(whole, "day", "days")
              + " ago";
        })
        .at(facts -> ContainerCriteria.imagePath(facts.container()))
        .build();
  }

  static @Nullable Criterion<ImageFacts> requiredImageLabel(
      PolicyGroup group, List<ValueProblem> problems) {
    List<KeyValuePattern> patterns = Values.parseAll(group, problems, KeyValuePattern::parse);
    if (patterns == null) {
      return null;
    }
    List<Predicate<Map<String, String>>> tests = new ArrayList<>();
    for (KeyValuePattern pattern : patterns) {
      tests.add(labels -> !pattern.presentIn(labels));
    }
    return CriterionBuilder.<ImageFacts, Map<String, String>>of(
            PolicyField.REQUIRED_IMAGE_LABEL, group)
        .tests(tests)
        .reads(facts -> facts.data().labels())
        .describedAs(facts -> describeMissingLabels(facts, patterns))
        .at(facts -> ContainerCriteria.imagePath(facts.container()))
        .build();
  }

  private static String describeMissingLabels(ImageFacts facts, List<KeyValuePattern> patterns) {
    List<String> missing = new ArrayList<>();
    for (KeyValuePattern pattern : patterns) {
      if (!pattern.presentIn(facts.data().labels())) {
        missing.add(Text.quote(pattern.source()));
      }
    }
    return ImageFacts.subject(facts.container())
        + (missing.isEmpty()
            ? " has the required labels"
            : " has no label matching " + String.join(" or ", missing));
  }

  static @Nullable Criterion<ImageFacts> disallowedImageLabel(
      PolicyGroup group, List<ValueProblem> problems) {
    List<KeyValuePattern> patterns = Values.parseAll(group, problems, KeyValuePattern::parse);
    if (patterns == null) {
      return null;
    }
    List<Predicate<Map<String, String>>> tests = new ArrayList<>();
    for (KeyValuePattern pattern : patterns) {
      tests.add(pattern::presentIn);
    }
    return CriterionBuilder.<ImageFacts, Map<String, String>>of(
            PolicyField.DISALLOWED_IMAGE_LABEL, group)
        .tests(tests)
        .reads(facts -> facts.data().labels())
        .describedAs(facts -> describePresentLabels(facts, patterns))
        .at(facts -> ContainerCriteria.imagePath(facts.container()))
        .build();
  }

  private static String describePresentLabels(ImageFacts facts, List<KeyValuePattern> patterns) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, String> label : facts.data().labels().entrySet()) {
      for (KeyValuePattern pattern : patterns) {
        if (pattern.matches(label.getKey(), label.getValue())) {
          keys.add(label.getKey());
          break;
        }
      }
    }
    return ImageFacts.subject(facts.container())
        + (keys.isEmpty()
            ? " has none of the disallowed labels"
            : " has label " + Text.quoteAll(keys));
  }

  /** True when the image was never scanned; the engine also applies it to images nobody knows. */
  static @Nullable Criterion<ImageFacts> unscannedImage(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<ImageFacts, Boolean>of(PolicyField.UNSCANNED_IMAGE, group)
        .values(problems, Values::bool)
        .reads(facts -> !facts.data().scanned())
        .describedAs(facts ->
            ImageFacts.subject(facts.container())
                + (facts.data().scanned() ? " has been scanned" : " has not been scanned"))
        .at(facts -> ContainerCriteria.imagePath(facts.container()))
        .build();
  }

  /** Matches images that no listed signature integration verified (negated internally). */
  static @Nullable Criterion<ImageFacts> imageSignatureVerifiedBy(
      PolicyGroup group, List<ValueProblem> problems) {
    List<String> integrations = Values.parseAll(group, problems, ImageCriteria::integration);
    if (integrations == null) {
      return null;
    }
    List<Predicate<List<String>>> tests = new ArrayList<>();
    for (String integration : integrations) {
      tests.add(verifiers -> containsIgnoringCase(verifiers, integration));
    }
    return CriterionBuilder.<ImageFacts, List<String>>of(
            PolicyField.IMAGE_SIGNATURE_VERIFIED_BY, group)
        .tests(tests)
        .inverted()
        .reads(facts -> facts.data().verifiedBy())
        .describedAs(facts ->
            ImageFacts.subject(facts.container())
                + " is not verified by signature integration "
                + String.join(" or ", integrations))
        .at(facts -> ContainerCriteria.imagePath(facts.container()))
        .build();
  }

  private static String integration(String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.contains(" ")) {
      throw new IllegalArgumentException(
          "expected a signature integration ID such as io.stackrox.signatureintegration.<uuid>");
    }
    return trimmed;
  }

  private static boolean containsIgnoringCase(List<String> values, String wanted) {
    for (String value : values) {
      if (value.equalsIgnoreCase(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** {@code name=version}, both regexes, an empty side matching anything. */
  static @Nullable Criterion<ComponentElement> imageComponent(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<ComponentElement, ImageComponent>of(PolicyField.IMAGE_COMPONENT, group)
        .values(
            problems,
            value -> {
              KeyValuePattern pattern = KeyValuePattern.parse(value);
              return component -> pattern.matches(component.name(), component.version());
            })
        .reads(ComponentElement::component)
        .describedAs(element ->
            ImageFacts.subject(element.container())
                + " contains "
                + Text.quote(element.component().name())
                + " version "
                + Text.quote(element.component().version()))
        .at(element -> ContainerCriteria.imagePath(element.container()))
        .build();
  }

  /** {@code INSTRUCTION=regex}; an empty instruction matches any. */
  static @Nullable Criterion<DockerfileElement> dockerfileLine(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<DockerfileElement, DockerfileLine>of(
            PolicyField.DOCKERFILE_LINE, group)
        .values(
            problems,
            value -> {
              List<String> parts = Values.split(value, 2, "INSTRUCTION=VALUE");
              TextPattern instruction = TextPattern.compileOptional(parts.get(0));
              TextPattern content = TextPattern.compileOptional(parts.get(1));
              return line ->
                  instruction.matches(line.instruction()) && content.matches(line.value());
            })
        .reads(DockerfileElement::line)
        .describedAs(ImageCriteria::describeLine)
        .at(element -> ContainerCriteria.imagePath(element.container()))
        .build();
  }

  /** ENV, ARG and LABEL lines may carry secrets: only their instruction is named. */
  private static String describeLine(DockerfileElement element) {
    String instruction = element.line().instruction().toUpperCase(Locale.ROOT);
    String subject = ImageFacts.subject(element.container());
    if (instruction.equals("ENV") || instruction.equals("ARG") || instruction.equals("LABEL")) {
      return subject + " has a Dockerfile " + instruction + " line matching the policy";
    }
    String value = element.line().value().strip();
    if (value.length() > MAXIMUM_QUOTED_LINE) {
      value = value.substring(0, MAXIMUM_QUOTED_LINE) + "...";
    }
    return subject + " has Dockerfile line " + Text.quote(instruction + " " + value);
  }
}
