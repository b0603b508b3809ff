package dev.bulwark.bench.admission;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** An admission controller to send load to, started by the generator or already running. */
interface Controller extends AutoCloseable {
  /** The {@code POST /validate} endpoint. */
  URI url();

  /** The CA that issued the serving certificate (PEM). */
  String caPem();

  /** How the controller runs, for the summary ("separate-jvm", "in-process", "external"). */
  String description();

  /** CPU time the controller's process has used so far, when it is a process of its own. */
  Optional<Duration> cpuTime();

  /** Stops the controller when the generator started it. */
  @Override
  void close();
}
