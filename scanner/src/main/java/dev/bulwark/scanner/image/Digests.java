package dev.bulwark.scanner.image;

import dev.bulwark.core.io.ObservedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests in the {@code sha256:<hex>} form of OCI descriptors. Thread-safe. */
public final class Digests {
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private Digests() {}

  /** Whether text is a well-formed sha256 digest (the only algorithm accepted). */
  public static boolean isSha256(String text) {
    return SHA256.matcher(text).matches();
  }

  /**
   * Checks a digest before it is used in a path or URL.
   *
   * @throws ImageException naming where the digest came from when it is not sha256:64 hex digits
   */
  public static String requireSha256(String digest, String where) {
    if (!isSha256(digest)) {
      throw new ImageException(
          "unsupported or malformed digest '"
              + digest
              + "' in "
              + where
              + ": expected sha256:<64 hex>");
    }
    return digest;
  }

  /** The digest of bytes. */
  public static String sha256(byte[] bytes) {
    MessageDigest digest = newDigest();
    return "sha256:" + HexFormat.of().formatHex(digest.digest(bytes));
  }

  /**
   * Wraps a stream so that reading it to its end verifies it against the expected digest; a
   * mismatch fails the read that reached the end, naming the blob. Reading stops being checked if
   * the caller closes early (nothing was trusted yet beyond what was read).
   */
  public static InputStream verifying(InputStream in, String expected, String blobName) {
    return new VerifyingStream(in, expected, blobName);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static final class VerifyingStream extends ObservedInputStream {
    private final MessageDigest digest = newDigest();
    private final String expected;
    private final String blobName;
    private boolean verified;

    VerifyingStream(InputStream in, String expected, String blobName) {
      super(in);
      this.expected = expected;
      this.blobName = blobName;
    }

    @Override
    protected void observed(byte[] buffer, int offset, int count) {
      digest.update(buffer, offset, count);
    }

    @Override
    protected void ended() throws IOException {
      verify();
    }

    @Override
    public boolean markSupported() {
      return false; // a reset would digest bytes twice
    }

    private void verify() throws IOException {
      if (verified) {
        return;
      }
      verified = true;
      String actual = "sha256:" + HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(expected)) {
        throw new IOException(
            "digest mismatch for "
                + blobName
                + ": expected "
                + expected
                + ", got "
                + actual
                + " (the blob is corrupt or was tampered with)");
      }
    }
  }
}
