package dev.bulwark.server.tls;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one HTTPS listener of a Bulwark server (there is no plain-HTTP port): TLS 1.3 and 1.2 only,
 * serving a {@link ServingCertificate} that can be replaced while the server runs. Hand {@link
 * #create} to Javalin ({@code config.jetty.addConnector(https::create)}). Thread-safe.
 */
public final class HttpsConnector {
  /**
   * Connections the kernel may hold before they are accepted. The JDK's default of 50 overflowed
   * when a burst of requests made a client (the API server calling a webhook) open connections in a
   * rush: the kernel dropped the SYNs (ListenOverflows), the clients resent them only after 1 s,
   * and a stall of a few milliseconds became one of seconds. The kernel caps it at
   * net.core.somaxconn.
   */
  private static final int ACCEPT_QUEUE = 1024;

  private final SslContextFactory.Server tls = new SslContextFactory.Server();
  private final char[] keyStorePassword = randomPassword();
  private final String host;
  private final int port;
  private final Duration idleTimeout;

  /**
   * @param host the address to listen on ({@code 0.0.0.0} for every interface)
   * @param port the port, 0 for any free one
   * @param idleTimeout how long an idle connection is kept open
   */
  public HttpsConnector(
      ServingCertificate certificate, String host, int port, Duration idleTimeout) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, found " + port);
    }
    this.host = host;
    this.port = port;
    this.idleTimeout = idleTimeout;
    tls.setKeyStore(certificate.keyStore(keyStorePassword));
    tls.setKeyStorePassword(new String(keyStorePassword));
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
  }

  /** The connector for {@code server}; called by Jetty once, when the server is built. */
  public Connector create(Server server, HttpConfiguration http) {
    http.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(idleTimeout.toMillis());
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    return connector;
  }

  /** Serves a new certificate to new connections (rotation); existing ones keep theirs. */
  public void reload(ServingCertificate certificate) throws Exception {
    tls.reload(factory -> factory.setKeyStore(certificate.keyStore(keyStorePassword)));
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
  }
}
