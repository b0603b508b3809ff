package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the containers of one pod spec. Entries of the wrong type are skipped; a port without a
 * valid {@code containerPort} is skipped too, since nothing can reach it.
 *
 * <p>Environment: {@code env} entries come first, in order: a literal {@code value} (or none) is
 * {@link EnvVar.Source#RAW}; {@code valueFrom} references become {@code "name:key"} for Secrets and
 * ConfigMaps, the field path for {@code fieldRef}, the resource for {@code resourceFieldRef}, and
 * {@link EnvVar.Source#UNKNOWN} with an empty value otherwise. Then each {@code envFrom} entry
 * becomes one variable standing for every key it imports: its name is the entry's prefix followed
 * by {@code *}, its value the Secret or ConfigMap name, its path the {@code envFrom} item.
 */
final class ContainerReader {
  private final Map<String, Volume> volumes;
  private final SecurityContextResolver securityContexts;

  ContainerReader(Map<String, Volume> volumes, SecurityContextResolver securityContexts) {
    this.volumes = volumes;
    this.securityContexts = securityContexts;
  }

  Container read(MapNode container, ContainerType type, FieldPath path) {
    String name = orEmpty(container.string("name"));
    String image = orEmpty(container.string("image"));
    MapNode resources = container.map("resources");
    return new Container(
        name,
        type,
        ImageRef.parse(image),
        securityContexts.resolve(container, name, path),
        resources == null
            ? Resources.NONE
            : new Resources(
                Quantities.cores(resources.map("requests")),
                Quantities.cores(resources.map("limits")),
                Quantities.megabytes(resources.map("requests")),
                Quantities.megabytes(resources.map("limits"))),
        ports(container, path),
        env(container, path),
        volumeMounts(container, path),
        probes(container, path),
        NodeValues.text(container, "imagePullPolicy"),
        path);
  }

  private static List<ContainerPort> ports(MapNode container, FieldPath path) {
    List<Node> items = container.list("ports");
    List<ContainerPort> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof MapNode port) {
        Integer number = NodeValues.integer(port, "containerPort");
        if (number != null) {
          out.add(
              new ContainerPort(
                  NodeValues.text(port, "name"),
                  number,
                  NodeValues.integerOrZero(port, "hostPort"),
                  protocol(port),
                  path.key("ports").index(i)));
        }
      }
    }
    return out;
  }

  /** The upper-case protocol of a port entry, TCP when absent. */
  private static String protocol(MapNode port) {
    String protocol = NodeValues.text(port, "protocol");
    return protocol == null ? "TCP" : protocol.strip().toUpperCase(Locale.ROOT);
  }

  private static List<EnvVar> env(MapNode container, FieldPath path) {
    List<Node> env = container.list("env");
    List<Node> envFrom = container.list("envFrom");
    List<EnvVar> out = new ArrayList<>(env.size() + envFrom.size());
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i) instanceof MapNode variable) {
        out.add(variable(variable, path.key("env").index(i)));
      }
    }
    for (int i = 0; i < envFrom.size(); i++) {
      if (envFrom.get(i) instanceof MapNode source) {
        out.add(imported(source, path.key("envFrom").index(i)));
      }
    }
    return out;
  }

  private static EnvVar variable(MapNode variable, FieldPath path) {
    String name = orEmpty(variable.string("name"));
    MapNode from = variable.map("valueFrom");
    if (from == null) {
      String value = orEmpty(variable.string("value"));
      return new EnvVar(name, value, EnvVar.Source.RAW, path);
    }
    MapNode secret = from.map("secretKeyRef");
    if (secret != null) {
      return new EnvVar(name, keyReference(secret), EnvVar.Source.SECRET_KEY, path);
    }
    MapNode configMap = from.map("configMapKeyRef");
    if (configMap != null) {
      return new EnvVar(name, keyReference(configMap), EnvVar.Source.CONFIG_MAP_KEY, path);
    }
    MapNode field = from.map("fieldRef");
    if (field != null) {
      return new EnvVar(name, orEmpty(field.string("fieldPath")), EnvVar.Source.FIELD, path);
    }
    MapNode resource = from.map("resourceFieldRef");
    if (resource != null) {
      String value = orEmpty(resource.string("resource"));
      return new EnvVar(name, value, EnvVar.Source.RESOURCE_FIELD, path);
    }
    return new EnvVar(name, "", EnvVar.Source.UNKNOWN, path);
  }

  private static EnvVar imported(MapNode source, FieldPath path) {
    String name = orEmpty(source.string("prefix")) + "*";
    MapNode secret = source.map("secretRef");
    if (secret != null) {
      return new EnvVar(name, orEmpty(secret.string("name")), EnvVar.Source.SECRET_KEY, path);
    }
    MapNode configMap = source.map("configMapRef");
    if (configMap != null) {
      String value = orEmpty(configMap.string("name"));
      return new EnvVar(name, value, EnvVar.Source.CONFIG_MAP_KEY, path);
    }
    return new EnvVar(name, "", EnvVar.Source.UNKNOWN, path);
  }

  private static String keyReference(MapNode reference) {
    return orEmpty(reference.string("name")) + ":" + orEmpty(reference.string("key"));
  }

  private List<VolumeMount> volumeMounts(MapNode container, FieldPath path) {
    List<Node> items = container.list("volumeMounts");
    List<VolumeMount> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof MapNode mount) {
        String name = orEmpty(mount.string("name"));
        out.add(
            new VolumeMount(
                name,
                orEmpty(mount.string("mountPath")),
                NodeValues.isTrue(mount, "readOnly"),
                propagation(mount.string("mountPropagation")),
                mountedVolume(volumes.get(name), mount.string("subPath")),
                path.key("volumeMounts").index(i)));
      }
    }
    return out;
  }

  /**
   * The volume as one mount sees it: a {@code subPath} of a hostPath volume makes the kubelet mount
   * that part of the host, so a policy written for {@code /run/docker.sock} sees it when {@code
   * /run} is mounted with {@code subPath: docker.sock}. Kubernetes rejects sub paths that leave the
   * volume ({@code ..} or absolute), so joining them is safe.
   */
  private static @Nullable Volume mountedVolume(@Nullable Volume volume, @Nullable String subPath) {
    if (volume == null
        || subPath == null
        || subPath.isBlank()
        || !volume.type().equals("hostPath")
        || volume.source().isEmpty()) {
      return volume;
    }
    String source = Volumes.cleanHostPath(volume.source() + "/" + subPath);
    return new Volume(volume.name(), volume.type(), source, volume.path());
  }

  private static VolumeMount.Propagation propagation(@Nullable String mode) {
    if ("HostToContainer".equals(mode)) {
      return VolumeMount.Propagation.HOSTTOCONTAINER;
    }
    if ("Bidirectional".equals(mode)) {
      return VolumeMount.Propagation.BIDIRECTIONAL;
    }
    return VolumeMount.Propagation.NONE;
  }

  private static List<Probe> probes(MapNode container, FieldPath path) {
    List<Probe> out = new ArrayList<>(3);
    addProbe(out, container, "livenessProbe", Probe.Kind.LIVENESS, path);
    addProbe(out, container, "readinessProbe", Probe.Kind.READINESS, path);
    addProbe(out, container, "startupProbe", Probe.Kind.STARTUP, path);
    return out;
  }

  private static void addProbe(
      List<Probe> out, MapNode container, String key, Probe.Kind kind, FieldPath path) {
    MapNode probe = container.map(key);
    if (probe == null) {
      return;
    }
    FieldPath probePath = path.key(key);
    if (probe.map("exec") != null) {
      out.add(new Probe(kind, Probe.Handler.EXEC, null, probePath));
    } else if (probe.map("httpGet") != null) {
      out.add(new Probe(kind, Probe.Handler.HTTP_GET, port(probe, "httpGet"), probePath));
    } else if (probe.map("tcpSocket") != null) {
      out.add(new Probe(kind, Probe.Handler.TCP_SOCKET, port(probe, "tcpSocket"), probePath));
    } else if (probe.map("grpc") != null) {
      out.add(new Probe(kind, Probe.Handler.GRPC, port(probe, "grpc"), probePath));
    } else {
      out.add(new Probe(kind, Probe.Handler.NONE, null, probePath));
    }
  }

  private static @Nullable String port(MapNode probe, String handler) {
    return NodeValues.text(probe.map(handler), "port");
  }

  private static String orEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }
}
