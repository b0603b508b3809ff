package dev.bulwark.central.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.api.Json;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Kubernetes objects for the inventory's tests, as JSON a sensor would send. */
final class Kube {
  static final String DIGEST = "sha256:" + "a".repeat(64);
  static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

  private Kube() {}

  static String namespace(String name, String uid) {
    return """
    {"apiVersion": "v1", "kind": "Namespace",
     "metadata": {"name": "%s", "uid": "%s", "labels": {"team": "a"},
                  "annotations": {"owner": "team-a"}}}
    """
        .formatted(name, uid);
  }

  static String deployment(String namespace, String name, String uid, boolean privileged) {
    return """
    {"apiVersion": "apps/v1", "kind": "Deployment",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s", "labels": {"app": "%s"}},
     "spec": {"selector": {"matchLabels": {"app": "%s"}},
              "template": {"metadata": {"labels": {"app": "%s"}}, "spec": %s}}}
    """
        .formatted(namespace, name, uid, name, name, name, podSpec(privileged));
  }

  static String replicaSet(
      String namespace, String name, String uid, String owner, boolean privileged) {
    return """
    {"apiVersion": "apps/v1", "kind": "ReplicaSet",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s",
                  "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment",
                                       "name": "x", "uid": "%s", "controller": true}]},
     "spec": {"selector": {"matchLabels": {"app": "x"}},
              "template": {"metadata": {"labels": {"app": "x"}}, "spec": %s}}}
    """
        .formatted(namespace, name, uid, owner, podSpec(privileged));
  }

  static String pod(
      String namespace,
      String name,
      String uid,
      @Nullable String owner,
      String ownerKind,
      boolean privileged,
      String digest) {
    String owners =
        owner == null
            ? ""
            : """
            , "ownerReferences": [{"apiVersion": "apps/v1", "kind": "%s", "name": "x",
                                  "uid": "%s", "controller": true}]
            """
                .formatted(ownerKind, owner);
    return """
    {"apiVersion": "v1", "kind": "Pod",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s", "labels": {"app": "x"} %s},
     "spec": %s,
     "status": {"containerStatuses": [{"name": "app", "image": "nginx:1.25",
                "imageID": "docker.io/library/nginx@%s"}]}}
    """
        .formatted(namespace, name, uid, owners, podSpec(privileged), digest);
  }

  static String cronJob(String namespace, String name, String uid) {
    return """
    {"apiVersion": "batch/v1", "kind": "CronJob",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s"},
     "spec": {"schedule": "* * * * *",
              "jobTemplate": {"spec": {"template": {"spec": %s}}}}}
    """
        .formatted(namespace, name, uid, podSpec(false));
  }

  static String job(String namespace, String name, String uid, String owner) {
    return """
    {"apiVersion": "batch/v1", "kind": "Job",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s",
                  "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob",
                                       "name": "x", "uid": "%s", "controller": true}]},
     "spec": {"template": {"spec": %s}}}
    """
        .formatted(namespace, name, uid, owner, podSpec(false));
  }

  static String networkPolicy(String namespace, String name, String uid) {
    return """
    {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s"},
     "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}}
    """
        .formatted(namespace, name, uid);
  }

  static String service(String namespace, String name, String uid, String app) {
    return """
    {"apiVersion": "v1", "kind": "Service",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s"},
     "spec": {"type": "NodePort", "selector": {"app": "%s"},
              "ports": [{"port": 80, "targetPort": 8080, "nodePort": 30080}]}}
    """
        .formatted(namespace, name, uid, app);
  }

  static String podSpec(boolean privileged) {
    return """
    {"containers": [{"name": "app", "image": "nginx:1.25",
                     "ports": [{"containerPort": 8080}],
                     "securityContext": {"privileged": %s}}]}
    """
        .formatted(privileged);
  }

  /** Reads objects as the ingestion API does; fails the test on a problem. */
  static List<InventoryObject> objects(String... json) {
    List<InventoryObject> objects = new ArrayList<>();
    for (String text : json) {
      List<FieldError> errors = new ArrayList<>();
      objects.add(
          InventoryObject.read(tree(text), "", errors)
              .orElseThrow(() -> new AssertionError(errors.toString())));
    }
    return objects;
  }

  static List<Inventory.Change> upserts(String... json) {
    return objects(json).stream().<Inventory.Change>map(Inventory.Upsert::new).toList();
  }

  static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("test JSON does not parse: " + json, e);
    }
  }
}
