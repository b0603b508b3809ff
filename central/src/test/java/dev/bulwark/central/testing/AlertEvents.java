package dev.bulwark.central.testing;

import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Alert events for notifier tests, with fixed ids and times so payloads can be compared. */
public final class AlertEvents {
  public static final UUID ALERT = UUID.fromString("6f1c2f5e-0000-4000-8000-000000000001");
  public static final UUID CLUSTER = UUID.fromString("0c1a5e00-0000-4000-8000-000000000002");
  public static final Instant AT = Instant.parse("2030-01-31T12:00:00.123456Z");

  private AlertEvents() {}

  /** A new HIGH alert on Deployment shop/web of cluster prod, for policy {@code privileged}. */
  public static AlertEvent event(AlertEvent.Kind kind) {
    return event(kind, ALERT, Map.of(), Map.of());
  }

  /** The event for another alert, with the given deployment and namespace annotations. */
  public static AlertEvent event(
      AlertEvent.Kind kind,
      UUID alert,
      Map<String, String> annotations,
      Map<String, String> namespaceAnnotations) {
    return new AlertEvent(
        kind,
        alert,
        "prod",
        new AlertSubject(
            CLUSTER,
            "uid-web",
            "shop",
            "Deployment",
            "web",
            Map.of("app", "web"),
            annotations,
            namespaceAnnotations),
        "privileged",
        "Privileged container",
        Severity.HIGH,
        LifecycleStage.DEPLOY,
        List.of("Container 'app' is privileged", "Container 'sidecar' is privileged"),
        AT);
  }
}
