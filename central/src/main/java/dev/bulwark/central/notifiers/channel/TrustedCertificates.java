package dev.bulwark.central.notifiers.channel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * TLS for outgoing connections: the JDK's CAs, or exactly the certificates of a notifier's {@code
 * caCertificate} setting. Hostname verification is always on.
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  /** The certificates in {@code pem}; none when it holds no PEM certificate. */
  static Collection<? extends Certificate> parse(String pem) throws CertificateException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
  }

  /** A TLS context trusting {@code pem}'s certificates, or the JDK's CAs when null. */
  public static SSLContext context(@Nullable String pem) throws DeliveryException {
    try {
      if (pem == null) {
        return SSLContext.getDefault();
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int index = 0;
      for (Certificate certificate : parse(pem)) {
        trust.setCertificateEntry("trusted-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new DeliveryException("the caCertificate setting cannot be used: " + e, true, e);
    }
  }

  /** Parameters that verify the peer's name as HTTPS does. */
  static SSLParameters verifyingHostname(SSLContext context) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }
}
