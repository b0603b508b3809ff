package dev.bulwark.sensor;

import dev.bulwark.sensor.central.StreamSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Sensor} runs.
 *
 * @param central central's URL
 * @param cluster the cluster's id at central ({@code POST /v1/clusters} returned it)
 * @param token the cluster's sensor token; never logged
 * @param caFile PEM certificates to trust for central; null trusts the system's store
 * @param stateDirectory where the journal, the sequence number and the policy cache live
 * @param stream batching, retries and the journal's bound
 * @param heartbeat how often the sensor tells central it is alive
 * @param policyPoll how often the sensor asks central for the policy set
 * @param imagePoll how often the sensor asks central for scan data of the images that are due
 * @param imageRefresh how long known scan data is used before it is asked for again
 * @param evaluationDebounce how long changes gather before they are evaluated
 * @param syncTimeout how long the informers may take to list the cluster at start
 * @param requestTimeout how long one call to central may take (a resync of a large cluster is long)
 * @param version the sensor's version, reported in heartbeats
 */
public record SensorSettings(
    URI central,
    UUID cluster,
    String token,
    @Nullable Path caFile,
    Path stateDirectory,
    StreamSettings stream,
    Duration heartbeat,
    Duration policyPoll,
    Duration imagePoll,
    Duration imageRefresh,
    Duration evaluationDebounce,
    Duration syncTimeout,
    Duration requestTimeout,
    String version) {
  /** The sensor's version from its jar's manifest; {@code development} when run from classes. */
  public static String currentVersion() {
    String version = Sensor.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** Settings with the defaults for everything but the connection. */
  public static SensorSettings defaults(
      URI central, UUID cluster, String token, @Nullable Path caFile, Path stateDirectory) {
    return new SensorSettings(
        central,
        cluster,
        token,
        caFile,
        stateDirectory,
        StreamSettings.defaults(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofMillis(200),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        currentVersion());
  }

  public SensorSettings withStream(StreamSettings settings) {
    return new SensorSettings(
        central,
        cluster,
        token,
        caFile,
        stateDirectory,
        settings,
        heartbeat,
        policyPoll,
        imagePoll,
        imageRefresh,
        evaluationDebounce,
        syncTimeout,
        requestTimeout,
        version);
  }

  @Override
  public String toString() {
    return "SensorSettings[central=" + central + ", cluster=" + cluster + ", token=(hidden)]";
  }
}
