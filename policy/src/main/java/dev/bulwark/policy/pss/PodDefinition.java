package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod metadata and pod spec of one object, exactly as written: the Pod itself, or the pod
 * template of a workload. The checks read the tree rather than the {@link Workload} view because
 * the admission plugin tells a pod-level value from a container-level one, and an explicit value
 * from an absent one, where the workload view merges them.
 *
 * <p>Immutable and thread-safe.
 */
public final class PodDefinition {
  private final ManifestObject object;
  private final Map<String, String> annotations;
  private final FieldPath metadataPath;
  private final MapNode spec;
  private final FieldPath specPath;
  private final MapNode securityContext;
  private final List<PodContainer> containers;

  private PodDefinition(
      ManifestObject object,
      MapNode metadata,
      FieldPath metadataPath,
      MapNode spec,
      FieldPath specPath) {
    this.object = object;
    this.annotations = metadata.stringMap("annotations");
    this.metadataPath = metadataPath;
    this.spec = spec;
    this.specPath = specPath;
    this.securityContext = Values.map(spec, "securityContext");
    this.containers = readContainers(spec, specPath);
  }

  /**
   * The pod of {@code object}: the object itself for a Pod, else its pod template, found the way
   * {@link WorkloadExtractor} finds it; empty when the object has no pod spec.
   */
  public static Optional<PodDefinition> of(ManifestObject object) {
    return WorkloadExtractor.extract(object).map(PodDefinition::of);
  }

  /** The pod of a workload already extracted from its object. */
  public static PodDefinition of(Workload workload) {
    ManifestObject object = workload.object();
    FieldPath specPath = workload.podSpecPath();
    FieldPath metadataPath = sibling(specPath, "metadata");
    MapNode root = object.root();
    return new PodDefinition(
        object, mapAt(root, metadataPath), metadataPath, mapAt(root, specPath), specPath);
  }

  public ManifestObject object() {
    return object;
  }

  /** The pod spec; for a workload, the template's spec. */
  public MapNode spec() {
    return spec;
  }

  public FieldPath specPath() {
    return specPath;
  }

  /** The pod's annotations (the template's for a workload); non-text values are left out. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** Path of one annotation, for pointing at it. */
  public FieldPath annotationPath(String key) {
    return metadataPath.key("annotations").key(key);
  }

  /** The init containers, then the containers, then the ephemeral containers, as written. */
  public List<PodContainer> containers() {
    return containers;
  }

  /** The pod-level {@code securityContext}, or an empty map when absent. */
  public MapNode securityContext() {
    return securityContext;
  }

  public FieldPath securityContextPath() {
    return specPath.key("securityContext");
  }

  /** Whether {@code spec.os.name} is {@code windows}. */
  public boolean isWindows() {
    MapNode os = spec.map("os");
    return os != null && "windows".equals(os.string("name"));
  }

  /** Whether the pod runs in its own user namespace: {@code hostUsers: false}, set explicitly. */
  public boolean hasOwnUserNamespace() {
    return Boolean.FALSE.equals(spec.bool("hostUsers"));
  }

  private static List<PodContainer> readContainers(MapNode spec, FieldPath specPath) {
    List<PodContainer> out = new ArrayList<>();
    for (String key : List.of("initContainers", "containers", "ephemeralContainers")) {
      List<Node> items = spec.list(key);
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof MapNode container) {
          out.add(new PodContainer(container, specPath.key(key).index(i)));
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code spec.template.spec} to {@code spec.template.metadata}; {@code spec} to metadata. */
  private static FieldPath sibling(FieldPath path, String key) {
    List<Object> segments = path.segments();
    FieldPath parent = FieldPath.ROOT;
    for (Object segment : segments.subList(0, Math.max(0, segments.size() - 1))) {
      parent =
          segment instanceof Integer index ? parent.index(index) : parent.key((String) segment);
    }
    return parent.key(key);
  }

  private static MapNode mapAt(MapNode root, FieldPath path) {
    return path.find(root) instanceof MapNode map ? map : Values.EMPTY;
  }
}
