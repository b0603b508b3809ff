package dev.bulwark.central.server;

import dev.bulwark.central.alerts.AlertApi;
import dev.bulwark.central.alerts.AlertEventListener;
import dev.bulwark.central.alerts.AlertPruning;
import dev.bulwark.central.alerts.AlertStore;
import dev.bulwark.central.alerts.EnforcementRecordStore;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.audit.AuditApi;
import dev.bulwark.central.audit.AuditLog;
import dev.bulwark.central.auth.AdminBootstrap;
import dev.bulwark.central.auth.Authenticator;
import dev.bulwark.central.auth.TokenPruning;
import dev.bulwark.central.auth.TokenStore;
import dev.bulwark.central.clusters.ClusterApi;
import dev.bulwark.central.clusters.ClusterStore;
import dev.bulwark.central.detect.DetectApi;
import dev.bulwark.central.detect.RegistryImageScans;
import dev.bulwark.central.exceptions.ExceptionApi;
import dev.bulwark.central.exceptions.ExceptionStore;
import dev.bulwark.central.health.HealthApi;
import dev.bulwark.central.images.ClusterImageApi;
import dev.bulwark.central.images.ImageScanStore;
import dev.bulwark.central.inventory.ImageScanning;
import dev.bulwark.central.inventory.IngestionApi;
import dev.bulwark.central.inventory.Inventory;
import dev.bulwark.central.inventory.InventoryApi;
import dev.bulwark.central.inventory.InventoryQueries;
import dev.bulwark.central.inventory.PolicyDryRun;
import dev.bulwark.central.inventory.PolicyDryRunApi;
import dev.bulwark.central.inventory.Reprocessing;
import dev.bulwark.central.jobs.SingletonJob;
import dev.bulwark.central.jobs.SingletonJobRunner;
import dev.bulwark.central.notifiers.Notifications;
import dev.bulwark.central.openapi.OpenApiApi;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.central.policies.BuiltinPolicySeeder;
import dev.bulwark.central.policies.ClusterPolicyApi;
import dev.bulwark.central.policies.PolicyApi;
import dev.bulwark.central.policies.PolicyBundleApi;
import dev.bulwark.central.policies.PolicyBundles;
import dev.bulwark.central.policies.PolicyStore;
import dev.bulwark.central.secrets.SecretException;
import dev.bulwark.central.secrets.SecretKeys;
import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.storage.DatabaseException;
import dev.bulwark.central.storage.EmbeddedDatabase;
import dev.bulwark.central.tokens.TokenApi;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.results.ImageScanService;
import dev.bulwark.scanner.results.ScanSettings;
import dev.bulwark.server.tls.HttpsConnector;
import dev.bulwark.server.tls.ServingCertificate;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running central: its data directory locked, the database up and migrated, the secrets key
 * checked, an admin able to log in, the API served over HTTPS and the singleton jobs polled.
 * Everything a replica knows is in the database, so any number of replicas can share one PostgreSQL
 * (each with its own data directory). {@link #close()} stops it all, in reverse order.
 *
 * <p>The explicit lists of features ({@link #features}) and jobs ({@link #jobs}) are where new
 * endpoints and background jobs are wired in.
 */
public final class CentralServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CentralServer.class);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REPROCESSING_INTERVAL = Duration.ofSeconds(30);

  /** How long a stop waits for requests in flight. */
  static final Duration DRAIN = Duration.ofSeconds(10);

  /** What the start found or did, for the start-up message. */
  public record Started(
      int port,
      Path dataDirectory,
      String database,
      Database.Migration migration,
      Path certificate,
      boolean certificateGenerated,
      String secretKeySource,
      boolean secretKeyGenerated,
      AdminBootstrap.Outcome admin,
      BuiltinPolicySeeder.Outcome builtinPolicies) {}

  private final List<AutoCloseable> resources;
  private final Started started;

  private CentralServer(List<AutoCloseable> resources, Started started) {
    this.resources = List.copyOf(resources);
    this.started = started;
  }

  /**
   * Starts central; returns once it serves.
   *
   * @throws StartupException saying what is wrong (data directory in use, database unreachable,
   *     wrong secrets key, unreadable files, port taken); nothing is left running
   */
  public static CentralServer start(CentralSettings settings, Clock clock) throws StartupException {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      DataDirectory directory = DataDirectory.open(settings.dataDirectory());
      opened.add(directory);
      // Before the database: a missing key is a configuration error, found without waiting.
      SecretKeys.Loaded key =
          SecretKeys.load(
              settings.secretKeyFile(),
              settings.secretKeyEnvironment(),
              settings.database() == null ? directory.secretKey() : null);
      ConnectionSettings connection = settings.database();
      boolean created = false;
      if (connection == null) {
        EmbeddedDatabase embedded =
            EmbeddedDatabase.start(directory.postgres(), settings.embeddedBinaries());
        opened.add(embedded);
        connection = embedded.connection();
        created = embedded.created();
      }
      Database database = Database.open(connection, settings.databasePoolSize());
      opened.add(database);
      String databaseDescription =
          settings.database() == null
              ? "embedded PostgreSQL "
                  + database.serverVersion()
                  + " in "
                  + directory.postgres()
                  + (created ? ", created now" : "")
              : "PostgreSQL "
                  + database.serverVersion()
                  + " at "
                  + connection.displayUrl()
                  + " as "
                  + connection.user();
      SecretKeys.verify(database.jdbi(), key.box());
      Jdbi jdbi = database.jdbi();
      TokenStore tokens = new TokenStore(jdbi, clock);
      AdminBootstrap.Outcome admin =
          new AdminBootstrap(jdbi, tokens)
              .ensure(settings.adminTokenFile(), directory.adminToken());
      BuiltinPolicySeeder.Outcome builtinPolicies =
          new BuiltinPolicySeeder(jdbi, clock).ensureSeeded();
      ServingCertificate certificate = certificate(settings, directory, clock);
      AuditLog audit = new AuditLog(jdbi, clock);
      Notifications notifications = new Notifications(jdbi, key.box(), clock, hostName());
      opened.add(notifications);
      AlertStore alerts = new AlertStore(jdbi, clock, alertListeners(notifications));
      Routes routes = new Routes();
      ActivePolicies active = new ActivePolicies(jdbi, clock);
      Inventory inventory = new Inventory(jdbi, active, alerts, clock);
      RegistryImageScans imageScans = imageScans(settings.imageScans(), directory, clock);
      opened.add(imageScans);
      List<SingletonJob> jobs =
          new ArrayList<>(jobs(tokens, inventory, alerts, notifications, settings, clock));
      if (settings.imageScans().inventoryScans()) {
        ImageScanning inventoryScans =
            inventoryScans(settings.imageScans(), directory, jdbi, inventory, clock, opened);
        jobs.add(inventoryScans);
      }
      for (ApiFeature feature :
          features(
              database,
              tokens,
              audit,
              active,
              inventory,
              alerts,
              notifications,
              imageScans,
              settings.imageScans(),
              clock)) {
        feature.register(routes);
      }
      HttpsConnector https =
          new HttpsConnector(certificate, settings.host(), settings.port(), IDLE_TIMEOUT);
      Authenticator authenticator = new Authenticator(tokens, clock);
      AtomicReference<@Nullable Server> jetty = new AtomicReference<>();
      Javalin app =
          Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.addConnector(https::create);
            routes.install(config, authenticator, audit, settings.maxRequestBytes());
            Routes.drainOnStop(config, DRAIN, jetty::set);
          });
      SingletonJobRunner runner = new SingletonJobRunner(jdbi, jobs, replica(), settings.jobPoll());
      // Listed before the listener, so that the jobs stop after it has drained.
      opened.add(runner);
      listen(app, settings);
      opened.add(() -> stopListening(app, jetty.get()));
      runner.start();
      Path certificateFile =
          settings.tlsCertificate() != null ? settings.tlsCertificate() : directory.certificate();
      return new CentralServer(
          opened,
          new Started(
              app.port(),
              directory.root(),
              databaseDescription,
              database.migration(),
              certificateFile,
              settings.tlsCertificate() == null,
              key.source(),
              key.generated(),
              admin,
              builtinPolicies));
    } catch (IOException | DatabaseException | SecretException | IllegalArgumentException e) {
      closeAll(opened);
      throw new StartupException(String.valueOf(e.getMessage()), e);
    } catch (RuntimeException | StartupException e) {
      closeAll(opened);
      throw e;
    }
  }

  /** Every feature's API, in the order of the API description. Add new features here. */
  private static List<ApiFeature> features(
      Database database,
      TokenStore tokens,
      AuditLog audit,
      ActivePolicies active,
      Inventory inventory,
      AlertStore alerts,
      Notifications notifications,
      RegistryImageScans imageScans,
      ImageScanSettings scanSettings,
      Clock clock) {
    PolicyStore policies = new PolicyStore(database.jdbi(), clock);
    return List.of(
        new HealthApi(database::reachable, version()),
        new ClusterApi(new ClusterStore(database.jdbi(), tokens, clock), clock),
        new IngestionApi(inventory),
        new InventoryApi(new InventoryQueries(database.jdbi())),
        new PolicyApi(policies),
        new PolicyBundleApi(new PolicyBundles(database.jdbi(), clock)),
        new ClusterPolicyApi(active),
        new ClusterImageApi(new ImageScanStore(database.jdbi())),
        new PolicyDryRunApi(
            new PolicyDryRun(database.jdbi(), clock),
            new ExceptionStore(database.jdbi(), clock),
            clock),
        new ExceptionApi(new ExceptionStore(database.jdbi(), clock), clock),
        new AlertApi(alerts, policies, new EnforcementRecordStore(database.jdbi(), clock)),
        notifications.api(),
        new DetectApi(
            active,
            version(),
            clock,
            imageScans,
            scanSettings.concurrency(),
            scanSettings.deadline()),
        new TokenApi(tokens, clock),
        new AuditApi(audit),
        new OpenApiApi());
  }

  /**
   * The image scanner of build detection, with the layer cache in the data directory by default.
   */
  private static RegistryImageScans imageScans(
      ImageScanSettings settings, DataDirectory directory, Clock clock) {
    Path cache = settings.layerCache();
    return new RegistryImageScans(
        settings.concurrency(),
        cache != null ? cache : directory.scanCache(),
        settings.vulnerabilityDatabase(),
        settings.insecureRegistries(),
        clock);
  }

  /**
   * The background scanning of the inventory's images, with the layer cache of build detection and
   * a result store beside it in the data directory (a cache: the database holds the results).
   */
  private static ImageScanning inventoryScans(
      ImageScanSettings settings,
      DataDirectory directory,
      Jdbi jdbi,
      Inventory inventory,
      Clock clock,
      List<AutoCloseable> opened) {
    Path cache = settings.layerCache();
    ImageScanService service =
        new ImageScanService(
            new ScanSettings(
                ImageOptions.defaults(),
                Set.copyOf(settings.insecureRegistries()),
                cache != null ? cache : directory.scanCache(),
                directory.scanResults(),
                settings.vulnerabilityDatabase(),
                settings.concurrency()),
            clock,
            note -> LOG.warn("image scan results: {}", note));
    opened.add(service);
    ImageScanning scanning =
        new ImageScanning(
            new ImageScanStore(jdbi),
            inventory,
            service::scanRegistryImage,
            settings.vulnerabilityDatabase(),
            settings.concurrency(),
            settings.deadline(),
            settings.rescanInterval(),
            clock);
    opened.add(scanning);
    return scanning;
  }

  /**
   * Who hears about alert changes (NEW, RESOLVED, ATTEMPTED), inside the transaction that made
   * them: the notifiers' queue. The same {@link AlertStore} is the {@link
   * dev.bulwark.central.alerts.AlertReconciler} the inventory reports evaluations to.
   */
  private static List<AlertEventListener> alertListeners(Notifications notifications) {
    return List.of(notifications.listener());
  }

  /** Every singleton background job. Add new jobs here. */
  private static List<SingletonJob> jobs(
      TokenStore tokens,
      Inventory inventory,
      AlertStore alerts,
      Notifications notifications,
      CentralSettings settings,
      Clock clock) {
    return List.of(
        new TokenPruning(tokens, clock),
        new Reprocessing(inventory, REPROCESSING_INTERVAL),
        new AlertPruning(alerts, settings.alertRetention(), clock),
        notifications.job());
  }

  public Started started() {
    return started;
  }

  public int port() {
    return started.port();
  }

  /**
   * Stops gracefully: the HTTPS listener stops accepting connections and lets requests in flight
   * finish (up to {@link #DRAIN} in all; later ones are cut off, and a client retries them), then
   * the jobs, the pool and the embedded database stop.
   */
  @Override
  public void close() {
    closeAll(resources);
  }

  /** The version of central's jar; {@code development} when run from classes. */
  public static String version() {
    String version = CentralServer.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** Closes the listening sockets first, so that no new connection starts, then drains. */
  private static void stopListening(Javalin app, @Nullable Server server) {
    if (server != null) {
      for (Connector connector : server.getConnectors()) {
        if (connector instanceof ServerConnector listening) {
          listening.close();
        }
      }
    }
    app.stop();
  }

  private static void listen(Javalin app, CentralSettings settings) throws StartupException {
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw new StartupException(
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
  }

  private static ServingCertificate certificate(
      CentralSettings settings, DataDirectory directory, Clock clock) throws IOException {
    Path certificate = settings.tlsCertificate();
    Path key = settings.tlsKey();
    if (certificate != null && key != null) {
      return ServingCertificate.fromFiles(certificate, key);
    }
    return ServingCertificate.selfSigned(directory.root(), certificateNames(settings), clock);
  }

  /** The names of a generated certificate: loopback, this host, the listen address, the extras. */
  static List<String> certificateNames(CentralSettings settings) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      LOG.warn("this host's name is unknown; the certificate names only loopback");
    }
    if (!Set.of("0.0.0.0", "::", "").contains(settings.host())) {
      names.add(settings.host());
    }
    names.addAll(settings.tlsNames());
    return List.copyOf(names);
  }

  private static String replica() {
    return hostName() + "/" + ProcessHandle.current().pid();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources.reversed()) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", resource, e.toString());
      }
    }
  }
}
