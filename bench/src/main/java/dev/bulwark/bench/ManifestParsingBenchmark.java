package dev.bulwark.bench;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading manifests into trees: one typical 40-line Deployment, and a ten-document file mixing the
 * kinds a chart renders (workloads, a Service, a ConfigMap with block scalars, RBAC).
 *
 * <p>Run: {@code ./mvnw -o -q -pl bench -am package -DskipTests && java -cp
 * "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main ManifestParsing}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestParsingBenchmark {
  private static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: shop
        labels:
          app.kubernetes.io/name: web
          app.kubernetes.io/part-of: shop
      spec:
        type: ClusterIP
        selector:
          app: web
        ports:
        - name: http
          port: 80
          targetPort: 8080
          protocol: TCP
      """;

  private static final String CONFIG_MAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web-config
        annotations:
          description: "settings for the web tier, see the runbook"
      data:
        LOG_LEVEL: info
        FEATURE_FLAGS: 'search,checkout'
        nginx.conf: |
          server {
            listen 8080;
            location / {
              proxy_pass http://127.0.0.1:3000;
            }
          }
        motd: >-
          Welcome to the shop.
          Please behave.
      """;

  private static final String ROLE =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: web-reader
        namespace: shop
      rules:
        - apiGroups: [""]
          resources: ["pods", "services", "endpoints"]
          verbs: ["get", "list", "watch"]
        - apiGroups: ["apps"]
          resources: ["deployments"]
          verbs: ["get"]
      """;

  private static final String STATEFUL_SET =
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
        namespace: shop
      spec:
        serviceName: db
        replicas: 1
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            securityContext:
              runAsNonRoot: true
              runAsUser: 999
              fsGroup: 999
            containers:
            - name: postgres
              image: "postgres:16.4"
              args:
              - -c
              - max_connections=200
              env:
              - name: POSTGRES_PASSWORD
                valueFrom:
                  secretKeyRef:
                    name: db
                    key: password
              volumeMounts:
              - name: data
                mountPath: /var/lib/postgresql/data
              readinessProbe:
                exec:
                  command: ["pg_isready", "-U", "postgres"]
                periodSeconds: 10
        volumeClaimTemplates:
        - metadata:
            name: data
          spec:
            accessModes: [ReadWriteOnce]
            resources:
              requests:
                storage: 10Gi
      """;

  private static final String TEN_DOCUMENTS =
      String.join(
          "---\n",
          PolicyEvaluationBenchmark.DEPLOYMENT,
          SERVICE,
          CONFIG_MAP,
          ROLE,
          STATEFUL_SET,
          PolicyEvaluationBenchmark.DEPLOYMENT.replace("name: web", "name: api"),
          SERVICE.replace("name: web", "name: api"),
          CONFIG_MAP.replace("web-config", "api-config"),
          ROLE.replace("web-reader", "api-reader"),
          STATEFUL_SET.replace("name: db", "name: cache"));

  private final ManifestReader reader = new ManifestReader(ReadLimits.DEFAULT);
  private final ManifestSource deployment =
      ManifestSource.TextSource.direct("deployment.yaml", PolicyEvaluationBenchmark.DEPLOYMENT);
  private final ManifestSource tenDocuments =
      ManifestSource.TextSource.direct("ten.yaml", TEN_DOCUMENTS);

  /** One 40-line Deployment. */
  @Benchmark
  public List<ManifestObject> deployment() {
    return read(deployment, 1);
  }

  /** Ten documents of five kinds in one file. */
  @Benchmark
  public List<ManifestObject> tenDocuments() {
    return read(tenDocuments, 10);
  }

  private List<ManifestObject> read(ManifestSource source, int expected) {
    List<ManifestObject> objects = new ArrayList<>(expected);
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
    if (objects.size() != expected) {
      throw new IllegalStateException("read " + objects.size() + " objects, not " + expected);
    }
    return objects;
  }
}
