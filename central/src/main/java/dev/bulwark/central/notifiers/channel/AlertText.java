package dev.bulwark.central.notifiers.channel;

import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.policy.model.Severity;
import java.util.Locale;

/** The words every notifier uses for an alert event, so all of them say the same. */
public final class AlertText {
  private AlertText() {}

  /** The headline, e.g. {@code Policy violated: Privileged container}. */
  public static String title(AlertEvent event) {
    String what =
        switch (event.kind()) {
          case NEW -> "Policy violated";
          case RESOLVED -> "Alert resolved";
          case ATTEMPTED -> "Admission denied";
        };
    return what + ": " + event.policyName();
  }

  /** {@code Critical}, {@code High}, {@code Medium} or {@code Low}. */
  public static String severity(Severity severity) {
    String name = severity.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The namespace, or {@code (cluster-scoped)}. */
  public static String namespace(AlertSubject subject) {
    return subject.namespace().isEmpty() ? "(cluster-scoped)" : subject.namespace();
  }

  /** {@code Deployment/web}. */
  public static String workload(AlertSubject subject) {
    return subject.kind() + "/" + subject.name();
  }

  /** One line naming where: {@code cluster prod, namespace shop, Deployment/web}. */
  public static String where(AlertEvent event) {
    return "cluster "
        + event.clusterName()
        + ", namespace "
        + namespace(event.subject())
        + ", "
        + workload(event.subject());
  }

  /** The messages as lines starting with {@code - }. */
  public static String messageLines(AlertEvent event) {
    StringBuilder text = new StringBuilder();
    for (String message : event.messages()) {
      text.append("- ").append(message).append('\n');
    }
    return text.toString();
  }

  /** A plain-text description: where, severity, policy, stage and the messages. */
  public static String plainText(AlertEvent event) {
    return title(event)
        + "\n\nSeverity: "
        + severity(event.severity())
        + "\nCluster: "
        + event.clusterName()
        + "\nNamespace: "
        + namespace(event.subject())
        + "\nWorkload: "
        + workload(event.subject())
        + "\nPolicy: "
        + event.policyName()
        + " ("
        + event.policyId()
        + ")\nStage: "
        + event.stage()
        + "\nAlert: "
        + event.alertId()
        + "\nAt: "
        + event.at()
        + "\n\nViolations:\n"
        + messageLines(event);
  }
}
