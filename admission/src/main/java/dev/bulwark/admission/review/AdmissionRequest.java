package dev.bulwark.admission.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The part of an {@code admission.k8s.io/v1} AdmissionReview request the controller reads.
 *
 * @param kind the object's kind, such as Deployment ({@code request.kind.kind})
 * @param resource the resource, such as deployments, and {@code subResource} such as exec
 * @param object the object as the API server is about to store it; null for DELETE and CONNECT
 * @param oldObject the stored object before an UPDATE; null otherwise
 * @param groups the requesting user's groups
 * @param options for CONNECT, the options of the call (PodExecOptions, ...); null otherwise
 */
public record AdmissionRequest(
    String uid,
    String group,
    String version,
    String kind,
    String resource,
    String subResource,
    String name,
    String namespace,
    Operation operation,
    String username,
    List<String> groups,
    boolean dryRun,
    @Nullable ObjectNode object,
    @Nullable ObjectNode oldObject,
    @Nullable ObjectNode options) {
  public AdmissionRequest {
    groups = List.copyOf(groups);
  }
}
