package dev.bulwark.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopLevelOwnersTest {
  private static final TopLevelOwners.Controller NONE = new TopLevelOwners.Controller(null, null);

  @Test
  void workloadsBelongToTheTopOfTheirControllerChain() {
    Map<String, String> roots =
        TopLevelOwners.of(
            Map.of(
                "deployment", NONE,
                "rs", controller("deployment", "Deployment"),
                "pod", controller("rs", "ReplicaSet"),
                "cronjob", NONE,
                "job", controller("cronjob", "CronJob"),
                "job-pod", controller("job", "Job")));

    assertThat(roots)
        .containsEntry("pod", "deployment")
        .containsEntry("rs", "deployment")
        .containsEntry("deployment", "deployment")
        .containsEntry("job-pod", "cronjob");
  }

  @Test
  void aControllerThatIsNoWorkloadLeavesItsWorkloadTopLevel() {
    Map<String, String> roots =
        TopLevelOwners.of(
            Map.of(
                "sts", controller("cluster-1", "PostgresCluster"),
                "pod", controller("sts", "StatefulSet")));

    assertThat(roots).containsEntry("sts", "sts").containsEntry("pod", "sts");
  }

  @Test
  void workloadsWhoseBuiltInControllerIsMissingBelongToNone() {
    Map<String, String> roots =
        TopLevelOwners.of(
            Map.of(
                "rs", controller("deleted-deployment", "Deployment"),
                "pod", controller("rs", "ReplicaSet"),
                "orphan", controller("deleted-rs", "ReplicaSet"),
                "bare", NONE));

    assertThat(roots).containsOnlyKeys("bare");
  }

  @Test
  void aCycleOfControllersMakesNoDeployment() {
    Map<String, String> roots =
        TopLevelOwners.of(Map.of("a", controller("b", "ReplicaSet"), "b", controller("a", "Job")));

    // Each ends at the other, so neither is its own top-level workload: no deployment.
    assertThat(roots).containsEntry("a", "b").containsEntry("b", "a");
  }

  private static TopLevelOwners.Controller controller(String uid, String kind) {
    return new TopLevelOwners.Controller(uid, kind);
  }
}
