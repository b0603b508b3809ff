package dev.bulwark.policy.check;

import dev.bulwark.core.context.ObjectSelector;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy rule peer given by a {@code podSelector} alone means pods of the policy's own
 * namespace; when it matches the pods of no workload there, the rule allows traffic from (or to)
 * nothing, usually because of a label typo. Peers that also have a {@code namespaceSelector} name
 * pods of other namespaces, which the input may not hold, and are skipped, as are empty selectors
 * (every pod of the namespace).
 */
final class DanglingNetworkPolicyPeerCheck implements NativeCheck {
  @Override
  public String id() {
    return "dangling-networkpolicypeer-podselector";
  }

  @Override
  public String summary() {
    return "A NetworkPolicy ingress or egress peer with a podSelector and no namespaceSelector"
        + " matches the pod labels of no workload in the policy's namespace of the input.";
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
          if (!DanglingNetworkPolicyCheck.isNetworkPolicy(object)) {
            return null;
          }
          List<Peer> peers = new ArrayList<>();
          addPeers(peers, object, "ingress", "from");
          addPeers(peers, object, "egress", "to");
          if (peers.isEmpty()) {
            return null;
          }
          String namespace = object.namespaceOrDefault();
          return (input, findings) -> {
            for (Peer peer : peers) {
              if (!input.selectsPods(namespace, peer.selector())) {
                findings.violation(
                    "The "
                        + peer.direction()
                        + " peer podSelector "
                        + peer.selector().describe()
                        + " matches the pods of no workload in namespace \""
                        + namespace
                        + "\" of the input",
                    peer.field());
              }
            }
          };
        };
  }

  /** A peer selecting pods of the policy's namespace, with the direction of its rule. */
  private record Peer(String direction, ObjectSelector selector, LocatedField field) {}

  private static void addPeers(
      List<Peer> peers, ManifestObject object, String direction, String peersKey) {
    MapNode spec = object.root().map("spec");
    if (spec == null) {
      return;
    }
    FieldPath rulesPath = FieldPath.of("spec", direction);
    List<Node> rules = spec.list(direction);
    for (int i = 0; i < rules.size(); i++) {
      if (!(rules.get(i) instanceof MapNode rule)) {
        continue;
      }
      List<Node> rulePeers = rule.list(peersKey);
      for (int j = 0; j < rulePeers.size(); j++) {
        if (rulePeers.get(j) instanceof MapNode peer
            && peer.map("podSelector") != null
            && !peer.has("namespaceSelector")) {
          ObjectSelector selector = ObjectSelector.parse(peer.map("podSelector"));
          if (!selector.isEmpty()) {
            FieldPath path = rulesPath.index(i).key(peersKey).index(j).key("podSelector");
            peers.add(new Peer(direction, selector, LocatedField.of(object, path)));
          }
        }
      }
    }
  }
}
