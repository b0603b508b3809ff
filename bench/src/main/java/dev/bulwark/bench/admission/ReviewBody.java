package dev.bulwark.bench.admission;

import java.nio.charset.StandardCharsets;

/**
 * One AdmissionReview request body of the mix, serialized once. Its {@code request.uid} is {@link
 * #PLACEHOLDER_UID} at {@code uidOffset}, so that every request can carry a fresh uid of the same
 * length without serializing again.
 *
 * @param name what the body is, for reports ("Deployment CREATE privileged")
 * @param expectDenied whether the default pack must deny it (an enforced policy is violated, and on
 *     UPDATE the violation is new)
 */
public record ReviewBody(String name, byte[] bytes, int uidOffset, boolean expectDenied) {
  /** The uid the serialized body holds; same length as every uid from {@link #uid(long, long)}. */
  public static final String PLACEHOLDER_UID = "00000000-0000-0000-0000-000000000000";

  private static final byte[] PLACEHOLDER = PLACEHOLDER_UID.getBytes(StandardCharsets.US_ASCII);

  public ReviewBody {
    if (uidOffset < 0
        || uidOffset + PLACEHOLDER.length > bytes.length
        || !PLACEHOLDER_UID.equals(
            new String(bytes, uidOffset, PLACEHOLDER.length, StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("the body of " + name + " has no placeholder uid there");
    }
  }

  /** A copy of the body whose request uid is {@code uid} (as made by {@link #uid}). */
  public byte[] withUid(String uid) {
    byte[] copy = bytes.clone();
    byte[] replacement = uid.getBytes(StandardCharsets.US_ASCII);
    if (replacement.length != PLACEHOLDER.length) {
      throw new IllegalArgumentException("uid " + uid + " does not have the placeholder's length");
    }
    System.arraycopy(replacement, 0, copy, uidOffset, replacement.length);
    return copy;
  }

  /** A UUID-shaped uid unique per run and request: the run in the first group, the index last. */
  public static String uid(long run, long index) {
    return String.format("%08x-0000-4000-8000-%012x", run & 0xffffffffL, index);
  }
}
