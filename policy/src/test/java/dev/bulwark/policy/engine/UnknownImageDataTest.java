package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestImages.vulnerability;
import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.not;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Image data that declares some of its fields unknown: criteria on them are unknown, with the
 * declared reason, and the usual three-valued logic decides the rest.
 */
class UnknownImageDataTest {
  private static final String NO_NVD = "the vulnerability data carries no NVD scores";
  private static final String NO_FIX_DATES = "the vulnerability data has no fix dates";
  private static final String NOT_CHECKED = "vulnerabilities were not checked";
  private static final String NOT_VERIFIED = "signatures are not verified";

  /** Scanned, user root, openssl and curl; NVD scores and fix dates unknown. */
  private static TestImages.DataBuilder withoutNvd() {
    return TestImages.data()
        .user("root")
        .component("openssl", "3.0.1")
        .component("curl", "8.5.0")
        .unknown(ImageFields.NVD_CVSS, NO_NVD)
        .unknown(ImageFields.DAYS_SINCE_CVE_FIX_WAS_AVAILABLE, NO_FIX_DATES);
  }

  /** Scanned, user root, openssl and curl; vulnerabilities never looked up. */
  private static ImageData notChecked() {
    return TestImages.data()
        .user("root")
        .component("openssl", "3.0.1")
        .component("curl", "8.5.0")
        .build()
        .withUnknown(ImageFields.VULNERABILITY, NOT_CHECKED);
  }

  @Test
  void aCriterionOnAnUnknownFieldIsNotEvaluatedWithTheDeclaredReason() {
    ImageData data = withoutNvd().vulnerability(vulnerability("CVE-1").cvss(9.8)).build();

    PolicyOutcome outcome = onlyOutcome(section(group("NVD CVSS", ">= 7")), data);

    assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
    assertThat(outcome.reason()).isEqualTo("needs NVD CVSS: " + NO_NVD);
  }

  @Test
  void negatingAnUnknownCriterionLeavesItUnknown() {
    assertThat(onlyOutcome(section(not("CVE", "CVE-2021-44228")), notChecked()).reason())
        .isEqualTo("needs CVE: " + NOT_CHECKED);
  }

  @Test
  void noVulnerabilitySatisfyingTheKnownCriteriaDecidesTheSection() {
    Policy policy = section(group("CVSS", ">= 7"), group("NVD CVSS", ">= 7"));
    ImageData low = withoutNvd().vulnerability(vulnerability("CVE-1").cvss(5.0)).build();
    ImageData high =
        withoutNvd()
            .vulnerability(vulnerability("CVE-1").cvss(5.0))
            .vulnerability(vulnerability("CVE-2").cvss(9.1))
            .build();
    ImageData none = withoutNvd().build();

    assertThat(evaluate(policy, low)).isEmpty();
    assertThat(evaluate(policy, none)).as("no vulnerability at all").isEmpty();
    assertThat(onlyOutcome(policy, high).reason()).isEqualTo("needs NVD CVSS: " + NO_NVD);
  }

  @Test
  void componentCriteriaLinkedToVulnerabilitiesAreDecidedPerVulnerability() {
    Policy policy = section(group("Image Component", "curl="), group("NVD CVSS", ">= 7"));
    ImageData inOpenssl = withoutNvd().vulnerability(vulnerability("CVE-1")).build();
    ImageData inCurl =
        withoutNvd().vulnerability(vulnerability("CVE-1").component("curl", "8.5.0")).build();

    assertThat(evaluate(policy, inOpenssl)).isEmpty();
    assertThat(onlyOutcome(policy, inCurl).status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
  }

  @Test
  void aFalseKnownCriterionDecidesTheSectionAndAnotherTrueSectionViolates() {
    ImageData data = withoutNvd().vulnerability(vulnerability("CVE-1").cvss(9.8)).build();
    Policy onAlpine = section(group("NVD CVSS", ">= 7"), group("Image OS", "alpine.*"));
    Policy orRoot =
        policy("NVD or root")
            .section(group("NVD CVSS", ">= 7"))
            .section(group("Image User", "root"))
            .build();

    assertThat(evaluate(onAlpine, data)).isEmpty();
    assertThat(onlyOutcome(orRoot, data).status()).isEqualTo(PolicyOutcome.Status.VIOLATED);
  }

  @Test
  void reasonsAreGroupedByReasonInTheOrderOfTheCriteria() {
    Policy policy =
        policy("Several")
            .section(group("CVSS", ">= 7"), group("NVD CVSS", ">= 7"))
            .section(group("Days Since CVE Fix Was Available", "30"))
            .section(group("Image Signature Verified By", "io.stackrox.signatureintegration.a"))
            .build();
    ImageData data =
        withoutNvd()
            .unknown(ImageFields.IMAGE_SIGNATURE_VERIFIED_BY, NOT_VERIFIED)
            // One reason for two fields: they are named together.
            .unknown(ImageFields.NVD_CVSS, NO_FIX_DATES)
            .vulnerability(vulnerability("CVE-1").cvss(9.8))
            .build();

    assertThat(onlyOutcome(policy, data).reason())
        .isEqualTo(
            "needs NVD CVSS, Days Since CVE Fix Was Available: "
                + NO_FIX_DATES
                + "; needs Image Signature Verified By: "
                + NOT_VERIFIED);
  }

  @Test
  void anUnknownSignatureVerificationNeverFiresOnItsOwn() {
    Policy verified =
        section(group("Image Signature Verified By", "io.stackrox.signatureintegration.a"));
    Policy verifiedAndRoot =
        section(
            group("Image Signature Verified By", "io.stackrox.signatureintegration.a"),
            group("Image User", "nobody"));
    ImageData data =
        TestImages.data()
            .user("root")
            .unknown(ImageFields.IMAGE_SIGNATURE_VERIFIED_BY, NOT_VERIFIED)
            .build();

    assertThat(onlyOutcome(verified, data).reason())
        .isEqualTo("needs Image Signature Verified By: " + NOT_VERIFIED);
    assertThat(evaluate(verifiedAndRoot, data)).isEmpty();
    assertThat(onlyOutcome(verified, TestImages.data().build()).status())
        .as("declared known and unverified, it fires")
        .isEqualTo(PolicyOutcome.Status.VIOLATED);
  }

  @Test
  void vulnerabilitiesNotLookedUpLeaveEveryVulnerabilityCriterionUnknown() {
    Policy log4shell = section(group("CVE", "CVE-2021-44228"));
    Policy fixable = section(group("Fixed By", ".*"), group("Severity", ">= IMPORTANT"));

    assertThat(onlyOutcome(log4shell, notChecked()).reason())
        .isEqualTo("needs CVE: " + NOT_CHECKED);
    assertThat(onlyOutcome(fixable, notChecked()).reason())
        .isEqualTo("needs Fixed By, Severity: " + NOT_CHECKED);
  }

  @Test
  void vulnerabilitiesNotLookedUpStillLetKnownCriteriaDecide() {
    Policy onAlpine = section(group("CVE", "CVE-2021-44228"), group("Image OS", "alpine.*"));
    Policy inWget = section(group("Image Component", "wget="), group("Severity", "CRITICAL"));
    Policy inCurl = section(group("Image Component", "curl="), group("Severity", "CRITICAL"));
    Policy orRoot =
        policy("CVE or root")
            .section(group("Fixable", "true"))
            .section(group("Image User", "root"))
            .build();

    assertThat(evaluate(onAlpine, notChecked())).isEmpty();
    assertThat(evaluate(inWget, notChecked())).as("no such component").isEmpty();
    assertThat(onlyOutcome(inCurl, notChecked()).reason())
        .isEqualTo("needs Severity: " + NOT_CHECKED);
    assertThat(onlyOutcome(orRoot, notChecked()).status()).isEqualTo(PolicyOutcome.Status.VIOLATED);
  }

  @Test
  void vulnerabilitiesNotLookedUpDoNotMakeTheImageUnscanned() {
    Policy unscanned = section(group("Unscanned Image", "true"));
    Policy curl = section(group("Image Component", "curl="));

    assertThat(evaluate(unscanned, notChecked())).isEmpty();
    assertThat(onlyOutcome(curl, notChecked()).violations())
        .extracting(Violation::message)
        .containsExactly(
            "Image \"shop:1\" of container \"app\" contains \"curl\" version \"8.5.0\"");
  }

  @Test
  void declaredUnknownComponentsAndDockerfileLinesAreUnknown() {
    ImageData data =
        TestImages.data()
            .unknown("Image Component", "the package list was not kept")
            .unknown("Dockerfile Line", "the image has no history")
            .build();

    assertThat(onlyOutcome(section(group("Image Component", "curl=")), data).reason())
        .isEqualTo("needs Image Component: the package list was not kept");
    assertThat(onlyOutcome(section(group("Dockerfile Line", "RUN=.*")), data).reason())
        .isEqualTo("needs Dockerfile Line: the image has no history");
  }

  @Test
  void unknownFieldsAndMissingImageDataAreBothNamed() {
    Policy policy = policy("Two images").section(group("NVD CVSS", ">= 7")).build();
    ImageData data = withoutNvd().vulnerability(vulnerability("CVE-1")).build();
    Workload twoImages =
        workload()
            .container(container("app").image("shop:1"))
            .container(container("sidecar").image("proxy:2"))
            .build();

    List<PolicyOutcome> outcomes =
        TestPolicies.compile(policy)
            .evaluate(input(twoImages, TestImages.provider("shop:1", data)), LifecycleStage.DEPLOY);

    assertThat(outcomes)
        .singleElement()
        .extracting(PolicyOutcome::reason)
        .isEqualTo("needs image data: NVD CVSS; needs NVD CVSS: " + NO_NVD);
  }

  private static Policy section(PolicyGroup... groups) {
    return policy("Under test").section(groups).build();
  }

  private static PolicyOutcome onlyOutcome(Policy policy, ImageData data) {
    List<PolicyOutcome> outcomes = evaluate(policy, data);
    assertThat(outcomes).hasSize(1);
    return outcomes.getFirst();
  }

  private static List<PolicyOutcome> evaluate(Policy policy, ImageData data) {
    return TestPolicies.compile(policy)
        .evaluate(
            input(
                workload().container(container("app").image("shop:1")).build(),
                TestImages.provider("shop:1", data)),
            LifecycleStage.DEPLOY);
  }
}
