package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;

/**
 * Which pods a NetworkPolicy isolates, and in which directions. Without {@code policyTypes} a
 * policy always covers ingress, and egress when it has egress rules, as the API server defaults it.
 */
record NetworkPolicySummary(
    String namespace, ObjectSelector podSelector, boolean ingress, boolean egress) {

  static NetworkPolicySummary read(ManifestObject object) {
    MapNode spec = object.root().map("spec");
    ObjectSelector selector = ObjectSelector.parse(spec == null ? null : spec.map("podSelector"));
    List<String> types = ContextValues.strings(spec, "policyTypes");
    boolean ingress;
    boolean egress;
    if (types.isEmpty()) {
      ingress = true;
      egress = spec != null && !spec.list("egress").isEmpty();
    } else {
      ingress = types.contains("Ingress");
      egress = types.contains("Egress");
    }
    return new NetworkPolicySummary(object.namespaceOrDefault(), selector, ingress, egress);
  }
}
