package dev.bulwark.central.notifiers.channel;

import java.time.Duration;

/**
 * How long a send may take: to connect, and for the whole exchange after that.
 *
 * @param connect connecting (TCP, then TLS)
 * @param request the request and its response, or an SMTP session's every reply
 */
public record Timeouts(Duration connect, Duration request) {
  /** 5 s to connect, 10 s for the request. */
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
}
