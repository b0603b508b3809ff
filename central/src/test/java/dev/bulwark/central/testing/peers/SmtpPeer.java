package dev.bulwark.central.testing.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on loopback for tests: offers STARTTLS (unless told not to), upgrades the
 * socket to TLS with the peer certificate, offers AUTH PLAIN and LOGIN after TLS only, and records
 * every message with its envelope, whether it came over TLS, and the credentials used.
 */
public final class SmtpPeer implements AutoCloseable {
  /** A received message. */
  public record Mail(
      String from,
      List<String> to,
      String data,
      boolean overTls,
      String username,
      String password) {}

  private final ServerSocket server;
  private final SSLContext tls;
  private final boolean offerStartTls;
  private final List<Mail> mails = new CopyOnWriteArrayList<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();

  public SmtpPeer(PeerCertificate certificate, boolean offerStartTls) {
    this.tls = certificate.serverContext();
    this.offerStartTls = offerStartTls;
    try {
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofPlatform().daemon().name("smtp-peer").start(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Mail> mails() {
    return List.copyOf(mails);
  }

  /** Every command received, in order (AUTH arguments included, as sent). */
  public List<String> commands() {
    return List.copyOf(commands);
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        serve(socket);
      } catch (IOException e) {
        // the connection ended, or the server was closed
      }
    }
  }

  private void serve(Socket plain) throws IOException {
    Socket socket = plain;
    BufferedReader in = reader(socket);
    OutputStream out = socket.getOutputStream();
    boolean secure = false;
    String from = "";
    List<String> to = new ArrayList<>();
    String username = "";
    String password = "";
    reply(out, "220 localhost test SMTP");
    String line;
    while ((line = in.readLine()) != null) {
      commands.add(line);
      String upper = line.toUpperCase(java.util.Locale.ROOT);
      if (upper.startsWith("EHLO")) {
        List<String> features = new ArrayList<>(List.of("localhost", "8BITMIME"));
        if (!secure && offerStartTls) {
          features.add("STARTTLS");
        }
        if (secure) {
          features.add("AUTH PLAIN LOGIN");
        }
        for (int i = 0; i < features.size(); i++) {
          reply(out, "250" + (i < features.size() - 1 ? "-" : " ") + features.get(i));
        }
      } else if (upper.equals("STARTTLS") && offerStartTls && !secure) {
        reply(out, "220 go ahead");
        SSLSocket upgraded =
            (SSLSocket)
                tls.getSocketFactory()
                    .createSocket(
                        socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        upgraded.setUseClientMode(false);
        upgraded.startHandshake();
        socket = upgraded;
        in = reader(socket);
        out = socket.getOutputStream();
        secure = true;
      } else if (upper.startsWith("AUTH PLAIN ") && secure) {
        String[] parts =
            new String(Base64.getDecoder().decode(line.substring(11)), StandardCharsets.UTF_8)
                .split("\0", -1);
        username = parts[1];
        password = parts[2];
        reply(out, "235 authenticated");
      } else if (upper.startsWith("MAIL FROM:")) {
        from = line.substring(10).replace("<", "").replace(">", "");
        reply(out, "250 ok");
      } else if (upper.startsWith("RCPT TO:")) {
        to.add(line.substring(8).replace("<", "").replace(">", ""));
        reply(out, "250 ok");
      } else if (upper.equals("DATA")) {
        reply(out, "354 end with .");
        StringBuilder data = new StringBuilder();
        String dataLine;
        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
          data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
        }
        mails.add(new Mail(from, List.copyOf(to), data.toString(), secure, username, password));
        reply(out, "250 queued");
      } else if (upper.equals("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "502 not implemented here");
      }
    }
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
