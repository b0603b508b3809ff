package dev.bulwark.central.alerts;

import java.util.Map;
import java.util.UUID;

/**
 * The deployment an alert is about, as the inventory knew it when it was evaluated. Alerts keep
 * this snapshot, so an alert still says what it was about after the deployment is gone.
 *
 * @param clusterId the cluster the deployment runs in
 * @param uid the deployment's identity: its Kubernetes uid (a deployment deleted and created again
 *     under the same name is a new deployment)
 * @param namespace its namespace; empty for cluster-scoped objects
 * @param kind its kind, e.g. {@code Deployment}, {@code CronJob}, {@code Pod}
 * @param name its name
 * @param labels its labels
 * @param annotations its annotations (notifiers may take their target from one)
 * @param namespaceAnnotations the annotations of its namespace (likewise)
 */
public record AlertSubject(
    UUID clusterId,
    String uid,
    String namespace,
    String kind,
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> namespaceAnnotations) {
  public AlertSubject {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    namespaceAnnotations = Map.copyOf(namespaceAnnotations);
  }
}
