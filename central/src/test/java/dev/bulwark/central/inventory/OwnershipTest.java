package dev.bulwark.central.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  @Test
  void podsGiveTheirDigestsToTheirTopLevelWorkload() {
    Ownership ownership =
        new Ownership(
            List.of(
                node("d", null, Map.of()),
                node("rs", "d", Map.of()),
                node("p1", "rs", Map.of("app", Kube.DIGEST)),
                node("p2", "rs", Map.of("app", Kube.OTHER_DIGEST, "sidecar", Kube.DIGEST))));

    assertThat(ownership.deployments()).containsExactly("d");
    assertThat(ownership.rootOf("p2")).isEqualTo("d");
    assertThat(ownership.runningDigests().get("d"))
        .containsEntry("app", Set.of(Kube.DIGEST, Kube.OTHER_DIGEST))
        .containsEntry("sidecar", Set.of(Kube.DIGEST));
  }

  @Test
  void anOwnerThatIsNoWorkloadOfTheClusterLeavesItsWorkloadTopLevel() {
    Ownership ownership =
        new Ownership(
            List.of(
                node("sts", "operator-resource", "Database", Map.of()),
                node("p", "sts", Map.of())));

    assertThat(ownership.deployments()).containsExactly("sts");
    assertThat(ownership.rootOf("unknown")).isNull();
  }

  @Test
  void workloadsWhoseBuiltInControllerIsMissingBelongToNoDeploymentWhileItIsGone() {
    // A Deployment being deleted: its ReplicaSet and pods go after it, in any order.
    Ownership ownership =
        new Ownership(
            List.of(
                node("rs", "deployment", "Deployment", Map.of()),
                node("p1", "rs", Map.of("app", Kube.DIGEST)),
                node("p2", "gone-rs", "ReplicaSet", Map.of()),
                node("bare", null, Map.of())));

    assertThat(ownership.deployments()).containsExactly("bare");
    assertThat(ownership.rootOf("p1")).isNull();
    assertThat(ownership.rootOf("p2")).isNull();
    assertThat(ownership.runningDigests()).doesNotContainKey("rs");
  }

  @Test
  void anOwnershipCycleEndsAndMakesNoDeployment() {
    Ownership ownership =
        new Ownership(List.of(node("a", "b", Map.of()), node("b", "a", Map.of())));

    assertThat(ownership.deployments()).isEmpty();
  }

  private static Ownership.Node node(
      String uid, @Nullable String owner, Map<String, String> running) {
    return new Ownership.Node(uid, "ns", owner, owner == null ? null : "ReplicaSet", running);
  }

  private static Ownership.Node node(
      String uid, String owner, String ownerKind, Map<String, String> running) {
    return new Ownership.Node(uid, "ns", owner, ownerKind, running);
  }
}
