package dev.bulwark.bench.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A fixed mix of 20 AdmissionReview bodies as the API server sends them for what teams deploy:
 * Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and bare Pods with one to three containers,
 * resources, probes, environment, volumes, the {@code managedFields} and {@code kubectl apply}
 * annotation real objects carry; CREATEs and UPDATEs (with {@code oldObject}). Five violate a
 * policy the default pack enforces (privileged, hostPID, CAP_SYS_ADMIN) and are denied; one UPDATE
 * keeps a violation its stored object already had and is only warned. The same seed gives the same
 * bodies (names, images, environment, resources vary with it).
 */
public final class ReviewMix {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2026-11-02T09:14:05Z");

  private final Random random;

  private ReviewMix(long seed) {
    this.random = new Random(seed);
  }

  /** The 20 bodies for {@code seed}. */
  public static List<ReviewBody> bodies(long seed) {
    return new ReviewMix(seed).all();
  }

  /** What makes a pod spec differ from the hardened default. */
  private enum Trait {
    PRIVILEGED,
    HOST_PID,
    CAP_SYS_ADMIN,
    LATEST_TAG,
    NO_LIMITS,
    HOST_LOG_VOLUME,
    INIT_CONTAINER
  }

  private List<ReviewBody> all() {
    List<ReviewBody> bodies = new ArrayList<>();
    bodies.add(create("Deployment", "web", pod(1, Set.of())));
    bodies.add(create("Deployment", "checkout", pod(2, Set.of())));
    bodies.add(update("Deployment", "catalog", pod(2, Set.of()), pod(2, Set.of()), 3, 5));
    bodies.add(update("Deployment", "search", pod(1, Set.of()), pod(1, Set.of()), 2, 2));
    bodies.add(create("Deployment", "gateway", pod(3, Set.of(Trait.NO_LIMITS))));
    bodies.add(create("Deployment", "metrics-agent", pod(1, Set.of(Trait.PRIVILEGED))));
    Pod legacy = pod(1, Set.of(Trait.PRIVILEGED));
    bodies.add(update("Deployment", "legacy-vpn", legacy, legacy, 1, 2));
    bodies.add(create("StatefulSet", "postgres", pod(1, Set.of())));
    bodies.add(update("StatefulSet", "kafka", pod(2, Set.of()), pod(2, Set.of()), 3, 3));
    bodies.add(create("DaemonSet", "log-shipper", pod(1, Set.of(Trait.HOST_LOG_VOLUME))));
    bodies.add(create("DaemonSet", "node-exporter", pod(1, Set.of(Trait.HOST_PID))));
    bodies.add(update("DaemonSet", "dns-cache", pod(1, Set.of()), pod(1, Set.of()), 1, 1));
    bodies.add(create("Job", "db-migrate", pod(1, Set.of())));
    bodies.add(create("Job", "report-export", pod(2, Set.of(Trait.INIT_CONTAINER))));
    bodies.add(create("CronJob", "nightly-backup", pod(1, Set.of())));
    bodies.add(update("CronJob", "cache-warmer", pod(1, Set.of()), pod(1, Set.of()), 1, 1));
    bodies.add(create("Pod", "debug-shell", pod(1, Set.of(Trait.LATEST_TAG))));
    bodies.add(create("Pod", "node-debugger", pod(1, Set.of(Trait.PRIVILEGED))));
    bodies.add(
        update("Deployment", "profiler", pod(1, Set.of()), pod(1, Set.of(Trait.HOST_PID)), 1, 1));
    bodies.add(create("Job", "disk-resize", pod(1, Set.of(Trait.CAP_SYS_ADMIN))));
    return List.copyOf(bodies);
  }

  /** A pod template: its containers and traits, fixed when the body is made. */
  private record Pod(int containers, Set<Trait> traits, long variant) {
    boolean violating() {
      return traits.contains(Trait.PRIVILEGED)
          || traits.contains(Trait.HOST_PID)
          || traits.contains(Trait.CAP_SYS_ADMIN);
    }
  }

  private Pod pod(int containers, Set<Trait> traits) {
    return new Pod(containers, traits, random.nextLong());
  }

  private ReviewBody create(String kind, String name, Pod pod) {
    ObjectNode object = workload(kind, name, pod, 1 + random.nextInt(3), 1);
    return body(kind + " CREATE " + name, "CREATE", kind, object, null, pod.violating());
  }

  /**
   * An UPDATE from {@code before} to {@code after}; denied only when {@code after} violates what
   * {@code before} did not.
   */
  private ReviewBody update(
      String kind, String name, Pod before, Pod after, int replicasBefore, int replicasAfter) {
    ObjectNode old = workload(kind, name, before, replicasBefore, 4);
    ObjectNode object = workload(kind, name, after, replicasAfter, 5);
    boolean denied = after.violating() && !before.traits().equals(after.traits());
    return body(kind + " UPDATE " + name, "UPDATE", kind, object, old, denied);
  }

  private ReviewBody body(
      String description,
      String operation,
      String kind,
      ObjectNode object,
      @Nullable ObjectNode oldObject,
      boolean expectDenied) {
    String namespace = object.path("metadata").path("namespace").asText();
    ObjectNode review = JSON.createObjectNode();
    review.put("kind", "AdmissionReview");
    review.put("apiVersion", "admission.k8s.io/v1");
    ObjectNode request = review.putObject("request");
    request.put("uid", ReviewBody.PLACEHOLDER_UID);
    groupVersionKind(request.putObject("kind"), kind);
    groupVersionResource(request.putObject("resource"), kind);
    groupVersionKind(request.putObject("requestKind"), kind);
    groupVersionResource(request.putObject("requestResource"), kind);
    request.put("name", object.path("metadata").path("name").asText());
    request.put("namespace", namespace);
    request.put("operation", operation);
    ObjectNode user = request.putObject("userInfo");
    user.put("username", "system:serviceaccount:ci:deployer");
    user.put("uid", new UUID(random.nextLong(), random.nextLong()).toString());
    ArrayNode groups = user.putArray("groups");
    groups.add("system:serviceaccounts");
    groups.add("system:serviceaccounts:ci");
    groups.add("system:authenticated");
    request.set("object", object);
    if (oldObject == null) {
      request.putNull("oldObject");
    } else {
      request.set("oldObject", oldObject);
    }
    request.put("dryRun", false);
    ObjectNode options = request.putObject("options");
    options.put("kind", operation.equals("CREATE") ? "CreateOptions" : "UpdateOptions");
    options.put("apiVersion", "meta.k8s.io/v1");
    options.put(
        "fieldManager",
        appliedWithKubectl(request.path("name").asText())
            ? "kubectl-client-side-apply"
            : "argocd-controller");
    options.put("fieldValidation", "Strict");
    try {
      byte[] bytes = JSON.writeValueAsBytes(review);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return new ReviewBody(
          description, bytes, text.indexOf(ReviewBody.PLACEHOLDER_UID), expectDenied);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a review body could not be written", e);
    }
  }

  private static void groupVersionKind(ObjectNode into, String kind) {
    into.put("group", group(kind));
    into.put("version", "v1");
    into.put("kind", kind);
  }

  private static void groupVersionResource(ObjectNode into, String kind) {
    into.put("group", group(kind));
    into.put("version", "v1");
    into.put("resource", kind.toLowerCase(java.util.Locale.ROOT) + "s");
  }

  private static String group(String kind) {
    return switch (kind) {
      case "Pod" -> "";
      case "Job", "CronJob" -> "batch";
      default -> "apps";
    };
  }

  private static String apiVersion(String kind) {
    String group = group(kind);
    return group.isEmpty() ? "v1" : group + "/v1";
  }

  /** The object as stored: metadata with managedFields, and the kind's spec around the pod. */
  private ObjectNode workload(String kind, String name, Pod pod, int replicas, int generation) {
    Random variant = new Random(pod.variant());
    String namespace =
        List.of("shop", "payments", "platform", "data").get(Math.floorMod(name.hashCode(), 4));
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", apiVersion(kind));
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    metadata.put("uid", new UUID(name.hashCode(), kind.hashCode()).toString());
    metadata.put("resourceVersion", Integer.toString(100_000 + variant.nextInt(900_000)));
    metadata.put("generation", generation);
    metadata.put("creationTimestamp", CREATED.toString());
    labels(metadata.putObject("labels"), name);
    ObjectNode spec = JSON.createObjectNode();
    ObjectNode template = podTemplate(name, pod, variant);
    switch (kind) {
      case "Pod" -> {
        object.set("spec", template.get("spec"));
        metadata.put("generation", 0);
      }
      case "Job" -> {
        spec.put("backoffLimit", 2);
        spec.put("ttlSecondsAfterFinished", 3600);
        spec.set("template", template);
        ((ObjectNode) template.get("spec")).put("restartPolicy", "Never");
        object.set("spec", spec);
      }
      case "CronJob" -> {
        spec.put("schedule", variant.nextInt(60) + " 2 * * *");
        spec.put("concurrencyPolicy", "Forbid");
        spec.put("successfulJobsHistoryLimit", 3);
        ObjectNode jobSpec = spec.putObject("jobTemplate").putObject("spec");
        jobSpec.put("backoffLimit", 1);
        jobSpec.set("template", template);
        ((ObjectNode) template.get("spec")).put("restartPolicy", "OnFailure");
        object.set("spec", spec);
      }
      default -> {
        if (!kind.equals("DaemonSet")) {
          spec.put("replicas", replicas);
        }
        spec.put("revisionHistoryLimit", 10);
        spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", name);
        if (kind.equals("StatefulSet")) {
          spec.put("serviceName", name);
          spec.set("volumeClaimTemplates", claimTemplates(variant));
        } else if (kind.equals("Deployment")) {
          ObjectNode strategy = spec.putObject("strategy");
          strategy.put("type", "RollingUpdate");
          strategy.putObject("rollingUpdate").put("maxSurge", "25%").put("maxUnavailable", "25%");
        }
        spec.set("template", template);
        object.set("spec", spec);
      }
    }
    ObjectNode annotations = metadata.putObject("annotations");
    if (kind.equals("Deployment")) {
      annotations.put("deployment.kubernetes.io/revision", Integer.toString(generation));
    }
    boolean kubectl = appliedWithKubectl(name);
    if (kubectl) {
      annotations.put(
          "kubectl.kubernetes.io/last-applied-configuration", lastApplied(object, metadata));
    }
    metadata.set("managedFields", managedFields(apiVersion(kind), kubectl, variant));
    return object;
  }

  /**
   * A third of the objects were applied with {@code kubectl apply}, which keeps the whole object in
   * an annotation; the others by a GitOps controller with server-side apply.
   */
  private static boolean appliedWithKubectl(String name) {
    return Math.floorMod(name.hashCode(), 3) == 0;
  }

  private static void labels(ObjectNode labels, String name) {
    labels.put("app.kubernetes.io/name", name);
    labels.put("app.kubernetes.io/part-of", "storefront");
    labels.put("app.kubernetes.io/managed-by", appliedWithKubectl(name) ? "kubectl" : "argocd");
    labels.put("team", "platform");
  }

  /** What {@code kubectl apply} stores: the object without server-set fields, as JSON text. */
  private static String lastApplied(ObjectNode object, ObjectNode metadata) {
    ObjectNode applied = object.deepCopy();
    ObjectNode appliedMetadata = JSON.createObjectNode();
    appliedMetadata.put("name", metadata.path("name").asText());
    appliedMetadata.put("namespace", metadata.path("namespace").asText());
    appliedMetadata.set("labels", metadata.get("labels"));
    applied.set("metadata", appliedMetadata);
    return applied.toString();
  }

  private static ArrayNode managedFields(String apiVersion, boolean kubectl, Random variant) {
    ArrayNode fields = JSON.createArrayNode();
    ObjectNode entry = fields.addObject();
    entry.put("manager", kubectl ? "kubectl-client-side-apply" : "argocd-controller");
    entry.put("operation", kubectl ? "Update" : "Apply");
    entry.put("apiVersion", apiVersion);
    entry.put("time", CREATED.plusSeconds(variant.nextInt(86_400)).toString());
    entry.put("fieldsType", "FieldsV1");
    ObjectNode fieldsV1 = entry.putObject("fieldsV1");
    ObjectNode metadataFields = fieldsV1.putObject("f:metadata");
    metadataFields.putObject("f:annotations").putObject(".").put("f:kubectl", "{}");
    metadataFields.putObject("f:labels").putObject(".");
    ObjectNode specFields = fieldsV1.putObject("f:spec");
    specFields.putObject("f:replicas");
    specFields.putObject("f:template").putObject("f:spec").putObject("f:containers");
    return fields;
  }

  private static ArrayNode claimTemplates(Random variant) {
    ArrayNode claims = JSON.createArrayNode();
    ObjectNode claim = claims.addObject();
    claim.putObject("metadata").put("name", "data");
    ObjectNode spec = claim.putObject("spec");
    spec.putArray("accessModes").add("ReadWriteOnce");
    spec.put("storageClassName", "standard-rwo");
    spec.putObject("resources")
        .putObject("requests")
        .put("storage", (10 << variant.nextInt(4)) + "Gi");
    return claims;
  }

  private ObjectNode podTemplate(String name, Pod pod, Random variant) {
    ObjectNode template = JSON.createObjectNode();
    ObjectNode metadata = template.putObject("metadata");
    labels(metadata.putObject("labels"), name);
    metadata.putObject("annotations").put("prometheus.io/scrape", "true");
    ObjectNode spec = template.putObject("spec");
    spec.put("serviceAccountName", name);
    spec.put("automountServiceAccountToken", false);
    spec.put("terminationGracePeriodSeconds", 30);
    spec.put("dnsPolicy", "ClusterFirst");
    spec.put("schedulerName", "default-scheduler");
    if (pod.traits().contains(Trait.HOST_PID)) {
      spec.put("hostPID", true);
    }
    ObjectNode podSecurity = spec.putObject("securityContext");
    podSecurity.put("runAsNonRoot", true);
    podSecurity.put("fsGroup", 2000);
    podSecurity.putObject("seccompProfile").put("type", "RuntimeDefault");
    ArrayNode containers = spec.putArray("containers");
    for (int index = 0; index < pod.containers(); index++) {
      containers.add(container(name, index, pod.traits(), variant));
    }
    if (pod.traits().contains(Trait.INIT_CONTAINER)) {
      ObjectNode init = container(name + "-init", 0, Set.of(), variant);
      init.remove("livenessProbe");
      init.remove("readinessProbe");
      init.remove("ports");
      spec.putArray("initContainers").add(init);
    }
    spec.set("volumes", volumes(name, pod.traits()));
    ArrayNode tolerations = spec.putArray("tolerations");
    tolerations
        .addObject()
        .put("key", "node.kubernetes.io/not-ready")
        .put("operator", "Exists")
        .put("effect", "NoExecute")
        .put("tolerationSeconds", 300);
    return template;
  }

  private static ObjectNode container(String name, int index, Set<Trait> traits, Random variant) {
    boolean main = index == 0;
    String containerName = main ? name : List.of("proxy", "log-forwarder").get(index - 1);
    ObjectNode container = JSON.createObjectNode();
    container.put("name", containerName);
    String tag =
        traits.contains(Trait.LATEST_TAG)
            ? "latest"
            : variant.nextInt(4) + "." + variant.nextInt(20) + "." + variant.nextInt(10);
    container.put("image", "registry.example.com/storefront/" + containerName + ":" + tag);
    container.put("imagePullPolicy", "IfNotPresent");
    int port = main ? 8080 : 9000 + index;
    container.putArray("ports").addObject().put("name", "http").put("containerPort", port);
    ArrayNode env = container.putArray("env");
    int variables = 1 + variant.nextInt(5);
    for (int variable = 0; variable < variables; variable++) {
      ObjectNode entry = env.addObject();
      entry.put(
          "name",
          List.of("LOG", "DB", "CACHE", "FEATURE", "REGION").get(variable % 5)
              + "_SETTING_"
              + variable);
      if (variable % 3 == 2) {
        entry
            .putObject("valueFrom")
            .putObject("secretKeyRef")
            .put("name", name + "-secrets")
            .put("key", "value-" + variable);
      } else {
        entry.put("value", "value-" + variant.nextInt(1000));
      }
    }
    ObjectNode resources = container.putObject("resources");
    int cpu = 50 * (1 + variant.nextInt(8));
    int memory = 64 << variant.nextInt(4);
    resources.putObject("requests").put("cpu", cpu + "m").put("memory", memory + "Mi");
    if (main || !traits.contains(Trait.NO_LIMITS)) {
      resources.putObject("limits").put("cpu", 2 * cpu + "m").put("memory", 2 * memory + "Mi");
    }
    container.set("livenessProbe", probe(port, "/healthz", 10));
    container.set("readinessProbe", probe(port, "/readyz", 5));
    ArrayNode mounts = container.putArray("volumeMounts");
    mounts.addObject().put("name", "config").put("mountPath", "/etc/" + name).put("readOnly", true);
    mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");
    if (traits.contains(Trait.HOST_LOG_VOLUME)) {
      mounts
          .addObject()
          .put("name", "host-logs")
          .put("mountPath", "/var/log")
          .put("readOnly", true);
    }
    container.put("terminationMessagePolicy", "FallbackToLogsOnError");
    container.set("securityContext", securityContext(main, traits));
    return container;
  }

  private static ObjectNode probe(int port, String path, int period) {
    ObjectNode probe = JSON.createObjectNode();
    probe.putObject("httpGet").put("path", path).put("port", port).put("scheme", "HTTP");
    probe.put("initialDelaySeconds", 5);
    probe.put("periodSeconds", period);
    probe.put("timeoutSeconds", 1);
    probe.put("failureThreshold", 3);
    return probe;
  }

  /** Hardened unless a trait says otherwise; the violations sit on the main container. */
  private static ObjectNode securityContext(boolean main, Set<Trait> traits) {
    ObjectNode context = JSON.createObjectNode();
    boolean privileged = main && traits.contains(Trait.PRIVILEGED);
    context.put("privileged", privileged);
    context.put("allowPrivilegeEscalation", privileged);
    context.put("readOnlyRootFilesystem", !privileged);
    context.put("runAsNonRoot", true);
    context.put("runAsUser", 10_001);
    ObjectNode capabilities = context.putObject("capabilities");
    capabilities.putArray("drop").add("ALL");
    if (main && traits.contains(Trait.CAP_SYS_ADMIN)) {
      capabilities.putArray("add").add("SYS_ADMIN");
    }
    return context;
  }

  private static ArrayNode volumes(String name, Set<Trait> traits) {
    ArrayNode volumes = JSON.createArrayNode();
    volumes.addObject().put("name", "config").putObject("configMap").put("name", name + "-config");
    volumes.addObject().put("name", "tmp").putObject("emptyDir").put("sizeLimit", "256Mi");
    if (traits.contains(Trait.HOST_LOG_VOLUME)) {
      volumes
          .addObject()
          .put("name", "host-logs")
          .putObject("hostPath")
          .put("path", "/var/log")
          .put("type", "Directory");
    }
    return volumes;
  }
}
