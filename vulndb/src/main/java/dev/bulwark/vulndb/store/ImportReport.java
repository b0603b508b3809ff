package dev.bulwark.vulndb.store;

import java.util.List;

/**
 * The outcome of an import.
 *
 * @param read records read
 * @param added records new to the store
 * @param replaced records that replaced an older (or equally old) version
 * @param keptNewer records skipped because the store holds a newer version
 * @param problems rejected documents and warnings, in the order they were met
 */
public record ImportReport(
    int read, int added, int replaced, int keptNewer, List<ImportProblem> problems) {
  public ImportReport {
    problems = List.copyOf(problems);
  }

  /** How many documents were rejected. */
  public long rejected() {
    return problems.stream().filter(ImportProblem::rejected).count();
  }
}
