package dev.bulwark.bench.admission;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** A controller someone else started, e.g. with {@code ./bulwark admission-controller}. */
record ExternalController(URI url, String caPem) implements Controller {
  @Override
  public String description() {
    return "external";
  }

  @Override
  public Optional<Duration> cpuTime() {
    return Optional.empty();
  }

  @Override
  public void close() {
    // not ours to stop
  }
}
