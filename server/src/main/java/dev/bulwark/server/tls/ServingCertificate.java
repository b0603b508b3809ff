package dev.bulwark.server.tls;

import dev.bulwark.server.files.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The serving certificate of a Bulwark HTTPS server: read from PEM files, or generated with a CA of
 * its own (EC P-256) and kept in a directory so that restarts keep the CA that clients (a webhook
 * configuration's caBundle, an API client's trust store) were told to trust. Immutable.
 *
 * @param chain the serving certificate first, then its issuers
 * @param caPem the CA clients trust (PEM), e.g. a webhook configuration's caBundle; for
 *     certificates from files, the last certificate of the chain
 */
public record ServingCertificate(PrivateKey key, List<X509Certificate> chain, String caPem) {
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration SERVING_VALIDITY = Duration.ofDays(365);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  public ServingCertificate {
    chain = List.copyOf(chain);
  }

  /** A PKCS12 key store holding the key and chain, for the TLS server. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, password);
      store.setKeyEntry("serving", key, password, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the serving certificate cannot be put in a key store", e);
    }
  }

  /** The certificate and key in PEM files (a certificate file may hold the chain). */
  public static ServingCertificate fromFiles(Path certificate, Path privateKey) throws IOException {
    List<X509Certificate> chain = certificates(Files.readString(certificate));
    if (chain.isEmpty()) {
      throw new IOException(certificate + " holds no PEM certificate");
    }
    PrivateKey key = privateKey(Files.readString(privateKey), privateKey);
    return new ServingCertificate(key, chain, pem(chain.getLast()));
  }

  /**
   * The CA and serving certificate in {@code directory} (ca.crt, ca.key, tls.crt, tls.key; the keys
   * readable by the owner only), created when missing; the serving certificate is renewed, with the
   * same CA, when it expires within 30 days or lacks one of {@code names} (DNS names or IP
   * addresses). tls.crt holds the serving certificate followed by the CA, so a client that trusts
   * that file keeps trusting renewed certificates. Not safe for two processes at once on one
   * directory.
   */
  public static ServingCertificate selfSigned(Path directory, List<String> names, Clock clock)
      throws IOException {
    Files.createDirectories(directory);
    Path caCert = directory.resolve("ca.crt");
    Path caKey = directory.resolve("ca.key");
    Path cert = directory.resolve("tls.crt");
    Path key = directory.resolve("tls.key");
    try {
      if (!Files.exists(caCert) || !Files.exists(caKey)) {
        KeyPair pair = keyPair();
        X509Certificate ca = caCertificate(pair, clock.instant());
        PrivateFiles.write(caKey, pem(pair.getPrivate()));
        Files.writeString(caCert, pem(ca));
        Files.deleteIfExists(cert);
      }
      X509Certificate ca = certificates(Files.readString(caCert)).getFirst();
      PrivateKey caPrivate = privateKey(Files.readString(caKey), caKey);
      if (!Files.exists(cert) || !Files.exists(key) || needsRenewal(cert, names, clock)) {
        KeyPair pair = keyPair();
        X509Certificate serving = servingCertificate(pair, ca, caPrivate, names, clock.instant());
        PrivateFiles.write(key, pem(pair.getPrivate()));
        Files.writeString(cert, pem(serving) + pem(ca));
      }
      return fromFiles(cert, key).withCa(pem(ca));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create a serving certificate in " + directory, e);
    }
  }

  private ServingCertificate withCa(String ca) {
    return new ServingCertificate(key, chain, ca);
  }

  private static boolean needsRenewal(Path cert, List<String> names, Clock clock)
      throws IOException, GeneralSecurityException {
    X509Certificate serving = certificates(Files.readString(cert)).getFirst();
    if (serving.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE))) {
      return true;
    }
    List<String> present = new ArrayList<>();
    if (serving.getSubjectAlternativeNames() != null) {
      serving
          .getSubjectAlternativeNames()
          .forEach(entry -> present.add(String.valueOf(entry.get(1))));
    }
    return !present.containsAll(names);
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509Certificate caCertificate(KeyPair pair, Instant now)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name name = new X500Name("CN=Bulwark self-signed CA");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(CA_VALIDITY)),
            name,
            pair.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        extensions.createSubjectKeyIdentifier(pair.getPublic()));
    return sign(builder, pair.getPrivate());
  }

  private static X509Certificate servingCertificate(
      KeyPair pair, X509Certificate ca, PrivateKey caKey, List<String> names, Instant now)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    String commonName = names.isEmpty() ? "bulwark" : names.getFirst();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(SERVING_VALIDITY)),
            new X500Name("CN=" + commonName),
            pair.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(
        Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : names) {
      alternatives.add(
          IPAddress.isValid(name)
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(alternatives.toArray(new GeneralName[0])));
    return sign(builder, caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, new SecureRandom());
  }

  private static List<X509Certificate> certificates(String pem) throws IOException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate :
          factory.generateCertificates(
              new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        chain.add((X509Certificate) certificate);
      }
      return chain;
    } catch (GeneralSecurityException e) {
      throw new IOException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(String pem, Path file) throws IOException {
    try (Reader reader = new StringReader(pem);
        PEMParser parser = new PEMParser(reader)) {
      Object parsed = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (parsed instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException(file + " holds no PEM private key");
    }
  }

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      if (object instanceof PrivateKey key) {
        // PKCS#8 keeps the curve with the key, which SEC1 "EC PRIVATE KEY" output may not
        writer.writeObject(new JcaPKCS8Generator(key, null));
      } else {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
