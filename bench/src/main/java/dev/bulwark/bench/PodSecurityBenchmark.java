package dev.bulwark.bench;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.pss.LevelVersion;
import dev.bulwark.policy.pss.PodDefinition;
import dev.bulwark.policy.pss.PodSecurityResult;
import dev.bulwark.policy.pss.PodSecurityStandards;
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
 * Pod Security Standards: one parsed two-container Deployment (the one {@link
 * PolicyEvaluationBenchmark} uses, which fails several restricted checks, so messages are built
 * too) evaluated at restricted:latest.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -cp
 * "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main PodSecurity}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@SuppressWarnings("NullAway.Init") // JMH assigns state in @Setup, before any benchmark runs
public class PodSecurityBenchmark {
  private static final LevelVersion RESTRICTED_LATEST = LevelVersion.parse("restricted:latest");

  private PodDefinition pod;

  @Setup
  public void setUp() {
    List<ManifestObject> objects = new ArrayList<>(1);
    new ManifestReader(ReadLimits.DEFAULT)
        .read(
            ManifestSource.TextSource.direct("bench.yaml", PolicyEvaluationBenchmark.DEPLOYMENT),
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
    pod = PodDefinition.of(objects.get(0)).orElseThrow();
  }

  /** Every restricted check of the newest policy version against one pod template. */
  @Benchmark
  public PodSecurityResult evaluateRestrictedLatest() {
    return PodSecurityStandards.evaluate(pod, RESTRICTED_LATEST);
  }
}
