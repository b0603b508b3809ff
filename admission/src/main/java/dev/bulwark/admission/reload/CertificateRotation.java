package dev.bulwark.admission.reload;

import dev.bulwark.server.tls.ServingCertificate;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a rotated certificate: when the certificate files change (cert-manager renewing a Secret,
 * or the controller renewing its own), the new one is loaded and handed to the server for new
 * connections. A certificate that cannot be loaded (a half-written file) keeps the current one.
 * {@link #check} runs on one thread at a time.
 */
public final class CertificateRotation {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateRotation.class);

  /** Loads the certificate; throws when the files are not a usable certificate and key. */
  @FunctionalInterface
  public interface Loader {
    ServingCertificate load() throws Exception;
  }

  /** Puts a certificate in service. */
  @FunctionalInterface
  public interface Server {
    void serve(ServingCertificate certificate) throws Exception;
  }

  private final List<Path> watched;
  private final Loader loader;
  private final Server server;
  private String fingerprint;

  public CertificateRotation(List<Path> watched, Loader loader, Server server) {
    this.watched = List.copyOf(watched);
    this.loader = loader;
    this.server = server;
    this.fingerprint = Fingerprint.of(this.watched);
  }

  /** Loads and serves the certificate if its files changed; returns whether it did. */
  public synchronized boolean check() {
    String now = Fingerprint.of(watched);
    if (now.equals(fingerprint)) {
      return false;
    }
    try {
      server.serve(loader.load());
      fingerprint = now;
      LOG.info("serving certificate reloaded from {}", watched);
      return true;
    } catch (Exception e) {
      LOG.error("certificate reload failed, keeping the current one: {}", e.getMessage());
      return false;
    }
  }
}
