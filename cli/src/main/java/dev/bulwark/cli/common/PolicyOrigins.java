package dev.bulwark.cli.common;

import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.io.SourceFiles;
import dev.bulwark.policy.model.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the file behind a compile problem. The compiler sees policies, not files, so its problems
 * (a regular expression or CEL rule that does not compile) carry no file; this looks the policy up
 * again in the paths it was read from. Only runs when compilation failed, so the extra read costs
 * nothing on the normal path.
 */
public final class PolicyOrigins {
  private PolicyOrigins() {}

  /** {@code failure}'s problems, each with the file that declares its policy when it is found. */
  public static InvalidPolicyException withFiles(InvalidPolicyException failure, List<Path> paths) {
    Map<String, String> files = new HashMap<>();
    for (Path path : paths) {
      files.putAll(filesByPolicyName(path));
    }
    List<Problem> problems = new ArrayList<>();
    for (Problem problem : failure.problems()) {
      String file = files.get(problem.policy());
      problems.add(
          file == null
              ? problem
              : new Problem(file, problem.policy(), problem.field(), problem.reason()));
    }
    return new InvalidPolicyException(problems);
  }

  // Names are unique within one read of a path, so each name maps to exactly one file.
  private static Map<String, String> filesByPolicyName(Path path) {
    Map<String, String> files = new HashMap<>();
    SourceFiles.forEach(
        path,
        (origin, text) -> {
          for (Policy policy : PolicyReader.parse(text, origin)) {
            files.put(policy.name(), origin);
          }
        },
        (origin, reason) -> {});
    return files;
  }
}
