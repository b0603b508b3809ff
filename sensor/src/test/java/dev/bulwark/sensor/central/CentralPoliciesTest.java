package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.sensor.policies.ActivePolicies;
import dev.bulwark.sensor.policies.PolicySet;
import dev.bulwark.sensor.testing.RecordingCentral;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralPoliciesTest {
  @TempDir Path tls;
  @TempDir Path state;
  private RecordingCentral central;
  private final List<PolicySet> heard = new ArrayList<>();
  private final List<ActivePolicies> compiled = new ArrayList<>();

  @BeforeEach
  void start() {
    central = RecordingCentral.start(tls);
  }

  @AfterEach
  void stop() {
    central.close();
  }

  @Test
  void aNewSetIsCompiledAndHeardOnceAndAnUnchangedOneCostsA304() throws IOException {
    central.policies(body("f1", List.of(privileged()), exceptionFor("privileged-container")));
    CentralPolicies policies = policies();

    policies.poll();
    policies.poll();

    assertThat(heard).extracting(PolicySet::fingerprint).containsExactly("f1");
    assertThat(heard.getFirst().policies())
        .extracting(Policy::id)
        .containsExactly("privileged-container");
    assertThat(heard.getFirst().exceptions()).hasSize(1);
    assertThat(compiled.getFirst().compiled().policies()).hasSize(1);
    assertThat(central.calls().getLast().ifNoneMatch()).containsExactly("\"f1\"");

    central.policies(body("f2", List.of(), ""));
    policies.poll();

    assertThat(heard).extracting(PolicySet::fingerprint).containsExactly("f1", "f2");
  }

  @Test
  void aRestartWithoutCentralEvaluatesWithTheCachedSet() throws IOException {
    central.policies(body("cached", List.of(privileged()), ""));
    policies().poll();
    central.failWith(503);
    heard.clear();

    CentralPolicies restarted = policies();
    restarted.loadCache();
    restarted.poll();

    assertThat(restarted.current()).map(active -> active.set().fingerprint()).hasValue("cached");
    assertThat(heard).extracting(PolicySet::fingerprint).containsExactly("cached");
  }

  @Test
  void anUnusableSetKeepsTheLastGoodOne() throws IOException {
    central.policies(body("good", List.of(privileged()), ""));
    CentralPolicies policies = policies();
    policies.poll();

    central.respond(call -> new RecordingCentral.Answer(200, "{\"fingerprint\": 3}"));
    policies.poll();

    assertThat(policies.current()).map(active -> active.set().fingerprint()).hasValue("good");
    assertThat(heard).hasSize(1);
  }

  private CentralPolicies policies() throws IOException {
    CentralClient client =
        new CentralClient(
            central.url(), central.cluster, "sensor-token", central.caFile, Duration.ofSeconds(5));
    return new CentralPolicies(client, state, List.of(heard::add), compiled::add);
  }

  static Policy privileged() {
    return BuiltinPolicies.all().stream()
        .filter(policy -> policy.id().equals("privileged-container"))
        .findFirst()
        .orElseThrow();
  }

  static String exceptionFor(String policyId) {
    return """
    {"name": "waive", "policies": ["%s"], "scope": {"namespaces": ["legacy"]},
     "owner": "o", "reason": "r"}
    """
        .formatted(policyId);
  }

  /** Central's answer: the fingerprint, the policies as an export bundle, the exceptions. */
  static String body(String fingerprint, List<Policy> policies, String exceptions) {
    return "{\"fingerprint\": \""
        + fingerprint
        + "\", \"policies\": "
        + PolicyWriter.toStackRoxJson(policies, true)
        + ", \"exceptions\": ["
        + exceptions
        + "]}";
  }
}
