package dev.bulwark.admission.server;

import java.time.Duration;

/**
 * Where and how the HTTPS server listens.
 *
 * @param maxRequestBytes larger bodies are refused with 413 (the API server sends the object and,
 *     on UPDATE, the old object: 3 MiB covers two objects at etcd's 1.5 MiB limit)
 * @param maxConcurrent reviews evaluated at once; more wait up to {@code queueWait}, then get 503
 */
public record ServerSettings(
    String host, int port, int maxRequestBytes, int maxConcurrent, Duration queueWait) {
  public static final int DEFAULT_MAX_REQUEST_BYTES = 3 * 1024 * 1024;

  public ServerSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, found " + port);
    }
    if (maxRequestBytes < 1024 || maxConcurrent < 1 || queueWait.isNegative()) {
      throw new IllegalArgumentException("request limit or concurrency too small");
    }
  }
}
