package dev.bulwark.sensor.central;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's name at central, which policy scopes and exceptions match: learned from heartbeat
 * answers and kept in the state directory, so a sensor restarted while central is away evaluates
 * with it too. Empty until first learned. Thread-safe.
 */
public final class ClusterName {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterName.class);
  private static final String FILE = "cluster-name";

  private final Path file;
  private volatile String name;

  private ClusterName(Path file, String name) {
    this.file = file;
    this.name = name;
  }

  /** The name kept in {@code stateDirectory}; empty when there is none. */
  public static ClusterName load(Path stateDirectory) {
    Path file = stateDirectory.resolve(FILE);
    String name = "";
    try {
      if (Files.exists(file)) {
        name = Files.readString(file, StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      LOG.warn("cannot read {} ({}); the cluster's name comes with the next heartbeat", file, e);
    }
    return new ClusterName(file, name);
  }

  public String get() {
    return name;
  }

  /**
   * Records the name central answered.
   *
   * @return whether it changed
   */
  public synchronized boolean update(String learned) {
    if (learned.equals(name)) {
      return false;
    }
    name = learned;
    Path temporary = file.resolveSibling(FILE + ".tmp");
    try {
      Files.writeString(temporary, learned, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("cannot keep the cluster's name in {}: {}", file, e.toString());
    }
    return true;
  }
}
