package dev.bulwark.detect.deploy;

import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The distinct images the workloads of an input reference, in order of first reference. */
public final class ReferencedImages {
  private ReferencedImages() {}

  /**
   * Reads every source (in parallel, results in input order) and lists each distinct non-blank
   * image reference once, with where it first appears. Unreadable documents are skipped: the check
   * itself reports them.
   */
  public static List<ImageUse> of(ManifestReader reader, List<ManifestSource> sources) {
    Map<String, ImageUse> distinct = new LinkedHashMap<>();
    sources.parallelStream()
        .map(source -> uses(reader, source))
        .toList()
        .forEach(uses -> uses.forEach(use -> distinct.putIfAbsent(use.reference(), use)));
    return List.copyOf(distinct.values());
  }

  private static List<ImageUse> uses(ManifestReader reader, ManifestSource source) {
    List<ImageUse> uses = new ArrayList<>();
    reader.read(
        source,
        new ManifestSink() {
          @Override
          public void object(ManifestObject object) {
            Workload workload = WorkloadExtractor.extract(object).orElse(null);
            if (workload == null) {
              return;
            }
            for (Container container : workload.containers()) {
              String reference = container.image().fullName().strip();
              if (!reference.isEmpty()) {
                Location location = object.locate(container.path().key("image"));
                uses.add(new ImageUse(reference, location.file(), location.line()));
              }
            }
          }

          @Override
          public void error(ManifestError error) {
            // Reported by the check, which reads every document again.
          }
        });
    return uses;
  }
}
