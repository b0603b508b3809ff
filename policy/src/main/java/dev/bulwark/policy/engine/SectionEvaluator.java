package dev.bulwark.policy.engine;

import dev.bulwark.core.context.ExposedPort;
import dev.bulwark.core.context.PortExposure;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import dev.bulwark.core.workload.ContainerType;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.VolumeMount;
import dev.bulwark.policy.criteria.ComponentElement;
import dev.bulwark.policy.criteria.Criterion;
import dev.bulwark.policy.criteria.EnvironmentElement;
import dev.bulwark.policy.criteria.ImageFacts;
import dev.bulwark.policy.criteria.PortElement;
import dev.bulwark.policy.criteria.SectionCriteria;
import dev.bulwark.policy.criteria.Truth;
import dev.bulwark.policy.criteria.VolumeElement;
import dev.bulwark.policy.criteria.VulnerabilityElement;
import dev.bulwark.policy.criteria.WorkloadFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides one section for one workload with StackRox's linked semantics: workload criteria hold
 * once; container criteria hold for one container; the criteria of each element kind hold for one
 * element of that same container. Each matching container (and each matching element of the
 * section's first element kind) yields one violation whose message joins what every criterion says
 * about it, most specific first.
 */
final class SectionEvaluator {
  private final SectionCriteria section;
  private final WorkloadFacts facts;
  private final ObjectEvaluation object;
  private final PolicyRun run;

  private SectionEvaluator(
      SectionCriteria section, WorkloadFacts facts, ObjectEvaluation object, PolicyRun run) {
    this.section = section;
    this.facts = facts;
    this.object = object;
    this.run = run;
  }

  /**
   * Decides the section, reporting a violation for each match to {@code run}, and the fields that
   * kept it from being decided when it is unknown.
   */
  static Truth evaluate(
      SectionCriteria section, WorkloadFacts facts, ObjectEvaluation object, PolicyRun run) {
    return new SectionEvaluator(section, facts, object, run).evaluate();
  }

  /** What the criteria of one subject say about it, and the field they point at. */
  private record Described(List<String> messages, FieldPath path) {}

  private Truth evaluate() {
    if (!Matching.all(section.workload(), facts)) {
      return Truth.FALSE;
    }
    if (!section.readsContainers()) {
      Truth truth = withRuntime(Truth.TRUE);
      if (truth == Truth.TRUE) {
        report(List.of(), common(null, null));
      }
      return truth;
    }
    Truth any = Truth.FALSE;
    for (Container container : facts.workload().containers()) {
      if (run.program().evaluates(container, object)) {
        any = any.or(evaluate(container));
      }
    }
    return any;
  }

  private Truth evaluate(Container container) {
    if (!Matching.all(section.container(), container)) {
      return Truth.FALSE;
    }
    List<VolumeElement> volumes = Matching.matching(section.volume(), () -> volumes(container));
    List<PortElement> ports = Matching.matching(section.port(), () -> ports(container));
    List<EnvironmentElement> variables =
        Matching.matching(section.environment(), () -> variables(container));
    if (isEmpty(volumes) || isEmpty(ports) || isEmpty(variables)) {
      return Truth.FALSE;
    }
    ImageMatch image = ImageMatch.evaluate(section, container, object);
    Truth truth = withRuntime(image.truth());
    if (image.truth() == Truth.UNKNOWN) {
      run.unknownImageData(image.unknownFields());
    }
    if (truth != Truth.TRUE) {
      return truth;
    }
    List<List<Described>> elements = new ArrayList<>();
    describe(elements, section.volume(), volumes);
    describe(elements, section.port(), ports);
    describe(elements, section.environment(), variables);
    describeVulnerabilities(elements, image.vulnerabilities());
    describe(elements, section.component(), image.components());
    describe(elements, section.dockerfile(), image.lines());
    report(elements, common(container, image.facts()));
    return Truth.TRUE;
  }

  /** A kind whose criteria no element satisfies; null means the section has none of the kind. */
  private static boolean isEmpty(@Nullable List<?> matched) {
    return matched != null && matched.isEmpty();
  }

  /**
   * Runtime criteria make an otherwise matching section unknown: only the sensor can decide them.
   */
  private Truth withRuntime(Truth truth) {
    if (section.runtime().isEmpty() || truth == Truth.FALSE) {
      return truth;
    }
    run.needsSensor();
    return truth.and(Truth.UNKNOWN);
  }

  private static List<VolumeElement> volumes(Container container) {
    List<VolumeElement> elements = new ArrayList<>(container.volumeMounts().size());
    for (VolumeMount mount : container.volumeMounts()) {
      elements.add(new VolumeElement(container, mount));
    }
    return elements;
  }

  /**
   * Each declared port joined with every exposure the context reports for it (same number and
   * protocol); a port nothing exposes is on the host when it has a host port, else unset.
   *
   * <p>Declaring a container port is optional: a Service reaches whatever listens on its target
   * port in the pod's shared network namespace. Exposed ports no container declares are therefore
   * given to the first regular container (its {@code ports} list is where to declare them).
   */
  private List<PortElement> ports(Container container) {
    List<PortElement> elements = declaredPorts(container);
    if (container == firstRegularContainer()) {
      for (ExposedPort exposure : facts.context().exposedPorts()) {
        if (!declared(exposure) && exposure.exposure() != PortExposure.UNSET) {
          ContainerPort port =
              new ContainerPort(
                  null,
                  exposure.containerPort(),
                  0,
                  exposure.protocol(),
                  container.path().key("ports"));
          elements.add(
              new PortElement(
                  container, port, exposure.exposure(), exposure.nodePort(), exposure.via()));
        }
      }
    }
    return elements;
  }

  private @Nullable Container firstRegularContainer() {
    for (Container container : facts.workload().containers()) {
      if (container.type() == ContainerType.REGULAR) {
        return container;
      }
    }
    return null;
  }

  private boolean declared(ExposedPort exposure) {
    for (Container container : facts.workload().containers()) {
      for (ContainerPort port : container.ports()) {
        if (port.containerPort() == exposure.containerPort()
            && port.protocol().equalsIgnoreCase(exposure.protocol())) {
          return true;
        }
      }
    }
    return false;
  }

  private List<PortElement> declaredPorts(Container container) {
    List<PortElement> elements = new ArrayList<>();
    for (ContainerPort port : container.ports()) {
      boolean exposed = false;
      for (ExposedPort exposure : facts.context().exposedPorts()) {
        if (exposure.containerPort() == port.containerPort()
            && exposure.protocol().equalsIgnoreCase(port.protocol())) {
          elements.add(
              new PortElement(
                  container, port, exposure.exposure(), exposure.nodePort(), exposure.via()));
          exposed = true;
        }
      }
      if (!exposed) {
        elements.add(
            port.hostPort() > 0
                ? new PortElement(container, port, PortExposure.HOST, port.hostPort(), null)
                : new PortElement(container, port, PortExposure.UNSET, 0, null));
      }
    }
    return elements;
  }

  private static List<EnvironmentElement> variables(Container container) {
    List<EnvironmentElement> elements = new ArrayList<>(container.env().size());
    for (EnvVar variable : container.env()) {
      elements.add(new EnvironmentElement(container, variable));
    }
    return elements;
  }

  private static <E> void describe(
      List<List<Described>> kinds, List<Criterion<E>> criteria, @Nullable List<E> elements) {
    if (elements == null || criteria.isEmpty()) {
      return;
    }
    List<Described> described = new ArrayList<>(elements.size());
    for (E element : elements) {
      described.add(new Described(messages(criteria, element), criteria.get(0).path(element)));
    }
    kinds.add(described);
  }

  private void describeVulnerabilities(
      List<List<Described>> kinds, @Nullable List<VulnerabilityElement> vulnerabilities) {
    if (vulnerabilities == null) {
      return;
    }
    List<Described> described = new ArrayList<>(vulnerabilities.size());
    for (VulnerabilityElement vulnerability : vulnerabilities) {
      List<String> messages = messages(section.vulnerability(), vulnerability);
      messages.addAll(
          messages(
              section.component(),
              new ComponentElement(
                  vulnerability.container(), vulnerability.vulnerability().component())));
      described.add(new Described(messages, section.vulnerability().get(0).path(vulnerability)));
    }
    kinds.add(described);
  }

  /** What the image, container and workload criteria say, and the most specific path of theirs. */
  private Described common(@Nullable Container container, @Nullable ImageFacts image) {
    List<String> messages = new ArrayList<>();
    FieldPath path = null;
    if (image != null) {
      messages.addAll(messages(section.unscannedImage(), image));
      messages.addAll(messages(section.imageMetadata(), image));
      messages.addAll(messages(section.imageScan(), image));
    }
    if (container != null) {
      messages.addAll(0, messages(section.container(), container));
      if (!section.container().isEmpty()) {
        path = section.container().get(0).path(container);
      }
    }
    if (path == null && image != null) {
      path = firstPath(image);
    }
    messages.addAll(messages(section.workload(), facts));
    if (path == null) {
      path = firstWorkloadPath();
    }
    return new Described(messages, path);
  }

  private @Nullable FieldPath firstPath(ImageFacts image) {
    for (List<Criterion<ImageFacts>> criteria :
        List.of(section.unscannedImage(), section.imageMetadata(), section.imageScan())) {
      if (!criteria.isEmpty()) {
        return criteria.get(0).path(image);
      }
    }
    return null;
  }

  /** The first workload criterion's field; the object root when all point at the root. */
  private FieldPath firstWorkloadPath() {
    for (Criterion<WorkloadFacts> criterion : section.workload()) {
      FieldPath path = criterion.path(facts);
      if (!path.isRoot()) {
        return path;
      }
    }
    return FieldPath.ROOT;
  }

  private static <S> List<String> messages(List<Criterion<S>> criteria, S subject) {
    List<String> messages = new ArrayList<>(criteria.size());
    for (Criterion<S> criterion : criteria) {
      messages.add(criterion.describe(subject));
    }
    return messages;
  }

  /** One violation per element of the first element kind (or one for the container). */
  private void report(List<List<Described>> elements, Described common) {
    if (elements.isEmpty()) {
      run.violation(join(common.messages(), List.of()), common.path());
      return;
    }
    List<String> others = new ArrayList<>();
    for (List<Described> kind : elements.subList(1, elements.size())) {
      others.addAll(kind.get(0).messages());
    }
    others.addAll(common.messages());
    for (Described element : elements.get(0)) {
      run.violation(join(element.messages(), others), element.path());
    }
  }

  /**
   * Joins the messages with "; ", dropping duplicates and any message another one extends (the
   * volume "mounts X" and "mounts X read-write" say the same thing twice).
   */
  private static String join(List<String> first, List<String> rest) {
    Set<String> unique = new LinkedHashSet<>(first);
    unique.addAll(rest);
    List<String> kept = new ArrayList<>(unique.size());
    for (String message : unique) {
      if (!extendedByAnother(message, unique)) {
        kept.add(message);
      }
    }
    return String.join("; ", kept);
  }

  private static boolean extendedByAnother(String message, Set<String> messages) {
    for (String other : messages) {
      if (other.length() > message.length()
          && other.startsWith(message)
          && other.charAt(message.length()) == ' ') {
        return true;
      }
    }
    return false;
  }
}
