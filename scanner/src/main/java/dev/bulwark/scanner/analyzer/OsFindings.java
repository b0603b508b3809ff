package dev.bulwark.scanner.analyzer;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Combines what several files say about the operating system. */
public final class OsFindings {
  private OsFindings() {}

  /**
   * The operating system the findings describe: the most authoritative finding (os-release first),
   * with fields it lacks taken from less authoritative findings of the same distribution id. Empty
   * when there are no findings.
   */
  public static Optional<OsRelease> resolve(List<OsFinding> findings) {
    List<OsFinding> ordered =
        findings.stream()
            .sorted(Comparator.comparing(OsFinding::kind).thenComparing(OsFinding::path))
            .toList();
    if (ordered.isEmpty()) {
      return Optional.empty();
    }
    OsRelease resolved = ordered.getFirst().release();
    for (OsFinding finding : ordered.subList(1, ordered.size())) {
      if (finding.release().id().equals(resolved.id())) {
        resolved = resolved.completedBy(finding.release());
      }
    }
    return Optional.of(resolved);
  }
}
