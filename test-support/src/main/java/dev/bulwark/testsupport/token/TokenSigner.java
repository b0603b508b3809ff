package dev.bulwark.testsupport.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs registry bearer tokens: JSON Web Tokens (ES256, EC P-256) in the form the Docker
 * distribution registry's {@code token} authentication checks. Its key comes with a self-signed
 * certificate, the registry's {@code rootcertbundle}; each token carries that certificate in its
 * {@code x5c} header, which distribution 2.8 verifies against the bundle before checking the
 * signature (its other way, a {@code kid} holding libtrust's fingerprint of a bundled key, is not
 * used). Thread-safe; made for tests, so the key lives in memory only.
 */
public final class TokenSigner {
  private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(1);
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final KeyPair key;
  private final X509Certificate certificate;

  private TokenSigner(KeyPair key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** A signer with a fresh key and a certificate for {@code CN=commonName}, valid for a day. */
  public static TokenSigner generate(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair key = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + commonName);
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(CERTIFICATE_VALIDITY)),
              name,
              key.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
      return new TokenSigner(key, certificate);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot create the token signing key", e);
    }
  }

  /** The certificate of the signing key. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate in PEM, the registry's {@code rootcertbundle}. */
  public String certificatePem() {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(encoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /**
   * A signed token.
   *
   * @param issuer the {@code iss} claim: the registry's configured issuer
   * @param audience the {@code aud} claim: the registry's configured service
   * @param subject the {@code sub} claim: the user
   * @param access what the token allows
   * @param issuedAt {@code iat} and {@code nbf}
   * @param lifetime from {@code iat} to {@code exp}
   */
  public String sign(
      String issuer,
      String audience,
      String subject,
      List<Grant> access,
      Instant issuedAt,
      Duration lifetime) {
    String header =
        "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\""
            + Base64.getEncoder().encodeToString(encoded())
            + "\"]}";
    long iat = issuedAt.getEpochSecond();
    String claims =
        "{\"iss\":"
            + Json.string(issuer)
            + ",\"sub\":"
            + Json.string(subject)
            + ",\"aud\":"
            + Json.string(audience)
            + ",\"exp\":"
            + (iat + lifetime.toSeconds())
            + ",\"nbf\":"
            + iat
            + ",\"iat\":"
            + iat
            + ",\"jti\":"
            + Json.string(UUID.randomUUID().toString())
            + ",\"access\":"
            + access.stream().map(Grant::json).collect(Collectors.joining(",", "[", "]"))
            + "}";
    String signed = base64(header) + "." + base64(claims);
    try {
      // JWS wants the raw r||s form of the ECDSA signature, not DER.
      Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initSign(key.getPrivate());
      signature.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  private byte[] encoded() {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the token certificate", e);
    }
  }

  private static String base64(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One entry of the token's {@code access} claim.
   *
   * @param type resource type, {@code repository} for images
   * @param name the repository
   * @param actions allowed actions, such as {@code pull} and {@code push}
   */
  public record Grant(String type, String name, List<String> actions) {
    public Grant {
      actions = List.copyOf(actions);
    }

    String json() {
      return "{\"type\":"
          + Json.string(type)
          + ",\"name\":"
          + Json.string(name)
          + ",\"actions\":"
          + actions.stream().map(Json::string).collect(Collectors.joining(",", "[", "]"))
          + "}";
    }
  }
}
