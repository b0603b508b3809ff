package dev.bulwark.policy.criteria;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.workload.Volume;
import dev.bulwark.core.workload.VolumeMount;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Volume criteria: in a section, all of them must hold for the same mount of the same container. A
 * mount of a volume the pod does not declare has an empty source and type.
 */
final class VolumeCriteria {
  private static final String HOST_PATH = "hostPath";

  private VolumeCriteria() {}

  static @Nullable Criterion<VolumeElement> volumeName(
      PolicyGroup group, List<ValueProblem> problems) {
    return text(PolicyField.VOLUME_NAME, group, problems, element -> element.mount().name())
        .at(element -> element.mount().path())
        .build();
  }

  /** The host path for hostPath volumes, the secret, config map or claim name for others. */
  static @Nullable Criterion<VolumeElement> volumeSource(
      PolicyGroup group, List<ValueProblem> problems) {
    return text(PolicyField.VOLUME_SOURCE, group, problems, element -> source(element.mount()))
        .at(VolumeCriteria::volumePath)
        .build();
  }

  static @Nullable Criterion<VolumeElement> volumeDestination(
      PolicyGroup group, List<ValueProblem> problems) {
    return text(
            PolicyField.VOLUME_DESTINATION, group, problems, element -> element.mount().mountPath())
        .at(element -> element.mount().path())
        .build();
  }

  /** The Kubernetes volume source key ({@code hostPath}, {@code secret}, ...), ignoring case. */
  static @Nullable Criterion<VolumeElement> volumeType(
      PolicyGroup group, List<ValueProblem> problems) {
    return text(PolicyField.VOLUME_TYPE, group, problems, element -> type(element.mount()))
        .at(VolumeCriteria::volumePath)
        .build();
  }

  private static CriterionBuilder<VolumeElement, String> text(
      PolicyField field,
      PolicyGroup group,
      List<ValueProblem> problems,
      Function<VolumeElement, String> reader) {
    return CriterionBuilder.<VolumeElement, String>of(field, group)
        .values(problems, Values::text)
        .reads(reader)
        .describedAs(VolumeCriteria::describe);
  }

  static @Nullable Criterion<VolumeElement> writableMountedVolume(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<VolumeElement, Boolean>of(PolicyField.WRITABLE_MOUNTED_VOLUME, group)
        .values(problems, Values::bool)
        .reads(element -> !element.mount().readOnly())
        .describedAs(VolumeCriteria::describeAccess)
        .at(element -> element.mount().path())
        .build();
  }

  /** Only hostPath mounts have a value: true when writable, false when read-only. */
  static @Nullable Criterion<VolumeElement> writableHostMount(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<VolumeElement, Boolean>of(PolicyField.WRITABLE_HOST_MOUNT, group)
        .values(problems, Values::bool)
        .reads(element -> isHostPath(element.mount()) ? !element.mount().readOnly() : null)
        .describedAs(VolumeCriteria::describeAccess)
        .at(element -> element.mount().path())
        .build();
  }

  static @Nullable Criterion<VolumeElement> mountPropagation(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<VolumeElement, VolumeMount.Propagation>of(
            PolicyField.MOUNT_PROPAGATION, group)
        .values(
            problems,
            value -> {
              VolumeMount.Propagation expected =
                  Values.constant(VolumeMount.Propagation.class, value);
              return actual -> actual == expected;
            })
        .reads(element -> element.mount().propagation())
        .describedAs(element ->
            describe(element) + " with " + element.mount().propagation() + " mount propagation")
        .at(element -> element.mount().path())
        .build();
  }

  private static boolean isHostPath(VolumeMount mount) {
    Volume volume = mount.volume();
    return volume != null && HOST_PATH.equalsIgnoreCase(volume.type());
  }

  private static String source(VolumeMount mount) {
    Volume volume = mount.volume();
    return volume == null ? "" : volume.source();
  }

  private static String type(VolumeMount mount) {
    Volume volume = mount.volume();
    return volume == null ? "" : volume.type();
  }

  private static FieldPath volumePath(VolumeElement element) {
    Volume volume = element.mount().volume();
    return volume == null ? element.mount().path() : volume.path();
  }

  private static String describe(VolumeElement element) {
    VolumeMount mount = element.mount();
    String container = Text.container(element.container().name());
    Volume volume = mount.volume();
    if (volume == null) {
      return container
          + " mounts undeclared volume "
          + Text.quote(mount.name())
          + " at "
          + Text.quote(mount.mountPath());
    }
    if (isHostPath(mount)) {
      return container
          + " mounts host path "
          + Text.quote(volume.source())
          + " (volume "
          + Text.quote(mount.name())
          + ")";
    }
    return container
        + " mounts volume "
        + Text.quote(mount.name())
        + " ("
        + volume.type()
        + ") at "
        + Text.quote(mount.mountPath());
  }

  private static String describeAccess(VolumeElement element) {
    return describe(element) + (element.mount().readOnly() ? " read-only" : " read-write");
  }
}
