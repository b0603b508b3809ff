package dev.bulwark.sensor.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.sensor.inventory.InventoryJson;
import dev.bulwark.sensor.inventory.ReportedObject;
import org.jspecify.annotations.Nullable;

/** Kubernetes objects as the API server returns them, for tests. */
public final class Kube {
  private Kube() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ReportedObject object(String json) {
    return InventoryJson.read(tree(json))
        .orElseThrow(() -> new AssertionError("not an object with an identity: " + json));
  }

  /** The JSON text as a tree, as the watch hands objects to the inventory. */
  public static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new AssertionError("not a JSON object: " + json, e);
    }
  }

  public static ReportedObject namespace(String name, String uid) {
    return object(
        """
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "%s", "uid": "%s"}}
        """
            .formatted(name, uid));
  }

  public static ReportedObject deployment(
      String namespace, String name, String uid, boolean privileged) {
    return object(
        """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"namespace": "%s", "name": "%s", "uid": "%s"},
         "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "%s"}},
           "template": {"metadata": {"labels": {"app": "%s"}},
             "spec": {"containers": [{"name": "c", "image": "nginx:1.25",
               "securityContext": {"privileged": %s}}]}}}}
        """
            .formatted(namespace, name, uid, name, name, privileged));
  }

  /** A ReplicaSet or pod (as {@code kind}) controlled by {@code ownerUid} (none when null). */
  public static ReportedObject owned(
      String kind, String namespace, String name, String uid, @Nullable String ownerUid) {
    String owners =
        ownerUid == null
            ? ""
            : ", \"ownerReferences\": [{\"apiVersion\": \"apps/v1\", \"kind\": \"X\","
                + " \"name\": \"owner\", \"uid\": \""
                + ownerUid
                + "\", \"controller\": true}]";
    String spec = "{\"containers\": [{\"name\": \"c\", \"image\": \"nginx:1.25\"}]}";
    String body =
        kind.equals("Pod")
            ? "\"spec\": " + spec
            : "\"spec\": {\"template\": {\"spec\": " + spec + "}}";
    String apiVersion =
        kind.equals("Pod")
            ? "v1"
            : kind.equals("CronJob") || kind.equals("Job") ? "batch/v1" : "apps/v1";
    if (kind.equals("CronJob")) {
      body =
          "\"spec\": {\"schedule\": \"* * * * *\", \"jobTemplate\": {\"spec\": {\"template\":"
              + " {\"spec\": "
              + spec
              + "}}}}";
    }
    return object(
        """
        {"apiVersion": "%s", "kind": "%s",
         "metadata": {"namespace": "%s", "name": "%s", "uid": "%s"%s}, %s}
        """
            .formatted(apiVersion, kind, namespace, name, uid, owners, body));
  }
}
