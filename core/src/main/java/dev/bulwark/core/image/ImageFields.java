package dev.bulwark.core.image;

import java.util.List;

/**
 * Names of image data as policies name it (StackRox's policy field names), for providers that
 * declare in {@link ImageData#unknownFields()} what they do not know. The names are data: the
 * policy engine matches them against the field names of its criteria.
 */
public final class ImageFields {
  public static final String CVE = "CVE";
  public static final String CVSS = "CVSS";
  public static final String NVD_CVSS = "NVD CVSS";
  public static final String SEVERITY = "Severity";
  public static final String FIXABLE = "Fixable";
  public static final String FIXED_BY = "Fixed By";
  public static final String DAYS_SINCE_CVE_WAS_PUBLISHED = "Days Since CVE Was Published";
  public static final String DAYS_SINCE_CVE_FIX_WAS_AVAILABLE = "Days Since CVE Fix Was Available";
  public static final String DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE =
      "Days Since CVE Was First Discovered In Image";
  public static final String DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM =
      "Days Since CVE Was First Discovered In System";
  public static final String IMAGE_SIGNATURE_VERIFIED_BY = "Image Signature Verified By";
  public static final String IMAGE_USER = "Image User";
  public static final String IMAGE_AGE = "Image Age";
  public static final String REQUIRED_IMAGE_LABEL = "Required Image Label";
  public static final String DISALLOWED_IMAGE_LABEL = "Disallowed Image Label";
  public static final String DOCKERFILE_LINE = "Dockerfile Line";

  /** Every field read from the image's vulnerabilities, {@link #CVE} first. */
  public static final List<String> VULNERABILITY =
      List.of(
          CVE,
          CVSS,
          NVD_CVSS,
          SEVERITY,
          FIXABLE,
          FIXED_BY,
          DAYS_SINCE_CVE_WAS_PUBLISHED,
          DAYS_SINCE_CVE_FIX_WAS_AVAILABLE,
          DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE,
          DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM);

  /** Every field read from the image's configuration: user, creation time, labels, history. */
  public static final List<String> CONFIGURATION =
      List.of(IMAGE_USER, IMAGE_AGE, REQUIRED_IMAGE_LABEL, DISALLOWED_IMAGE_LABEL, DOCKERFILE_LINE);

  private ImageFields() {}
}
