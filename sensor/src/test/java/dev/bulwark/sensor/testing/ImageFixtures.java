package dev.bulwark.sensor.testing;

import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.util.List;
import java.util.Map;

/** An image policy and image data that violates it, for tests of the sensor's image evaluation. */
public final class ImageFixtures {
  private ImageFixtures() {}

  /** {@code fixable}: a DEPLOY policy on any vulnerability with a fixed version. */
  public static Policy fixableVulnerabilityPolicy() {
    return PolicyReader.parse(
            """
            {"id": "fixable", "name": "fixable", "categories": ["Test"],
             "lifecycleStages": ["DEPLOY"], "severity": "HIGH_SEVERITY",
             "policySections": [{"policyGroups": [{"fieldName": "Fixed By",
                                                   "values": [{"value": ".*"}]}]}]}
            """,
            "test")
        .getFirst();
  }

  /** A scanned Debian image whose openssl has an important vulnerability fixed in 3.0.13. */
  public static ImageData withFixableVulnerability() {
    ImageComponent openssl = new ImageComponent("openssl", "3.0.11");
    return new ImageData(
        true,
        "debian:12",
        null,
        Map.of(),
        List.of(openssl),
        List.of(
            new ImageVulnerability(
                "CVE-2024-0001",
                openssl,
                7.5,
                7.5,
                VulnerabilitySeverity.IMPORTANT,
                "3.0.13",
                null,
                null,
                null,
                null)),
        List.of(),
        null,
        null,
        List.of());
  }
}
