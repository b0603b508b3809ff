package dev.bulwark.central.testing.peers;

import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A generated CA and a certificate for {@code localhost} and {@code 127.0.0.1} that the peers
 * serve; clients trust {@link #caPem()}.
 */
public final class PeerCertificate {
  private static final char[] PASSWORD = "peer".toCharArray();

  private final ServingCertificate certificate;

  private PeerCertificate(ServingCertificate certificate) {
    this.certificate = certificate;
  }

  public static PeerCertificate create() {
    try {
      Path directory = Files.createTempDirectory("bulwark-peer-tls");
      return new PeerCertificate(
          ServingCertificate.selfSigned(
              directory, List.of("localhost", "127.0.0.1"), Clock.systemUTC()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CA to trust, in PEM. */
  public String caPem() {
    return certificate.caPem();
  }

  /** A server-side TLS context serving the certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(certificate.keyStore(PASSWORD), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
