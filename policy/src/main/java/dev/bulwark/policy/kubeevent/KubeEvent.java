package dev.bulwark.policy.kubeevent;

import java.util.List;

/**
 * A request to act on a running pod, as the API server sends it to an admission webhook.
 *
 * @param user the requesting user name; {@code groups} its groups
 */
public record KubeEvent(
    Resource resource, String namespace, String pod, String user, List<String> groups) {
  public KubeEvent {
    groups = List.copyOf(groups);
  }

  /** The pod subresources StackRox's {@code Kubernetes Resource} criterion names. */
  public enum Resource {
    PODS_EXEC("exec into"),
    PODS_ATTACH("attach to"),
    PODS_PORTFORWARD("port-forward to");

    private final String verb;

    Resource(String verb) {
      this.verb = verb;
    }

    /** The resource for a pod subresource name (exec, attach, portforward), or null. */
    public static @org.jspecify.annotations.Nullable Resource ofSubresource(String subresource) {
      return switch (subresource) {
        case "exec" -> PODS_EXEC;
        case "attach" -> PODS_ATTACH;
        case "portforward" -> PODS_PORTFORWARD;
        default -> null;
      };
    }
  }

  /** What happened, in words: "alice wants to exec into pod shop/web-1". */
  public String describe() {
    return user + " wants to " + resource.verb + " pod " + namespace + "/" + pod;
  }
}
