package dev.bulwark.central.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for the database with the installation's key: AES-256-GCM with a random 96-bit
 * nonce per value. A sealed value is {@code version (1 byte) | key id (8) | nonce (12) | ciphertext
 * and tag}; the key id (from a hash of the key, not the key) tells "sealed with another key" apart
 * from "damaged". Each value is bound to a context (e.g. {@code notifier/<id>/password}) as
 * associated data, so a sealed value copied to another row does not open there. Thread-safe; {@link
 * #toString()} shows the key id only.
 */
public final class SecretBox {
  /** Keys are 256 bits. */
  public static final int KEY_BYTES = 32;

  private static final byte VERSION = 1;
  private static final int KEY_ID_BYTES = 8;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final byte[] keyId;

  /**
   * @throws IllegalArgumentException when the key is not 32 bytes
   */
  public SecretBox(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "the secrets key must be " + KEY_BYTES + " bytes, found " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyId = keyId(key);
  }

  /**
   * A key written in base64 (standard or URL-safe, surrounding whitespace ignored), as {@code
   * openssl rand -base64 32} prints it.
   *
   * @param source where the text came from, for the error message
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static SecretBox fromBase64(String text, String source) {
    String trimmed = text.strip();
    byte[] key;
    try {
      key =
          trimmed.contains("-") || trimmed.contains("_")
              ? Base64.getUrlDecoder().decode(trimmed)
              : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + " is not base64; make a key with: openssl rand -base64 32", e);
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          source
              + " holds "
              + key.length
              + " bytes; the secrets key is "
              + KEY_BYTES
              + " random bytes in base64 (openssl rand -base64 32)");
    }
    return new SecretBox(key);
  }

  /** A new random key, in the base64 form {@link #fromBase64} reads. */
  public static String newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The key's id (hex), shown in messages instead of the key. */
  public String keyId() {
    return HexFormat.of().formatHex(keyId);
  }

  /** Seals {@code secret} for {@code context}. */
  public byte[] seal(String secret, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(HEADER_BYTES + sealed.length)
          .put(VERSION)
          .put(keyId)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * Opens a value sealed for {@code context}.
   *
   * @throws SecretException when another key sealed it, or it was sealed for another context,
   *     changed or truncated
   */
  public Secret open(byte[] sealed, String context) throws SecretException {
    if (sealed.length <= HEADER_BYTES || sealed[0] != VERSION) {
      throw new SecretException("the sealed value is damaged or of an unknown version");
    }
    byte[] sealedKeyId = Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_BYTES);
    if (!MessageDigest.isEqual(sealedKeyId, keyId)) {
      throw new SecretException(
          "the value was sealed with the key "
              + HexFormat.of().formatHex(sealedKeyId)
              + ", not with the configured key "
              + keyId());
    }
    byte[] nonce = Arrays.copyOfRange(sealed, 1 + KEY_ID_BYTES, HEADER_BYTES);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
      byte[] plain = cipher.doFinal(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
      return new Secret(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new SecretException(
          "the sealed value does not open for '" + context + "': changed, damaged or moved", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[key " + keyId() + "]";
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static byte[] keyId(byte[] key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update("bulwark secrets key id".getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest.digest(key), KEY_ID_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
