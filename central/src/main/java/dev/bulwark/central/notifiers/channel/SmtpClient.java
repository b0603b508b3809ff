package dev.bulwark.central.notifiers.channel;

import dev.bulwark.central.secrets.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A minimal SMTP submission client (RFC 5321, 3207, 4954): EHLO, STARTTLS (required: a server that
 * does not offer it is a permanent failure, so nothing, credentials least of all, crosses the
 * network in clear), EHLO again, AUTH PLAIN or LOGIN when a username is set, one message, QUIT. The
 * server's certificate is verified against the host name.
 */
final class SmtpClient {
  private SmtpClient() {}

  /** Where and how to submit. */
  record Server(
      String host,
      int port,
      @Nullable String caCertificate,
      @Nullable String username,
      @Nullable Secret password) {}

  static void send(Server server, String from, String to, String message, Timeouts timeouts)
      throws DeliveryException {
    String where = server.host() + ":" + server.port();
    Socket plain = new Socket();
    try (plain) {
      plain.connect(
          new InetSocketAddress(server.host(), server.port()), (int) timeouts.connect().toMillis());
      plain.setSoTimeout((int) timeouts.request().toMillis());
      Session session = new Session(plain);
      session.expect(220);
      List<String> features = session.command("EHLO " + localName(), 250);
      if (features.stream()
          .noneMatch(line -> line.toUpperCase(Locale.ROOT).startsWith("STARTTLS"))) {
        throw new DeliveryException(
            "the SMTP server "
                + where
                + " does not offer STARTTLS; Bulwark sends mail only over TLS",
            true);
      }
      session.command("STARTTLS", 220);
      SSLContext context = TrustedCertificates.context(server.caCertificate());
      try (SSLSocket tls =
          (SSLSocket)
              context.getSocketFactory().createSocket(plain, server.host(), server.port(), true)) {
        tls.setSSLParameters(TrustedCertificates.verifyingHostname(context));
        tls.startHandshake();
        Session secure = new Session(tls);
        List<String> secureFeatures = secure.command("EHLO " + localName(), 250);
        if (server.username() != null) {
          authenticate(secure, secureFeatures, server.username(), server.password(), where);
        }
        secure.command("MAIL FROM:<" + from + ">", 250);
        secure.command("RCPT TO:<" + to + ">", 250, 251);
        secure.command("DATA", 354);
        String data = dotStuffed(message);
        secure.write(data + (data.endsWith("\r\n") ? "" : "\r\n") + ".\r\n");
        secure.expect(250);
        secure.command("QUIT", 221);
      }
    } catch (SocketTimeoutException e) {
      throw new DeliveryException("the SMTP server " + where + " did not answer in time", false, e);
    } catch (IOException e) {
      throw new DeliveryException("SMTP with " + where + " failed: " + e.getMessage(), false, e);
    } catch (SmtpReply e) {
      // 4xx replies are temporary by definition, 5xx permanent
      throw new DeliveryException(
          "the SMTP server " + where + " answered " + e.getMessage(), e.code >= 500, e);
    }
  }

  private static void authenticate(
      Session session,
      List<String> features,
      String username,
      @Nullable Secret password,
      String where)
      throws IOException, SmtpReply, DeliveryException {
    String mechanisms =
        features.stream()
            .map(line -> line.toUpperCase(Locale.ROOT))
            .filter(line -> line.startsWith("AUTH"))
            .findFirst()
            .orElse("");
    String secret = password == null ? "" : password.reveal();
    if (mechanisms.contains("PLAIN")) {
      session.command("AUTH PLAIN " + base64("\0" + username + "\0" + secret), 235);
    } else if (mechanisms.contains("LOGIN")) {
      session.command("AUTH LOGIN", 334);
      session.command(base64(username), 334);
      session.command(base64(secret), 235);
    } else {
      throw new DeliveryException(
          "the SMTP server " + where + " offers neither AUTH PLAIN nor AUTH LOGIN", true);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A line starting with a dot gets another (RFC 5321 4.5.2). */
  static String dotStuffed(String message) {
    String stuffed = message.replace("\r\n.", "\r\n..");
    return stuffed.startsWith(".") ? "." + stuffed : stuffed;
  }

  private static String localName() {
    return "bulwark-central";
  }

  /** An unexpected SMTP reply. */
  private static final class SmtpReply extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    SmtpReply(int code, String reply) {
      super(reply);
      this.code = code;
    }
  }

  /** Commands and multi-line replies over one socket. */
  private static final class Session {
    private final BufferedReader in;
    private final OutputStream out;

    Session(Socket socket) throws IOException {
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out = socket.getOutputStream();
    }

    List<String> command(String line, int... expected) throws IOException, SmtpReply {
      write(line + "\r\n");
      return expect(expected);
    }

    void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Reads a reply; returns its lines' texts (after the code) when its code is expected. */
    List<String> expect(int... expected) throws IOException, SmtpReply {
      List<String> lines = new ArrayList<>();
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          throw new IOException("the server closed the connection");
        }
        if (line.length() < 3) {
          throw new IOException("the server sent a malformed reply: " + line);
        }
        lines.add(line.length() > 4 ? line.substring(4) : "");
      } while (line.length() > 3 && line.charAt(3) == '-');
      int code;
      try {
        code = Integer.parseInt(line.substring(0, 3));
      } catch (NumberFormatException e) {
        throw new IOException("the server sent a malformed reply: " + line, e);
      }
      for (int wanted : expected) {
        if (code == wanted) {
          return lines;
        }
      }
      throw new SmtpReply(code, line);
    }
  }
}
