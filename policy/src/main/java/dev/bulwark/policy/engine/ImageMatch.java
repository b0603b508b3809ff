package dev.bulwark.policy.engine;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.workload.Container;
import dev.bulwark.policy.criteria.ComponentElement;
import dev.bulwark.policy.criteria.DockerfileElement;
import dev.bulwark.policy.criteria.ImageFacts;
import dev.bulwark.policy.criteria.SectionCriteria;
import dev.bulwark.policy.criteria.Truth;
import dev.bulwark.policy.criteria.VulnerabilityElement;
import dev.bulwark.policy.field.PolicyField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a section's image-data criteria say about one container's image, in three-valued logic: with
 * no provider every such criterion is unknown; for an image the provider does not know, only
 * Unscanned Image is decided (true); for an image known but never scanned, scan criteria are
 * unknown. A false criterion decides the whole conjunction whatever else is unknown.
 *
 * @param facts the image facts when decided true and image criteria were read, else null
 * @param lines matched Dockerfile lines, null when no Dockerfile criterion
 * @param components matched components, null when no component criterion or when they are linked to
 *     vulnerabilities
 * @param vulnerabilities matched vulnerabilities, null when no vulnerability criterion
 */
record ImageMatch(
    Truth truth,
    List<PolicyField> unknownFields,
    @Nullable ImageFacts facts,
    @Nullable List<DockerfileElement> lines,
    @Nullable List<ComponentElement> components,
    @Nullable List<VulnerabilityElement> vulnerabilities) {
  static final ImageMatch NOT_READ = new ImageMatch(Truth.TRUE, List.of(), null, null, null, null);
  static final ImageMatch NO_MATCH = new ImageMatch(Truth.FALSE, List.of(), null, null, null, null);

  ImageMatch {
    unknownFields = List.copyOf(unknownFields);
  }

  static ImageMatch evaluate(
      SectionCriteria section, Container container, ObjectEvaluation object) {
    if (!section.readsImageData()) {
      return NOT_READ;
    }
    if (object.hasNoImageData()) {
      return unknown(section.imageDataFields());
    }
    Instant now = object.input().now();
    Optional<ImageData> found = object.image(container);
    if (found.isEmpty()) {
      return evaluateUnknownImage(section, new ImageFacts(container, ImageFacts.NO_DATA, now));
    }
    return evaluateKnownImage(section, new ImageFacts(container, found.get(), now));
  }

  private static ImageMatch evaluateUnknownImage(SectionCriteria section, ImageFacts facts) {
    if (!Matching.all(section.unscannedImage(), facts)) {
      return NO_MATCH;
    }
    List<PolicyField> undecided = new ArrayList<>(section.imageMetadataFields());
    undecided.addAll(section.scanFields());
    return undecided.isEmpty()
        ? new ImageMatch(Truth.TRUE, List.of(), facts, null, null, null)
        : unknown(undecided);
  }

  private static ImageMatch evaluateKnownImage(SectionCriteria section, ImageFacts facts) {
    if (!Matching.all(section.unscannedImage(), facts)
        || !Matching.all(section.imageMetadata(), facts)) {
      return NO_MATCH;
    }
    Container container = facts.container();
    ImageData data = facts.data();
    List<DockerfileElement> lines =
        Matching.matching(section.dockerfile(), () -> lines(container, data.dockerfile()));
    if (lines != null && lines.isEmpty()) {
      return NO_MATCH;
    }
    if (!data.scanned()) {
      return section.scanFields().isEmpty()
          ? new ImageMatch(Truth.TRUE, List.of(), facts, lines, null, null)
          : unknown(section.scanFields());
    }
    if (!Matching.all(section.imageScan(), facts)) {
      return NO_MATCH;
    }
    if (!section.vulnerability().isEmpty()) {
      List<VulnerabilityElement> vulnerabilities = vulnerabilities(section, facts);
      return vulnerabilities.isEmpty()
          ? NO_MATCH
          : new ImageMatch(Truth.TRUE, List.of(), facts, lines, null, vulnerabilities);
    }
    List<ComponentElement> components =
        Matching.matching(section.component(), () -> components(container, data.components()));
    if (components != null && components.isEmpty()) {
      return NO_MATCH;
    }
    return new ImageMatch(Truth.TRUE, List.of(), facts, lines, components, null);
  }

  /**
   * Vulnerabilities satisfying every vulnerability criterion and, on their component, every
   * component criterion (StackRox nests vulnerabilities under components).
   */
  private static List<VulnerabilityElement> vulnerabilities(
      SectionCriteria section, ImageFacts facts) {
    List<VulnerabilityElement> matched = new ArrayList<>();
    for (ImageVulnerability vulnerability : facts.data().vulnerabilities()) {
      VulnerabilityElement element =
          new VulnerabilityElement(facts.container(), vulnerability, facts.now());
      if (Matching.all(section.vulnerability(), element)
          && Matching.all(
              section.component(),
              new ComponentElement(facts.container(), vulnerability.component()))) {
        matched.add(element);
      }
    }
    return matched;
  }

  private static List<DockerfileElement> lines(Container container, List<DockerfileLine> lines) {
    List<DockerfileElement> elements = new ArrayList<>(lines.size());
    for (DockerfileLine line : lines) {
      elements.add(new DockerfileElement(container, line));
    }
    return elements;
  }

  private static List<ComponentElement> components(
      Container container, List<ImageComponent> components) {
    List<ComponentElement> elements = new ArrayList<>(components.size());
    for (ImageComponent component : components) {
      elements.add(new ComponentElement(container, component));
    }
    return elements;
  }

  private static ImageMatch unknown(List<PolicyField> fields) {
    return new ImageMatch(Truth.UNKNOWN, fields, null, null, null, null);
  }
}
