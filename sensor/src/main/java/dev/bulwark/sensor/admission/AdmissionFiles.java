package dev.bulwark.sensor.admission;

import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.sensor.policies.PolicySet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of the admission ConfigMap: {@value #POLICIES} (the policies in StackRox's JSON with
 * Bulwark's extensions, read by {@code --policies}), {@value #EXCEPTIONS} (read by {@code
 * --exceptions}) and {@value #FINGERPRINT} (central's fingerprint of the set, for people and tools
 * comparing versions).
 */
final class AdmissionFiles {
  static final String POLICIES = "policies.json";
  static final String EXCEPTIONS = "exceptions.yaml";
  static final String FINGERPRINT = "fingerprint";

  private AdmissionFiles() {}

  /** The ConfigMap's data for {@code set}, file name to content. */
  static Map<String, String> of(PolicySet set) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(POLICIES, PolicyWriter.toStackRoxJson(set.policies(), true));
    files.put(EXCEPTIONS, ExceptionDocument.write(set.exceptions()));
    files.put(FINGERPRINT, set.fingerprint() + "\n");
    return files;
  }
}
