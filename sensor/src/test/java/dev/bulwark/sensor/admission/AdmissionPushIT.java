package dev.bulwark.sensor.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.sensor.policies.PolicySet;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy set pushed into the ConfigMap admission controllers mount, on a real API server. */
@RealKubernetes
class AdmissionPushIT {
  @Test
  void theConfigMapFollowsThePolicySetAndReadsBackTheSame(
      KubernetesClient client, TestNamespace namespace) {
    PolicySet first = AdmissionFilesTest.set();
    List<Policy> fewer = first.policies().subList(0, 3);
    PolicySet second = new PolicySet("fp-2", fewer, List.of());
    try (AdmissionPush push =
        new AdmissionPush(client, namespace.name(), "bulwark-enforced-policies")) {
      push.changed(first);
      assertThat(push.awaitIdle(Duration.ofSeconds(30))).isTrue();
      ConfigMap written = client.configMaps().withName("bulwark-enforced-policies").get();
      assertThat(written.getData()).containsEntry("fingerprint", "fp-1\n");
      assertThat(PolicyReader.parse(file(written, "policies.json"), "policies.json"))
          .usingRecursiveComparison()
          .isEqualTo(first.policies());
      assertThat(ExceptionReader.parse(file(written, "exceptions.yaml"), "exceptions.yaml"))
          .usingRecursiveComparison()
          .ignoringFields("file")
          .isEqualTo(first.exceptions());

      push.changed(second);
      push.changed(second);
      assertThat(push.awaitIdle(Duration.ofSeconds(30))).isTrue();
      ConfigMap updated = client.configMaps().withName("bulwark-enforced-policies").get();
      assertThat(updated.getData()).containsEntry("fingerprint", "fp-2\n");
      assertThat(PolicyReader.parse(file(updated, "policies.json"), "policies.json")).hasSize(3);
      String version = updated.getMetadata().getResourceVersion();

      push.changed(second);
      assertThat(push.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(
              client
                  .configMaps()
                  .withName("bulwark-enforced-policies")
                  .get()
                  .getMetadata()
                  .getResourceVersion())
          .as("the same fingerprint is not written again")
          .isEqualTo(version);
    }
  }

  private static String file(ConfigMap configMap, String name) {
    String content = configMap.getData().get(name);
    assertThat(content).as(name).isNotNull();
    return String.valueOf(content);
  }
}
