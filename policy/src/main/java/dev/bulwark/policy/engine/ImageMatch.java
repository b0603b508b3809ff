package dev.bulwark.policy.engine;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
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
 * unknown; a criterion whose field the image data declares unknown is unknown, with the data's
 * reason. A false criterion decides the whole conjunction whatever else is unknown.
 *
 * @param unknownFields why the truth is unknown; empty unless it is
 * @param facts the image facts when decided true and image criteria were read, else null
 * @param lines matched Dockerfile lines, null when no Dockerfile criterion
 * @param components matched components, null when no component criterion or when they are linked to
 *     vulnerabilities
 * @param vulnerabilities matched vulnerabilities, null when no vulnerability criterion
 */
record ImageMatch(
    Truth truth,
    List<UnknownField> unknownFields,
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
      return withoutData(section.imageDataFields());
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
        : withoutData(undecided);
  }

  private static ImageMatch evaluateKnownImage(SectionCriteria section, ImageFacts facts) {
    ImageUnknowns unknown = new ImageUnknowns(facts.data());
    if (!unknown.allKnownHold(section.unscannedImage(), facts)
        || !unknown.allKnownHold(section.imageMetadata(), facts)) {
      return NO_MATCH;
    }
    Container container = facts.container();
    ImageData data = facts.data();
    List<DockerfileElement> lines = null;
    if (unknown.anyDeclared(section.dockerfile())) {
      unknown.addDeclared(section.dockerfile());
    } else {
      lines = Matching.matching(section.dockerfile(), () -> lines(container, data.dockerfile()));
      if (lines != null && lines.isEmpty()) {
        return NO_MATCH;
      }
    }
    if (!data.scanned()) {
      unknown.addWithoutData(section.scanFields());
      return decided(unknown, facts, lines, null, null);
    }
    if (!unknown.allKnownHold(section.imageScan(), facts)) {
      return NO_MATCH;
    }
    if (!section.vulnerability().isEmpty()) {
      List<VulnerabilityElement> vulnerabilities = vulnerabilities(section, facts, unknown);
      return vulnerabilities == null
          ? NO_MATCH
          : decided(unknown, facts, lines, null, vulnerabilities);
    }
    List<ComponentElement> components = null;
    if (unknown.anyDeclared(section.component())) {
      unknown.addDeclared(section.component());
    } else {
      components =
          Matching.matching(section.component(), () -> components(container, data.components()));
      if (components != null && components.isEmpty()) {
        return NO_MATCH;
      }
    }
    return decided(unknown, facts, lines, components, null);
  }

  /** True with what matched when every criterion was decided, else unknown with the fields. */
  private static ImageMatch decided(
      ImageUnknowns unknown,
      ImageFacts facts,
      @Nullable List<DockerfileElement> lines,
      @Nullable List<ComponentElement> components,
      @Nullable List<VulnerabilityElement> vulnerabilities) {
    return unknown.isEmpty()
        ? new ImageMatch(Truth.TRUE, List.of(), facts, lines, components, vulnerabilities)
        : new ImageMatch(Truth.UNKNOWN, unknown.fields(), null, null, null, null);
  }

  /**
   * Decides the vulnerability criteria and the component criteria linked to them: null when no
   * vulnerability can satisfy them (false), else the vulnerabilities that satisfy them, with the
   * criteria left undecided recorded in {@code unknown}.
   *
   * <p>Each vulnerability is one element: criteria on declared-unknown fields are unknown for every
   * one of them, so the section is false when no vulnerability satisfies the known criteria, and
   * unknown otherwise. When the vulnerabilities were not looked up at all, which ones exist is
   * unknown: only component criteria no component satisfies decide the section.
   */
  private static @Nullable List<VulnerabilityElement> vulnerabilities(
      SectionCriteria section, ImageFacts facts, ImageUnknowns unknown) {
    ImageData data = facts.data();
    if (!data.vulnerabilitiesKnown()) {
      if (!someComponentMayMatch(section, facts, unknown)) {
        return null;
      }
      unknown.addAll(section.vulnerability(), data.unknownFields().get(ImageFields.CVE));
      unknown.addDeclared(section.component());
      return List.of();
    }
    List<VulnerabilityElement> matched = new ArrayList<>();
    for (ImageVulnerability vulnerability : data.vulnerabilities()) {
      VulnerabilityElement element =
          new VulnerabilityElement(facts.container(), vulnerability, facts.now());
      if (unknown.knownHold(section.vulnerability(), element)
          && unknown.knownHold(
              section.component(),
              new ComponentElement(facts.container(), vulnerability.component()))) {
        matched.add(element);
      }
    }
    if (matched.isEmpty()) {
      return null;
    }
    unknown.addDeclared(section.vulnerability());
    unknown.addDeclared(section.component());
    return matched;
  }

  /**
   * False when the section's component criteria are known and no component of the image satisfies
   * them: then no vulnerability, whichever exist, can be in a matching component.
   */
  private static boolean someComponentMayMatch(
      SectionCriteria section, ImageFacts facts, ImageUnknowns unknown) {
    if (section.component().isEmpty() || unknown.anyDeclared(section.component())) {
      return true;
    }
    for (ImageComponent component : facts.data().components()) {
      if (Matching.all(section.component(), new ComponentElement(facts.container(), component))) {
        return true;
      }
    }
    return false;
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

  private static ImageMatch withoutData(List<PolicyField> fields) {
    List<UnknownField> unknown = new ArrayList<>(fields.size());
    for (PolicyField field : fields) {
      unknown.add(UnknownField.noImageData(field));
    }
    return new ImageMatch(Truth.UNKNOWN, unknown, null, null, null, null);
  }
}
