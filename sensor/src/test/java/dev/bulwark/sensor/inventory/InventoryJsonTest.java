package dev.bulwark.sensor.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.sensor.testing.Kube;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InventoryJsonTest {
  @Test
  void aSecretKeepsOnlyItsTypeAndMetadata() {
    ReportedObject secret =
        Kube.object(
            """
            {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
             "metadata": {"namespace": "shop", "name": "db", "uid": "s1",
               "annotations": {"kubectl.kubernetes.io/last-applied-configuration":
                 "{\\"data\\": {\\"password\\": \\"aHVudGVyMg==\\"}}"}},
             "data": {"password": "aHVudGVyMg=="}, "stringData": {"token": "hunter2"},
             "immutable": true}
            """);

    ObjectNode tree = secret.tree();
    assertThat(tree.properties())
        .extracting(entry -> entry.getKey())
        .containsExactlyInAnyOrder("apiVersion", "kind", "type", "metadata");
    String text = new String(secret.json(), StandardCharsets.UTF_8);
    assertThat(text)
        .doesNotContain("aHVudGVyMg==")
        .doesNotContain("hunter2")
        .doesNotContain("last-applied");
    assertThat(secret.workload()).isFalse();
  }

  @Test
  void managedFieldsAndLastAppliedCopiesAreDroppedFromEveryObject() {
    ReportedObject deployment =
        Kube.object(
            """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"namespace": "shop", "name": "web", "uid": "d1",
               "managedFields": [{"manager": "kubectl"}],
               "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}",
                 "team": "a"}},
             "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}
            """);

    ObjectNode metadata = (ObjectNode) deployment.tree().get("metadata");
    assertThat(metadata.has("managedFields")).isFalse();
    assertThat(metadata.get("annotations").toString()).isEqualTo("{\"team\":\"a\"}");
    assertThat(deployment.workload()).isTrue();
    assertThat(deployment.namespace()).isEqualTo("shop");
  }

  @Test
  void theControllerAndWorkloadShapeAreRead() {
    ReportedObject pod = Kube.owned("Pod", "shop", "web-1", "p1", "rs1");
    ReportedObject service =
        Kube.object(
            """
            {"apiVersion": "v1", "kind": "Service",
             "metadata": {"namespace": "shop", "name": "web", "uid": "svc1"},
             "spec": {"selector": {"app": "web"}}}
            """);
    ReportedObject custom =
        Kube.object(
            """
            {"apiVersion": "example.com/v1", "kind": "Runner",
             "metadata": {"namespace": "shop", "name": "r", "uid": "cr1"},
             "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}
            """);

    assertThat(pod.ownerUid()).isEqualTo("rs1");
    assertThat(pod.workload()).isTrue();
    assertThat(service.workload()).isFalse();
    assertThat(service.ownerUid()).isNull();
    assertThat(custom.workload()).isTrue();
  }

  @Test
  void objectsWithoutIdentityAreRefused() {
    assertThat(
            InventoryJson.read(
                Kube.tree("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {}}")))
        .isEmpty();
    assertThat(InventoryJson.read(Kube.tree("{\"kind\": \"Pod\", \"metadata\": {\"uid\": \"u\"}}")))
        .as("no name, no apiVersion")
        .isEmpty();
  }

  @Test
  void aDeletionReferenceCarriesOnlyIdentity() {
    ReportedObject deployment = Kube.deployment("shop", "web", "d1", true);

    assertThat(deployment.reference().toString())
        .isEqualTo(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                + "\"namespace\":\"shop\",\"uid\":\"d1\"}}");
  }
}
