package dev.bulwark.policy.check;

import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An Ingress backend must name a Service of the Ingress's namespace and one of its ports (by number
 * or by name); otherwise requests for that path fail. Reads the default backend and every rule
 * path, in the {@code networking.k8s.io/v1} shape ({@code service.name}, {@code service.port}) and
 * the older {@code serviceName}/{@code servicePort} one. Resource backends are not Services and are
 * skipped.
 */
final class DanglingIngressCheck implements NativeCheck {
  @Override
  public String id() {
    return "dangling-ingress";
  }

  @Override
  public String summary() {
    return "An Ingress backend names a Service that is not in the Ingress's namespace of the input,"
        + " or a port that Service does not have.";
  }

  @Override
  public Target target() {
    return Target.INPUT;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    return (CheckEvaluator.AcrossInput)
        (object, workload) -> {
          if (!object.kind().equals("Ingress")
              || !(object.group().equals("networking.k8s.io")
                  || object.group().equals("extensions"))) {
            return null;
          }
          List<Backend> backends = backends(object);
          if (backends.isEmpty()) {
            return null;
          }
          String namespace = object.namespaceOrDefault();
          return (input, findings) -> {
            for (Backend backend : backends) {
              String problem = backend.problem(input, namespace);
              if (problem != null) {
                findings.violation(problem, backend.field());
              }
            }
          };
        };
  }

  private static List<Backend> backends(ManifestObject object) {
    List<Backend> backends = new ArrayList<>();
    FieldPath spec = FieldPath.of("spec");
    MapNode specNode = object.root().map("spec");
    if (specNode == null) {
      return backends;
    }
    addBackend(backends, object, specNode.map("defaultBackend"), spec.key("defaultBackend"));
    addBackend(backends, object, specNode.map("backend"), spec.key("backend"));
    List<Node> rules = specNode.list("rules");
    for (int i = 0; i < rules.size(); i++) {
      MapNode http = rules.get(i) instanceof MapNode rule ? rule.map("http") : null;
      if (http == null) {
        continue;
      }
      List<Node> paths = http.list("paths");
      for (int j = 0; j < paths.size(); j++) {
        if (paths.get(j) instanceof MapNode path) {
          FieldPath at = spec.key("rules").index(i).key("http").key("paths").index(j);
          addBackend(backends, object, path.map("backend"), at.key("backend"));
        }
      }
    }
    return backends;
  }

  private static void addBackend(
      List<Backend> backends, ManifestObject object, @Nullable MapNode backend, FieldPath path) {
    if (backend == null) {
      return;
    }
    MapNode service = backend.map("service");
    if (service != null) {
      String name = References.text(service, "name");
      MapNode port = service.map("port");
      if (name != null) {
        backends.add(
            new Backend(
                name,
                port == null ? null : number(port.get("number")),
                References.text(port, "name"),
                LocatedField.of(object, path)));
      }
      return;
    }
    String name = References.text(backend, "serviceName");
    if (name != null) {
      Node port = backend.get("servicePort");
      Integer number = number(port);
      String portName =
          number == null && port instanceof ScalarNode scalar && scalar.asText() != null
              ? scalar.asText()
              : null;
      backends.add(new Backend(name, number, portName, LocatedField.of(object, path)));
    }
  }

  private static @Nullable Integer number(@Nullable Node node) {
    Long value = node instanceof ScalarNode scalar ? scalar.asLong() : null;
    return value != null && value >= 0 && value <= 65535 ? value.intValue() : null;
  }

  /** One backend: the Service, its port by number or by name (or neither), and where. */
  private record Backend(
      String service, @Nullable Integer portNumber, @Nullable String portName, LocatedField field) {
    @Nullable String problem(InputIndex input, String namespace) {
      InputIndex.IndexedService target = input.service(namespace, service);
      if (target == null) {
        return "Backend Service \""
            + service
            + "\" is not in namespace \""
            + namespace
            + "\" of the input";
      }
      if (portNumber != null && !target.ports().contains(portNumber)) {
        return "Backend Service \"" + service + "\" has no port " + portNumber;
      }
      if (portName != null && !target.portNames().contains(portName)) {
        return "Backend Service \"" + service + "\" has no port named \"" + portName + "\"";
      }
      return null;
    }
  }
}
