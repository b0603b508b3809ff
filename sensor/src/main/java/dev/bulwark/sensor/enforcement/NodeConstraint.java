package dev.bulwark.sensor.enforcement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The unsatisfiable node selector: {@value #KEY} set to a value naming the policy. No node carries
 * this label (nobody should label a node with it), so the scheduler leaves new pods Pending and the
 * name tells whoever looks which policy stopped them.
 */
final class NodeConstraint {
  /** The node label key the selector requires. */
  static final String KEY = "bulwark.dev/enforcement";

  private static final int MAX_VALUE_LENGTH = 63;
  private static final int HASH_LENGTH = 8;
  private static final Pattern VALID_VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern INVALID_CHARACTERS = Pattern.compile("[^-A-Za-z0-9_.]");

  private NodeConstraint() {}

  /**
   * The label value for {@code policyId}: the id itself when it is a valid label value (UUIDs and
   * built-in ids are), else the id with invalid characters replaced by '-', cut short, and ending
   * in '-' and 8 hex digits of its SHA-256 so that distinct ids stay distinct.
   */
  static String value(String policyId) {
    if (VALID_VALUE.matcher(policyId).matches()) {
      return policyId;
    }
    String hash = sha256(policyId).substring(0, HASH_LENGTH);
    String cleaned = INVALID_CHARACTERS.matcher(policyId).replaceAll("-");
    int room = MAX_VALUE_LENGTH - HASH_LENGTH - 1;
    String prefix = cleaned.length() > room ? cleaned.substring(0, room) : cleaned;
    prefix = prefix.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    return prefix.isEmpty() ? hash : prefix + "-" + hash;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
