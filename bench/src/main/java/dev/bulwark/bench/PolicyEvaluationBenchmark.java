package dev.bulwark.bench;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.model.LifecycleStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot paths of {@code bulwark check}: evaluating the built-in pack against one workload, and
 * parsing plus extracting plus evaluating one YAML document.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -cp
 * "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main PolicyEvaluation}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@SuppressWarnings("NullAway.Init") // JMH assigns state in @Setup, before any benchmark runs
public class PolicyEvaluationBenchmark {
  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels: {app: web}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: registry.example.com/shop/web:1.2.3
                ports: [{containerPort: 8080}]
                env:
                  - {name: LOG_LEVEL, value: info}
                  - {name: DB_PASSWORD, value: hunter2}
                securityContext:
                  privileged: true
                  allowPrivilegeEscalation: false
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {memory: 256Mi}
                livenessProbe: {httpGet: {path: /healthz, port: 8080}}
              - name: sidecar
                image: envoyproxy/envoy:v1.31.0
                resources:
                  requests: {cpu: 50m}
      """;

  private CompiledPolicySet policies;
  private ManifestReader reader;
  private EvaluationInput input;
  private ManifestSource.TextSource source;
  private Instant now;

  @Setup
  public void setUp() {
    policies = PolicyCompiler.compile(BuiltinPolicies.all(), List.of());
    reader = new ManifestReader(ReadLimits.DEFAULT);
    source = ManifestSource.TextSource.direct("bench.yaml", DEPLOYMENT);
    now = Instant.parse("2026-11-26T00:00:00Z");
    ManifestObject object = parse().get(0);
    Workload workload = WorkloadExtractor.extract(object).orElseThrow();
    input =
        new EvaluationInput(
            object,
            workload,
            ClusterContext.empty().contextOf(workload),
            ImageDataProvider.NONE,
            "",
            now);
  }

  /** The built-in pack against one parsed two-container Deployment. */
  @Benchmark
  public List<PolicyOutcome> evaluateBuiltinPack() {
    return policies.evaluate(input, LifecycleStage.DEPLOY);
  }

  /** Parse, build the workload view and evaluate: the per-object cost of a check. */
  @Benchmark
  public List<PolicyOutcome> parseExtractEvaluate() {
    ManifestObject object = parse().get(0);
    Workload workload = WorkloadExtractor.extract(object).orElseThrow();
    return policies.evaluate(
        new EvaluationInput(
            object,
            workload,
            ClusterContext.empty().contextOf(workload),
            ImageDataProvider.NONE,
            "",
            now),
        LifecycleStage.DEPLOY);
  }

  private List<ManifestObject> parse() {
    List<ManifestObject> objects = new ArrayList<>(1);
    reader.read(
        source,
        new ManifestSink() {
          @Override
          public void object(ManifestObject object) {
            objects.add(object);
          }

          @Override
          public void error(ManifestError error) {
            throw new IllegalStateException(error.toString());
          }
        });
    return objects;
  }
}
