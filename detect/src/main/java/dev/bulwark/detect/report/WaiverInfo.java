package dev.bulwark.detect.report;

import org.jspecify.annotations.Nullable;

/**
 * Why a finding is waived.
 *
 * @param kind {@value #EXCEPTION} for a policy exception, {@value #ANNOTATION} for the object's own
 *     ignore annotation
 * @param name the exception name, or the annotation key
 * @param reason the justification the author wrote
 * @param expires when the waiver stops applying, as an ISO-8601 date-time; null if never
 */
public record WaiverInfo(
    String kind,
    String name,
    String reason,
    @Nullable String owner,
    @Nullable String ticket,
    @Nullable String expires) {
  /** The {@code kind} of a waiver that comes from a policy exception. */
  public static final String EXCEPTION = "exception";

  /** The {@code kind} of a waiver that comes from an annotation on the object. */
  public static final String ANNOTATION = "annotation";
}
