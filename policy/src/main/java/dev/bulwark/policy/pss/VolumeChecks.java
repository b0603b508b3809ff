package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Checks on the volume sources a pod uses. */
final class VolumeChecks {
  /** Sources restricted pods may use: none of them reaches the node or network storage directly. */
  private static final List<String> ALLOWED_SOURCES =
      List.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "image",
          "persistentVolumeClaim",
          "projected",
          "secret");

  /** Every other source of the Volume API, in the order the admission plugin names them. */
  private static final List<String> RESTRICTED_SOURCES =
      List.of(
          "hostPath",
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "gitRepo",
          "nfs",
          "iscsi",
          "glusterfs",
          "rbd",
          "flexVolume",
          "cinder",
          "cephfs",
          "flocker",
          "fc",
          "azureFile",
          "vsphereVolume",
          "quobyte",
          "azureDisk",
          "photonPersistentDisk",
          "portworxVolume",
          "scaleIO",
          "storageos");

  private VolumeChecks() {}

  static @Nullable CheckFailure hostPathVolumes(PodDefinition pod) {
    Offenders offenders = new Offenders();
    List<String> names = new ArrayList<>();
    List<Node> volumes = pod.spec().list("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      if (volumes.get(i) instanceof MapNode volume && Values.isSet(volume, "hostPath")) {
        names.add(Values.text(volume, "name"));
        offenders.remember(volumePath(pod, i).key("hostPath"));
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "hostPath volumes: "
            + Offenders.noun(names.size(), "volume ", "volumes ")
            + Offenders.quoted(names)
            + Offenders.noun(names.size(), " mounts", " mount")
            + " a directory of the node",
        offenders.firstPath());
  }

  /**
   * A volume that names no source at all is an {@code emptyDir}: the API server fills that in
   * before admission, so it passes like one.
   */
  static @Nullable CheckFailure restrictedVolumes(PodDefinition pod) {
    Offenders offenders = new Offenders();
    List<String> names = new ArrayList<>();
    Set<String> sources = new TreeSet<>();
    List<Node> volumes = pod.spec().list("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      if (!(volumes.get(i) instanceof MapNode volume) || hasAllowedSource(volume)) {
        continue;
      }
      for (String source : RESTRICTED_SOURCES) {
        if (Values.isSet(volume, source)) {
          names.add(Values.text(volume, "name"));
          sources.add(source);
          offenders.remember(volumePath(pod, i).key(source));
          break;
        }
      }
    }
    if (offenders.isEmpty()) {
      return null;
    }
    return new CheckFailure(
        "restricted volume types: "
            + Offenders.noun(names.size(), "volume ", "volumes ")
            + Offenders.quoted(names)
            + Offenders.noun(names.size(), " uses ", " use ")
            + Offenders.quoted(sources)
            + "; allowed are "
            + String.join(", ", ALLOWED_SOURCES),
        offenders.firstPath());
  }

  private static boolean hasAllowedSource(MapNode volume) {
    for (String source : ALLOWED_SOURCES) {
      if (Values.isSet(volume, source)) {
        return true;
      }
    }
    return false;
  }

  private static FieldPath volumePath(PodDefinition pod, int index) {
    return pod.specPath().key("volumes").index(index);
  }
}
