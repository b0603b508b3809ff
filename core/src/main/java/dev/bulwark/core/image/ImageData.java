package dev.bulwark.core.image;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metadata and scan results of one image, and what the provider of them does not know. Immutable.
 *
 * <p>A value the provider has not got is never to be read as its zero, empty or null stand-in (an
 * NVD score of 0, no signature verification, no vulnerabilities): the provider declares its field
 * unknown instead, and the policy engine then leaves criteria on it undecided, with the reason.
 *
 * @param scanned false when metadata is known but the image was never scanned: then nothing read
 *     from a scan (operating system, components, vulnerabilities) is known
 * @param verifiedBy IDs of the signature integrations that verified the image's signature
 * @param unknownFields what the provider does not know although the image is described: policy
 *     field name (as {@link ImageFields} names them) to the reason, in words for people (such as
 *     "NVD CVSS" to "the vulnerability data carries no NVD scores"). Declaring {@link
 *     ImageFields#CVE} unknown says that the vulnerabilities were not looked up at all, so which
 *     vulnerabilities the image has is unknown too, and {@code vulnerabilities} must be empty
 * @throws IllegalArgumentException when a reason is blank, or when vulnerabilities are listed while
 *     {@link ImageFields#CVE} is declared unknown
 */
public record ImageData(
    boolean scanned,
    @Nullable String os,
    @Nullable String user,
    Map<String, String> labels,
    List<ImageComponent> components,
    List<ImageVulnerability> vulnerabilities,
    List<DockerfileLine> dockerfile,
    @Nullable Instant created,
    @Nullable Instant scanTime,
    List<String> verifiedBy,
    Map<String, String> unknownFields) {
  public ImageData {
    labels = Map.copyOf(labels);
    components = List.copyOf(components);
    vulnerabilities = List.copyOf(vulnerabilities);
    dockerfile = List.copyOf(dockerfile);
    verifiedBy = List.copyOf(verifiedBy);
    unknownFields = Map.copyOf(unknownFields);
    for (Map.Entry<String, String> unknown : unknownFields.entrySet()) {
      if (unknown.getValue().isBlank()) {
        throw new IllegalArgumentException("unknown field " + unknown.getKey() + " has no reason");
      }
    }
    if (unknownFields.containsKey(ImageFields.CVE) && !vulnerabilities.isEmpty()) {
      throw new IllegalArgumentException(
          "vulnerabilities are listed although they are declared unknown");
    }
  }

  /** Image data whose every field is known (or, when {@code scanned} is false, unscanned). */
  public ImageData(
      boolean scanned,
      @Nullable String os,
      @Nullable String user,
      Map<String, String> labels,
      List<ImageComponent> components,
      List<ImageVulnerability> vulnerabilities,
      List<DockerfileLine> dockerfile,
      @Nullable Instant created,
      @Nullable Instant scanTime,
      List<String> verifiedBy) {
    this(
        scanned,
        os,
        user,
        labels,
        components,
        vulnerabilities,
        dockerfile,
        created,
        scanTime,
        verifiedBy,
        Map.of());
  }

  /**
   * True unless the vulnerabilities were not looked up ({@link ImageFields#CVE} is declared
   * unknown): then the empty list of vulnerabilities says nothing about the image.
   */
  public boolean vulnerabilitiesKnown() {
    return !unknownFields.containsKey(ImageFields.CVE);
  }

  /**
   * This data with {@code fields} declared unknown for {@code reason}, replacing the reason of any
   * already declared; declaring {@link ImageFields#CVE} unknown drops the vulnerabilities.
   */
  public ImageData withUnknown(Collection<String> fields, String reason) {
    Map<String, String> unknown = new HashMap<>(unknownFields);
    for (String field : fields) {
      unknown.put(field, reason);
    }
    return new ImageData(
        scanned,
        os,
        user,
        labels,
        components,
        unknown.containsKey(ImageFields.CVE) ? List.of() : vulnerabilities,
        dockerfile,
        created,
        scanTime,
        verifiedBy,
        unknown);
  }
}
