package dev.bulwark.policy.check;

import static dev.bulwark.policy.check.NativeCheckRunner.messages;
import static dev.bulwark.policy.check.NativeCheckRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.policy.conformance.ConformanceFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kubernetes-schema check against the Kubernetes API schema Bulwark ships. */
class KubernetesSchemaCheckTest {
  private static final String CHECK = "kubernetes-schema";

  @Test
  void reportsEachProblemAtItsOwnLine() throws InvalidCheckParameterException {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            version: 1.0
        spec:
          replicas: "2"
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - image: web:1
                  imagePullPolice: Always
                  ports: {containerPort: 80}
                  resources:
                    limits: {memory: 1GB, cpu: 500m}
        """;

    assertThat(run(CHECK, Map.of(), yaml))
        .extracting(NativeCheckRunner.Finding::message, NativeCheckRunner.Finding::line)
        .containsExactlyInAnyOrder(
            tuple("Field metadata.labels.version must be a string, found a decimal number", 6),
            tuple("Field spec.replicas must be an integer, found a string", 8),
            tuple(
                "Unknown field spec.template.spec.containers[0].imagePullPolice: Container has no"
                    + " field \"imagePullPolice\"; did you mean \"imagePullPolicy\"?",
                15),
            tuple(
                "Field spec.template.spec.containers[0].ports must be a list, found a mapping", 16),
            tuple(
                "Field spec.template.spec.containers[0].resources.limits.memory must be a quantity"
                    + " such as 500m or 1Gi, found text that is not a quantity",
                18),
            tuple(
                "Missing required field spec.template.spec.containers[0].name (Container needs"
                    + " \"name\")",
                14),
            tuple("Missing required field spec.selector (DeploymentSpec needs \"selector\")", 7));
  }

  @Test
  void aValidObjectAndNullValuesPass() throws InvalidCheckParameterException {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          creationTimestamp: null
          annotations: {example.com/build: "42"}
        spec:
          replicas: 3
          strategy:
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
          selector:
            matchExpressions:
              - {key: app, operator: In, values: [web]}
          template:
            metadata:
              labels: {app: web}
            spec:
              securityContext: {runAsNonRoot: true, fsGroup: 2000}
              tolerations: ~
              containers:
                - name: web
                  image: web:1
                  args: ["--port", "8080"]
                  livenessProbe:
                    httpGet: {path: /healthz, port: http}
                  resources:
                    requests: {cpu: 0.5, memory: 64Mi}
                    limits: {cpu: "1", memory: 1e9, ephemeral-storage: 2Gi}
        status: {}
        """;

    assertThat(messages(CHECK, Map.of(), yaml)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "100m, true",
    "1.5Gi, true",
    "+2, true",
    ".5, true",
    "1e3, true",
    "2E-2, true",
    "128974848, true",
    "1GB, false",
    "1 Gi, false",
    "Gi, false",
    "-, false",
    "1.2.3, false",
  })
  void quantitiesFollowKubernetesSyntax(String quantity, boolean valid)
      throws InvalidCheckParameterException {
    String yaml =
        """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: quota}
        spec:
          hard: {requests.memory: "%s"}
        """
            .formatted(quantity);

    assertThat(messages(CHECK, Map.of(), yaml)).hasSize(valid ? 0 : 1);
  }

  @Test
  void secretDataMustBeBase64AndNoValueIsRepeatedInAFinding()
      throws InvalidCheckParameterException {
    String yaml =
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        data:
          wrapped: |
            aHVudGVy
            Mg==
          password: hunter2!
        stringData:
          pin: 12345
        """;

    List<String> messages = messages(CHECK, Map.of(), yaml);

    assertThat(messages)
        .containsExactlyInAnyOrder(
            "Field data.password must be base64-encoded bytes, found text that is not valid"
                + " base64",
            "Field stringData.pin must be a string, found an integer");
    assertThat(String.join("\n", messages)).doesNotContain("hunter2").doesNotContain("12345");
  }

  @Test
  void strictModeDecidesAboutUnknownFieldsOnly() throws InvalidCheckParameterException {
    String yaml =
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: http}]
          loadBalancerIp: 10.0.0.1
        """;

    assertThat(messages(CHECK, Map.of(), yaml))
        .containsExactlyInAnyOrder(
            "Field spec.ports[0].port must be an integer, found a string",
            "Unknown field spec.loadBalancerIp: ServiceSpec has no field \"loadBalancerIp\"; did"
                + " you mean \"loadBalancerIP\"?");
    assertThat(messages(CHECK, Map.of("strict", "false"), yaml))
        .containsExactly("Field spec.ports[0].port must be an integer, found a string");
  }

  @Test
  void kindsWithoutSchemaPassUnlessMissingSchemasAreReported()
      throws InvalidCheckParameterException {
    String custom =
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec: {anything: goes}
        """;
    String removed =
        """
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata: {name: old}
        spec: {}
        """;
    String version = KubernetesSchema.bundled().kubernetesVersion();

    assertThat(messages(CHECK, Map.of(), custom)).isEmpty();
    assertThat(messages(CHECK, Map.of(), removed)).isEmpty();
    assertThat(messages(CHECK, Map.of("ignoreMissingSchemas", "false"), custom))
        .containsExactly("Kubernetes " + version + " has no schema for Widget in example.com/v1");
    assertThat(messages(CHECK, Map.of("ignoreMissingSchemas", "false"), removed))
        .containsExactly(
            "Kubernetes " + version + " has no schema for Deployment in extensions/v1beta1");
  }

  @Test
  void skippedAndRejectedKindsByNameOrApiVersion() throws InvalidCheckParameterException {
    String configMap =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {retries: 3}
        """;

    assertThat(messages(CHECK, Map.of(), configMap))
        .containsExactly("Field data.retries must be a string, found an integer");
    assertThat(messages(CHECK, Map.of("skipKinds", "Secret, ConfigMap"), configMap)).isEmpty();
    assertThat(messages(CHECK, Map.of("skipKinds", "v1/ConfigMap"), configMap)).isEmpty();
    assertThat(messages(CHECK, Map.of("skipKinds", "apps/v1/ConfigMap"), configMap)).hasSize(1);
    assertThat(
            messages(
                CHECK, Map.of("rejectKinds", "ConfigMap", "skipKinds", "ConfigMap"), configMap))
        .containsExactly("ConfigMap objects are rejected by this policy");
  }

  /**
   * Kubernetes' own Pod Security fixtures are pods its API accepts: the schema must agree about
   * every one of them (the fixtures use most pod and container fields).
   */
  @Test
  void everyPodSecurityFixtureOfKubernetesMatchesTheSchema()
      throws IOException, InvalidCheckParameterException {
    CheckEvaluator.PerObject check =
        (CheckEvaluator.PerObject) NativeChecks.byId(CHECK).orElseThrow().bind(Map.of());
    List<String> problems = new ArrayList<>();
    int objects = 0;
    List<Path> files;
    try (Stream<Path> walk =
        Files.walk(ConformanceFolders.find("pod-security-admission").resolve("testdata"))) {
      files = walk.filter(file -> file.toString().endsWith(".yaml")).toList();
    }
    for (Path file : files) {
      for (ManifestObject object :
          CheckHarness.objects(new ManifestSource.FileSource(file, file.toString()))) {
        objects++;
        check.evaluate(object, null, (message, path) -> problems.add(file + ": " + message));
      }
    }

    assertThat(objects).isEqualTo(4537);
    assertThat(problems).isEmpty();
  }
}
