package dev.bulwark.central.testing.peers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A syslog receiver on loopback: UDP (one message per datagram), TCP or TLS with octet-counting
 * framing (RFC 6587), recording each message's text.
 */
public final class SyslogPeer implements AutoCloseable {
  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final AutoCloseable socket;
  private final int port;

  private SyslogPeer(AutoCloseable socket, int port) {
    this.socket = socket;
    this.port = port;
  }

  public static SyslogPeer udp() {
    try {
      DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      SyslogPeer peer = new SyslogPeer(socket, socket.getLocalPort());
      Thread.ofPlatform()
          .daemon()
          .start(() -> {
            byte[] buffer = new byte[65_535];
            while (!socket.isClosed()) {
              DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
              try {
                socket.receive(packet);
                peer.messages.add(
                    new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                return;
              }
            }
          });
      return peer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP receiver; with a certificate, TLS. */
  public static SyslogPeer stream(@Nullable PeerCertificate certificate) {
    try {
      ServerSocket server =
          certificate == null
              ? new ServerSocket(0, 10, InetAddress.getLoopbackAddress())
              : certificate
                  .serverContext()
                  .getServerSocketFactory()
                  .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
      SyslogPeer peer = new SyslogPeer(server, server.getLocalPort());
      Thread.ofPlatform()
          .daemon()
          .start(() -> {
            while (!server.isClosed()) {
              try (Socket connection = server.accept()) {
                peer.readFrames(connection.getInputStream());
              } catch (IOException e) {
                // the connection ended, or the server was closed
              }
            }
          });
      return peer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Octet counting: digits, a space, that many bytes; repeated until the stream ends. */
  private void readFrames(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    while (true) {
      StringBuilder length = new StringBuilder();
      int next;
      while ((next = in.read()) != ' ') {
        if (next == -1) {
          return;
        }
        length.append((char) next);
      }
      byte[] message = new byte[Integer.parseInt(length.toString())];
      in.readFully(message);
      messages.add(new String(message, StandardCharsets.UTF_8));
    }
  }

  public int port() {
    return port;
  }

  /** The next message, waiting up to {@code timeout}; null when none came. */
  public @Nullable String next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    socket.close();
  }
}
