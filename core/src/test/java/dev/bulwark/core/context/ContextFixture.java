package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.TestManifests;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import java.util.List;
import java.util.Optional;

/** Builds a context from inline YAML and asks it about the first workload of the same text. */
final class ContextFixture {
  private ContextFixture() {}

  static WorkloadContext contextOf(String yaml) {
    List<ManifestObject> objects = TestManifests.objects(yaml);
    ClusterContext.Builder builder = ClusterContext.builder();
    objects.forEach(builder::add);
    return builder.build().contextOf(firstWorkload(objects));
  }

  static Workload firstWorkload(List<ManifestObject> objects) {
    return objects.stream()
        .map(WorkloadExtractor::extract)
        .flatMap(Optional::stream)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no workload in the input"));
  }
}
