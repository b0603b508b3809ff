package dev.bulwark.sensor.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One object of the cluster as the sensor reports it: its identity, what ownership and evaluation
 * need without parsing it, and the cleaned object as compact UTF-8 JSON (the only copy the sensor
 * keeps). Immutable.
 */
public final class ReportedObject {
  private final String uid;
  private final String apiVersion;
  private final String kind;
  private final String namespace;
  private final String name;
  private final @Nullable String ownerUid;
  private final @Nullable String ownerKind;
  private final boolean workload;
  private final Map<String, String> runningImages;
  private final byte[] json;

  ReportedObject(
      String uid,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      @Nullable String ownerUid,
      @Nullable String ownerKind,
      boolean workload,
      Map<String, String> runningImages,
      byte[] json) {
    this.uid = uid;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
    this.ownerUid = ownerUid;
    this.ownerKind = ownerKind;
    this.workload = workload;
    this.runningImages = Map.copyOf(runningImages);
    this.json = json;
  }

  /** The object's {@code metadata.uid}, its key. */
  public String uid() {
    return uid;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  /** Empty for cluster-scoped objects. */
  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The uid of its controller (the ownerReference with {@code controller: true}), or null. */
  public @Nullable String ownerUid() {
    return ownerUid;
  }

  /** The kind of its controller, or null. */
  public @Nullable String ownerKind() {
    return ownerKind;
  }

  /** Whether the object runs pods (a pod, or anything with a pod template). */
  public boolean workload() {
    return workload;
  }

  /**
   * For a pod, container name to the digest of the image it runs (from its container statuses);
   * empty for other objects.
   */
  public Map<String, String> runningImages() {
    return runningImages;
  }

  /** The cleaned object as JSON; a copy (callers never see the kept bytes). */
  public byte[] json() {
    return Arrays.copyOf(json, json.length);
  }

  /** Size of the kept JSON, in bytes. */
  public int size() {
    return json.length;
  }

  /** Writes the kept JSON to {@code sink} without copying it. */
  public void writeTo(JsonSink sink) {
    sink.accept(json);
  }

  /** The cleaned object as a tree, parsed anew on every call. */
  public ObjectNode tree() {
    try {
      JsonNode node = InventoryJson.MAPPER.readTree(json);
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new UncheckedIOException("the sensor wrote this JSON itself", e);
    }
  }

  /** A reference to the object for a deletion: identity only. */
  public ObjectNode reference() {
    ObjectNode out = InventoryJson.MAPPER.createObjectNode();
    out.put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode metadata = out.putObject("metadata");
    metadata.put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    metadata.put("uid", uid);
    return out;
  }

  /** Receives kept bytes without a copy; must not change them. */
  @FunctionalInterface
  public interface JsonSink {
    void accept(byte[] json);
  }

  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " (" + uid + ")";
  }
}
