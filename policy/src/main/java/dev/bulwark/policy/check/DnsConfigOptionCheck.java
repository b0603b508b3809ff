package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload whose pods' DNS configuration lacks a resolver option, by default {@code ndots:2}.
 * With Kubernetes' default of five dots, every external name is first tried against each search
 * domain, multiplying DNS queries.
 */
final class DnsConfigOptionCheck implements NativeCheck {
  static final String NAME = "name";
  static final String VALUE = "value";

  @Override
  public String id() {
    return "dns-config-option";
  }

  @Override
  public String summary() {
    return "The workload's pod spec has no dnsConfig.options entry with the given name and value.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(NAME, "The resolver option's name.", "ndots"),
        new CheckParameter(VALUE, "The option's value.", "2"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    String name = Parameters.text(parameters, NAME, "ndots");
    String value = Parameters.text(parameters, VALUE, "2");
    String option = name + ":" + value;
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          FieldPath specPath = PodOwners.specPath(object, workload);
          if (specPath == null) {
            return;
          }
          FieldPath dnsConfigPath = specPath.key("dnsConfig");
          MapNode dnsConfig = ManifestFields.map(object.root(), dnsConfigPath);
          List<MapNode> options = dnsConfig == null ? List.of() : dnsConfig.maps("options");
          for (MapNode entry : options) {
            if (name.equals(entry.string("name"))
                && value.equals(Objects.requireNonNullElse(entry.string("value"), ""))) {
              return;
            }
          }
          String subject = object.kind() + " \"" + object.name() + "\" ";
          if (dnsConfig == null) {
            findings.violation(
                subject + "sets no dnsConfig, so its pods lack the DNS option " + option, specPath);
          } else {
            findings.violation(
                subject + "does not set the DNS option " + option + " in dnsConfig.options",
                dnsConfigPath);
          }
        };
  }
}
