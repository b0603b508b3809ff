package dev.bulwark.bench.admission;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 client for one HTTPS endpoint: keep-alive connections, each owned by a thread
 * that writes a POST and blocks reading its answer. A request goes to an idle connection, or opens
 * a new one while fewer than {@code maxConnections} exist, or waits for one, as the API server's
 * webhook client does. It exists for its cost: 0.13–0.16 ms of CPU per request, where the JDK's
 * {@code HttpClient} took 0.40 ms at 500 requests/s (most of it handing each exchange between
 * threads), CPU that the controller under test shares on a small machine. Thread-safe.
 */
final class HttpsConnections implements AutoCloseable {
  /** An answer: the status and the body. */
  record Answer(int status, byte[] body) {}

  /** What to do with the answer, or with the failure; runs on the connection's thread. */
  interface Callback {
    void answered(@Nullable Answer answer, @Nullable IOException failure);
  }

  private record Exchange(byte[] body, Callback callback) {}

  private static final int BUFFER_BYTES = 32 * 1024;
  private static final int MAX_HEADER_LINE = 8 * 1024;

  private final URI url;
  private final SSLContext tls;
  private final int maxConnections;
  private final int timeoutMillis;
  private final byte[] head;
  private final LinkedTransferQueue<Exchange> waiting = new LinkedTransferQueue<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Set<SSLSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  HttpsConnections(URI url, SSLContext tls, int maxConnections, Duration timeout) {
    if (!"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("expected an https://host:port/path URL, found " + url);
    }
    this.url = url;
    this.tls = tls;
    this.maxConnections = maxConnections;
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    this.head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + url.getHost()
                + ":"
                + port()
                + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json\r\n"
                + "Content-Length: ")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends {@code body} without waiting for the answer, which goes to {@code callback}. */
  void post(byte[] body, Callback callback) throws InterruptedException {
    Exchange exchange = new Exchange(body, callback);
    if (waiting.tryTransfer(exchange)) {
      return;
    }
    if (connections.getAndUpdate(count -> count < maxConnections ? count + 1 : count)
        < maxConnections) {
      threads.add(
          Thread.ofPlatform().daemon().name("https-connection").start(() -> serve(exchange)));
      return;
    }
    waiting.put(exchange);
  }

  /** Connections waiting for a request. */
  int idle() {
    return waiting.getWaitingConsumerCount();
  }

  private void serve(Exchange first) {
    @Nullable Connection connection = null;
    Exchange exchange = first;
    try {
      while (!closed) {
        connection = exchange(connection, exchange);
        exchange = waiting.take();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (connection != null) {
        connection.close();
      }
      threads.remove(Thread.currentThread());
      connections.decrementAndGet();
    }
  }

  /** Runs one exchange; returns the connection to keep, null when it had to be closed. */
  private @Nullable Connection exchange(@Nullable Connection reused, Exchange exchange) {
    Connection connection = reused;
    Answer answer;
    try {
      try {
        if (connection == null) {
          connection = open();
        }
        answer = connection.exchange(exchange.body());
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException stale) {
        // A kept-alive connection the server closed while idle fails before any answer: the
        // review has no side effects, so it goes again once on a new connection.
        if (reused == null) {
          throw stale;
        }
        reused.close();
        connection = open();
        answer = connection.exchange(exchange.body());
      }
    } catch (IOException e) {
      if (connection != null) {
        connection.close();
      }
      exchange.callback().answered(null, e);
      return null;
    }
    exchange.callback().answered(answer, null);
    return connection.isOpen() ? connection : null;
  }

  private Connection open() throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
    sockets.add(socket);
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeoutMillis);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.connect(new InetSocketAddress(url.getHost(), port()), timeoutMillis);
      socket.startHandshake();
      return new Connection(socket);
    } catch (IOException e) {
      sockets.remove(socket);
      socket.close();
      throw e;
    }
  }

  private int port() {
    return url.getPort() < 0 ? 443 : url.getPort();
  }

  /** Closes every connection; exchanges in flight fail. */
  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    for (SSLSocket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** One kept-alive TLS connection, used by one thread at a time. */
  private final class Connection {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;

    Connection(SSLSocket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
    }

    Answer exchange(byte[] body) throws IOException {
      out.write(head);
      out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = line();
      if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
        throw new IOException("not an HTTP/1.1 status line: " + status);
      }
      int code = Integer.parseInt(status.substring(9, 12));
      int length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        String name = colon < 0 ? header : header.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Integer.parseInt(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close");
          default -> {
            // not needed
          }
        }
      }
      byte[] answer = chunked ? chunks() : bytes(Math.max(0, length));
      if (close) {
        close();
      }
      return new Answer(code, answer);
    }

    private byte[] chunks() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = line();
        int extension = size.indexOf(';');
        int length = Integer.parseInt(extension < 0 ? size : size.substring(0, extension), 16);
        if (length == 0) {
          while (!line().isEmpty()) {
            // trailers
          }
          return body.toByteArray();
        }
        body.write(bytes(length));
        line();
      }
    }

    private byte[] bytes(int length) throws IOException {
      byte[] bytes = new byte[length];
      int done = 0;
      while (done < length) {
        if (position == limit) {
          fill();
        }
        int step = Math.min(length - done, limit - position);
        System.arraycopy(buffer, position, bytes, done, step);
        position += step;
        done += step;
      }
      return bytes;
    }

    /** One header line without its CRLF. */
    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      while (true) {
        if (position == limit) {
          fill();
        }
        byte next = buffer[position++];
        if (next == '\n') {
          int end = line.length();
          return end > 0 && line.charAt(end - 1) == '\r'
              ? line.substring(0, end - 1)
              : line.toString();
        }
        if (line.length() >= MAX_HEADER_LINE) {
          throw new IOException("an answer's header line is longer than " + MAX_HEADER_LINE);
        }
        line.append((char) (next & 0xff));
      }
    }

    private void fill() throws IOException {
      int read = in.read(buffer);
      if (read < 0) {
        throw new EOFException("the connection closed before the answer was complete");
      }
      position = 0;
      limit = read;
    }

    boolean isOpen() {
      return !socket.isClosed();
    }

    void close() {
      sockets.remove(socket);
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
