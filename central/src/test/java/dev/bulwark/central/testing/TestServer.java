package dev.bulwark.central.testing;

import dev.bulwark.central.auth.AdminBootstrap;
import dev.bulwark.central.secrets.SecretBox;
import dev.bulwark.central.server.CentralServer;
import dev.bulwark.central.server.CentralSettings;
import dev.bulwark.central.server.ImageScanSettings;
import dev.bulwark.central.server.StartupException;
import dev.bulwark.central.storage.ConnectionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Central started in-process on a fresh database of the shared test server (the external-database
 * mode), with a data directory of its own, and a client that trusts its generated certificate.
 */
public final class TestServer implements AutoCloseable {
  /**
   * Image scan settings of test servers: the defaults, but the inventory's images are not pulled
   * (tests that scan them say so).
   */
  public static final ImageScanSettings WITHOUT_INVENTORY_SCANS =
      new ImageScanSettings(
          null,
          List.of(),
          null,
          ImageScanSettings.DEFAULT_CONCURRENCY,
          ImageScanSettings.DEFAULT_DEADLINE,
          false,
          ImageScanSettings.DEFAULT_RESCAN_INTERVAL);

  public final CentralServer server;
  public final ApiClient client;
  public final ConnectionSettings database;
  public final Path dataDirectory;
  public final String adminToken;

  private TestServer(
      CentralServer server, ConnectionSettings database, Path dataDirectory, String adminToken) {
    this.server = server;
    this.database = database;
    this.dataDirectory = dataDirectory;
    this.adminToken = adminToken;
    this.client =
        new ApiClient(
            server.started().certificate(), URI.create("https://localhost:" + server.port()));
  }

  /** Starts central on a fresh database. */
  public static TestServer start(Path dataDirectory) {
    return start(dataDirectory, TestDatabases.fresh(), settings -> settings);
  }

  /** Starts central on {@code database}, with the settings changed by {@code change}. */
  public static TestServer start(
      Path dataDirectory, ConnectionSettings database, UnaryOperator<CentralSettings> change) {
    return start(dataDirectory, database, change, Clock.systemUTC());
  }

  /**
   * Starts central on {@code database}, with the settings changed by {@code change} and the time
   * from {@code clock} (the database's own clock still decides when singleton jobs are due).
   */
  public static TestServer start(
      Path dataDirectory,
      ConnectionSettings database,
      UnaryOperator<CentralSettings> change,
      Clock clock) {
    try {
      Path key = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".secret-key");
      if (!Files.exists(key)) {
        Files.writeString(key, SecretBox.newKey());
      }
      CentralSettings settings =
          change.apply(
              new CentralSettings(
                  "127.0.0.1",
                  0,
                  dataDirectory,
                  database,
                  Path.of("unused: the database is not embedded"),
                  null,
                  null,
                  List.of(),
                  null,
                  key,
                  null,
                  CentralSettings.DEFAULT_MAX_REQUEST_BYTES,
                  4,
                  Duration.ofMinutes(10),
                  CentralSettings.DEFAULT_ALERT_RETENTION,
                  WITHOUT_INVENTORY_SCANS));
      CentralServer server = CentralServer.start(settings, clock);
      Path tokenFile =
          switch (server.started().admin()) {
            case AdminBootstrap.Outcome.Created created -> created.file();
            case AdminBootstrap.Outcome.Existing existing -> existing.file();
            case AdminBootstrap.Outcome.Given given -> given.file();
          };
      return new TestServer(
          server,
          database,
          dataDirectory,
          Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (StartupException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** {@code settings} serving the certificate in the given files. */
  public static CentralSettings withCertificate(
      CentralSettings settings, Path certificate, Path key) {
    return new CentralSettings(
        settings.host(),
        settings.port(),
        settings.dataDirectory(),
        settings.database(),
        settings.embeddedBinaries(),
        certificate,
        key,
        settings.tlsNames(),
        settings.adminTokenFile(),
        settings.secretKeyFile(),
        settings.secretKeyEnvironment(),
        settings.maxRequestBytes(),
        settings.databasePoolSize(),
        settings.jobPoll(),
        settings.alertRetention(),
        settings.imageScans());
  }

  /** {@code settings} with another request body limit. */
  public static CentralSettings withMaxRequestBytes(CentralSettings settings, int limit) {
    return copy(settings, settings.port(), limit, settings.jobPoll(), settings.imageScans());
  }

  /** {@code settings} scanning images as {@code imageScans} says. */
  public static CentralSettings withImageScans(
      CentralSettings settings, ImageScanSettings imageScans) {
    return copy(
        settings, settings.port(), settings.maxRequestBytes(), settings.jobPoll(), imageScans);
  }

  /** {@code settings} with the singleton jobs polled every {@code poll} instead of every 10 s. */
  public static CentralSettings withJobPoll(CentralSettings settings, Duration poll) {
    return copy(settings, settings.port(), settings.maxRequestBytes(), poll, settings.imageScans());
  }

  /** {@code settings} listening on {@code port} (a restarted central keeps its address). */
  public static CentralSettings withPort(CentralSettings settings, int port) {
    return copy(
        settings, port, settings.maxRequestBytes(), settings.jobPoll(), settings.imageScans());
  }

  /** {@code settings} with the values tests change replaced. */
  private static CentralSettings copy(
      CentralSettings settings,
      int port,
      int maxRequestBytes,
      Duration jobPoll,
      ImageScanSettings imageScans) {
    return new CentralSettings(
        settings.host(),
        port,
        settings.dataDirectory(),
        settings.database(),
        settings.embeddedBinaries(),
        settings.tlsCertificate(),
        settings.tlsKey(),
        settings.tlsNames(),
        settings.adminTokenFile(),
        settings.secretKeyFile(),
        settings.secretKeyEnvironment(),
        maxRequestBytes,
        settings.databasePoolSize(),
        jobPoll,
        settings.alertRetention(),
        imageScans);
  }

  /**
   * Makes every singleton job due now, as if its interval had passed: the next poll runs them all
   * (tests would otherwise wait for the dispatcher's 5 s or the reprocessing's 30 s).
   */
  public void makeJobsDue() {
    TestDatabases.execute(database, "UPDATE singleton_jobs SET next_run_at = now()");
  }

  /** Keeps the singleton job {@code name} from running until {@link #makeJobsDue}. */
  public void holdJob(String name) {
    TestDatabases.execute(
        database,
        "INSERT INTO singleton_jobs (name, next_run_at) VALUES ('"
            + name
            + "', 'infinity') ON CONFLICT (name) DO UPDATE SET next_run_at = 'infinity'");
  }

  public int port() {
    return server.port();
  }

  /** Issues a token with {@code role} (not sensor) through the API; returns its secret. */
  public String issue(String name, String role) {
    ApiClient.Response response =
        client.post(
            "/v1/tokens", adminToken, "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
    if (response.status() != 201) {
      throw new IllegalStateException("issuing a token failed: " + response.raw().body());
    }
    return response.body().get("token").asText();
  }

  /** A registered cluster and its sensor's token. */
  public record Sensor(String clusterId, String token) {}

  /** Registers a cluster through the API. */
  public Sensor register(String clusterName) {
    ApiClient.Response response =
        client.post("/v1/clusters", adminToken, "{\"name\": \"" + clusterName + "\"}");
    if (response.status() != 201) {
      throw new IllegalStateException("registering a cluster failed: " + response.raw().body());
    }
    return new Sensor(response.body().get("id").asText(), response.body().get("token").asText());
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
