package dev.bulwark.detect.report;

import dev.bulwark.policy.model.Severity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One violation of one policy by one object.
 *
 * @param policy the policy name
 * @param policyId the policy identifier, matching {@link PolicyInfo#id()}
 * @param message what is wrong, in words a person can act on
 * @param file the file the offending field is in
 * @param line the 1-based line of the offending field, 0 when unknown
 * @param column the 1-based column of the offending field, 0 when unknown
 * @param path the dotted path of the offending field, such as {@code
 *     spec.template.spec.containers[0].securityContext.privileged}
 * @param blocking whether this finding fails the run (an enforced policy, not waived)
 * @param waived whether an exception or annotation waives this finding
 * @param waiver why the finding is waived; non-null exactly when {@code waived}
 * @param controls compliance controls of the policy
 */
public record Finding(
    String policy,
    String policyId,
    Severity severity,
    String message,
    String file,
    int line,
    int column,
    String path,
    boolean blocking,
    boolean waived,
    @Nullable WaiverInfo waiver,
    List<String> controls) {
  public Finding {
    controls = List.copyOf(controls);
  }
}
