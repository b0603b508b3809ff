package dev.bulwark.admission;

import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark admission-controller webhook-config}: prints the ValidatingWebhookConfiguration
 * that registers the controller, with the CA of its serving certificate as {@code caBundle}.
 */
@Command(
    name = "webhook-config",
    mixinStandardHelpOptions = true,
    description =
        "Print the ValidatingWebhookConfiguration for the admission controller (apply it with"
            + " kubectl apply -f -).")
final class WebhookConfigCommand implements Callable<Integer> {
  /** Workload resources: every built-in kind with a pod template, and bare Pods. */
  static final List<String> WORKLOAD_RESOURCES =
      List.of(
          "/v1/pods",
          "/v1/replicationcontrollers",
          "apps/v1/deployments",
          "apps/v1/daemonsets",
          "apps/v1/statefulsets",
          "apps/v1/replicasets",
          "batch/v1/jobs",
          "batch/v1/cronjobs",
          "apps.openshift.io/v1/deploymentconfigs");

  @ParentCommand AdmissionControllerCommand controller;

  @Option(names = "--name", description = "Name of the configuration. Default: ${DEFAULT-VALUE}.")
  String name = "bulwark-admission";

  @Option(
      names = "--url",
      description =
          "The webhook's URL, such as https://127.0.0.1:8443/validate (instead of a Service).")
  @Nullable String url;

  @Option(
      names = "--service-name",
      description = "Service in front of the controller. Default: ${DEFAULT-VALUE}.")
  String serviceName = "bulwark-admission";

  @Option(
      names = "--service-namespace",
      description =
          "Namespace of that Service, excluded from admission. Default: ${DEFAULT-VALUE}.")
  String serviceNamespace = "bulwark";

  @Option(
      names = "--service-port",
      description = "Port of that Service. Default: ${DEFAULT-VALUE}.")
  int servicePort = 443;

  @Option(
      names = "--exclude-namespace",
      paramLabel = "NAME",
      description =
          "Namespaces never sent to the webhook, besides kube-system and the controller's own."
              + " Repeatable.")
  List<String> excluded = new ArrayList<>();

  @Option(
      names = "--resource",
      paramLabel = "GROUP/VERSION/RESOURCE",
      description =
          "More resources to admit, such as example.com/v1/workers (custom resources with pod"
              + " templates). Repeatable.")
  List<String> resources = new ArrayList<>();

  @Option(
      names = "--failure-policy",
      description =
          "What the API server does when the webhook does not answer: Ignore (admit) or Fail"
              + " (deny). Default: ${DEFAULT-VALUE}.")
  String failurePolicy = "Ignore";

  @Option(names = "--timeout-seconds", description = "1 to 30. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds = 10;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!failurePolicy.equals("Ignore") && !failurePolicy.equals("Fail")) {
      spec.commandLine().getErr().println("bulwark: --failure-policy must be Ignore or Fail");
      return AdmissionMain.USAGE_OR_INPUT_ERROR;
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 30) {
      spec.commandLine().getErr().println("bulwark: --timeout-seconds must be 1 to 30");
      return AdmissionMain.USAGE_OR_INPUT_ERROR;
    }
    List<String> all = new ArrayList<>(WORKLOAD_RESOURCES);
    for (String resource : resources) {
      if (resource.split("/", -1).length != 3) {
        spec.commandLine()
            .getErr()
            .println("bulwark: --resource " + resource + ": expected GROUP/VERSION/RESOURCE");
        return AdmissionMain.USAGE_OR_INPUT_ERROR;
      }
      all.add(resource);
    }
    ServingCertificate certificate = controller.tls.certificate(Clock.systemUTC());
    spec.commandLine().getOut().print(yaml(all, certificate.caPem()));
    spec.commandLine().getOut().flush();
    return AdmissionMain.OK;
  }

  String yaml(List<String> workloadResources, String caPem) {
    String caBundle = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add("kube-system");
    namespaces.add(serviceNamespace);
    namespaces.addAll(excluded);
    StringBuilder out = new StringBuilder();
    out.append("apiVersion: admissionregistration.k8s.io/v1\n")
        .append("kind: ValidatingWebhookConfiguration\n")
        .append("metadata:\n  name: ")
        .append(name)
        .append("\nwebhooks:\n  - name: validate.bulwark.dev\n")
        .append("    admissionReviewVersions: [v1]\n")
        .append("    sideEffects: None\n")
        .append("    matchPolicy: Equivalent\n")
        .append("    failurePolicy: ")
        .append(failurePolicy)
        .append("\n    timeoutSeconds: ")
        .append(timeoutSeconds)
        .append("\n    clientConfig:\n");
    String target = url;
    if (target != null) {
      out.append("      url: ").append(target).append('\n');
    } else {
      out.append("      service:\n        namespace: ")
          .append(serviceNamespace)
          .append("\n        name: ")
          .append(serviceName)
          .append("\n        path: /validate\n        port: ")
          .append(servicePort)
          .append('\n');
    }
    out.append("      caBundle: ").append(caBundle).append('\n');
    out.append("    namespaceSelector:\n      matchExpressions:\n")
        .append("        - key: kubernetes.io/metadata.name\n          operator: NotIn\n")
        .append("          values: [")
        .append(String.join(", ", namespaces))
        .append("]\n    rules:\n");
    for (String resource : workloadResources) {
      String[] parts = resource.split("/", -1);
      out.append("      - apiGroups: [\"")
          .append(parts[0])
          .append("\"]\n        apiVersions: [\"")
          .append(parts[1])
          .append("\"]\n        operations: [CREATE, UPDATE]\n        resources: [\"")
          .append(parts[2])
          .append("\"]\n        scope: \"*\"\n");
    }
    out.append("      - apiGroups: [\"\"]\n        apiVersions: [\"v1\"]\n")
        .append("        operations: [CONNECT]\n")
        .append("        resources: [\"pods/exec\", \"pods/attach\", \"pods/portforward\"]\n")
        .append("        scope: Namespaced\n");
    return out.toString();
  }
}
