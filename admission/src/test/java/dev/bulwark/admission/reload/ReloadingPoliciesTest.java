package dev.bulwark.admission.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.admission.Reviews;
import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.review.AdmissionReviews;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.PolicyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files changed under a running controller: taken atomically, or kept when broken. */
class ReloadingPoliciesTest {
  private static final AdmissionReviews REVIEWS = new AdmissionReviews();

  @Test
  void aChangedPolicyTakesEffectAndABrokenOneKeepsTheLastGoodSet(@TempDir Path policies)
      throws Exception {
    Files.writeString(policies.resolve("tags.json"), policy("forbidden"));
    ReloadingPolicies reloading =
        new ReloadingPolicies(List.of(policies), null, () -> load(policies));
    byte[] image = review("registry.example.com/app:forbidden");
    byte[] other = review("registry.example.com/app:other");

    assertThat(allowed(reloading, image)).isFalse();
    assertThat(reloading.check()).as("nothing changed").isFalse();

    Files.writeString(policies.resolve("tags.json"), policy("other"));
    assertThat(reloading.check()).isTrue();
    assertThat(allowed(reloading, image)).isTrue();
    assertThat(allowed(reloading, other)).isFalse();

    Files.writeString(policies.resolve("tags.json"), "{\"id\": \"broken\", \"name\": ");
    assertThat(reloading.check()).isFalse();
    assertThat(reloading.lastFailure()).contains("tags.json");
    assertThat(allowed(reloading, other)).as("the last good set stays").isFalse();

    Files.writeString(policies.resolve("tags.json"), policy("forbidden"));
    assertThat(reloading.check()).isTrue();
    assertThat(reloading.lastFailure()).isNull();
    assertThat(allowed(reloading, image)).isFalse();
  }

  @Test
  void theVersionInForceIsTheVersionFilesUntilAReloadFails(@TempDir Path directory)
      throws Exception {
    Path policies = Files.createDirectory(directory.resolve("policies"));
    Files.writeString(policies.resolve("tags.json"), policy("forbidden"));
    Path version = Files.writeString(directory.resolve("fingerprint"), "set-1\n");
    ReloadingPolicies reloading =
        new ReloadingPolicies(List.of(policies), version, () -> load(policies));

    assertThat(reloading.version()).isEqualTo("set-1");

    Files.writeString(policies.resolve("tags.json"), policy("other"));
    Files.writeString(version, "set-2\n");
    assertThat(reloading.check()).isTrue();
    assertThat(reloading.version()).isEqualTo("set-2");

    Files.writeString(version, "\n");
    assertThat(reloading.check()).isFalse();
    assertThat(reloading.lastFailure()).contains("does not name a policy set version");
    assertThat(reloading.version()).isEqualTo("set-2");

    Files.delete(version);
    assertThat(reloading.check()).isFalse();
    assertThat(reloading.lastFailure()).contains("cannot read the policy set's version");
    assertThat(reloading.version()).isEqualTo("set-2");
  }

  @Test
  void withoutAVersionFileTheVersionIsADigestOfTheFiles(@TempDir Path policies) throws Exception {
    Files.writeString(policies.resolve("tags.json"), policy("forbidden"));
    ReloadingPolicies reloading =
        new ReloadingPolicies(List.of(policies), null, () -> load(policies));
    String first = reloading.version();

    Files.writeString(policies.resolve("tags.json"), policy("other"));
    reloading.check();

    assertThat(first).startsWith("files:");
    assertThat(reloading.version()).startsWith("files:").isNotEqualTo(first);
  }

  @Test
  void fingerprintsFollowContentsNotTimestamps(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("a.json"), "1");
    String before = Fingerprint.of(List.of(directory));
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

    assertThat(Fingerprint.of(List.of(directory))).isEqualTo(before);
    Files.writeString(directory.resolve("b.json"), "2");
    assertThat(Fingerprint.of(List.of(directory))).isNotEqualTo(before);
  }

  private static boolean allowed(ReloadingPolicies reloading, byte[] review) throws Exception {
    return reloading.get().decide(REVIEWS.read(review)).allowed();
  }

  private static byte[] review(String image) {
    return Reviews.review(
        "CREATE",
        "shop",
        Reviews.deployment("web", "{}").replace("registry.example.com/app:1.0", image),
        null);
  }

  private static AdmissionDecider load(Path directory) {
    return new AdmissionDecider(
        PolicyCompiler.compile(PolicyReader.read(directory), List.of()),
        AdmissionSettings.defaults(),
        ReadLimits.DEFAULT,
        Clock.systemUTC());
  }

  private static String policy(String tag) {
    return """
    {"id": "forbidden-tag", "name": "Forbidden tag", "severity": "HIGH_SEVERITY",
     "description": "Images tagged %s are not deployed.",
     "lifecycleStages": ["DEPLOY"], "categories": ["Security Best Practices"],
     "enforcementActions": ["FAIL_DEPLOYMENT_CREATE_ENFORCEMENT"],
     "policySections": [{"policyGroups": [{"fieldName": "Image Tag",
       "values": [{"value": "%s"}]}]}]}
    """
        .formatted(tag, tag);
  }
}
