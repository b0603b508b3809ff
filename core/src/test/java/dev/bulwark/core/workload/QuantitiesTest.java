package dev.bulwark.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "1,             1",
    "0,             0",
    "500m,          0.5",
    "0.25,          0.25",
    "100m,          0.1",
    "1.5,           1.5",
    ".5,            0.5",
    "5.,            5",
    "+2,            2",
    "-1,            -1",
    "2k,            2000",
    "250000u,       0.25",
    "1000000000n,   1",
    "1e3,           1000",
    "1E3,           1000",
    "1e-3,          0.001",
    "1e+2,          100",
    "129e6,         129000000",
    "128Mi,         134217728",
    "1Gi,           1073741824",
    "1Ki,           1024",
    "1Ti,           1099511627776",
    "1G,            1000000000",
    "512M,          512000000",
    "1048576,       1048576",
    "1E,            1000000000000000000",
    "128974848000m, 128974848",
  })
  void parsesExactly(String quantity, BigDecimal expected) {
    assertThat(Quantities.parse(quantity)).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "m",
        "Mi",
        "1K",
        "1mi",
        "1MB",
        "1 Gi",
        " 1",
        "1e",
        "1e1.5",
        "1e1000",
        "0x10",
        "1..2",
        "abc",
        "1Gi1",
        "1ee3",
        "--1",
        "1e+",
        "NaN",
        "Infinity",
        "1000000000000000000000000000000000000000000000000000000000000000000000000000000"
      })
  void rejectsInvalidQuantities(String quantity) {
    assertThat(Quantities.parse(quantity)).isNull();
  }

  @ParameterizedTest(name = "memory {0} = {1} MB")
  @CsvSource({
    "128Mi,         134.217728",
    "1G,            1000",
    "1Gi,           1073.741824",
    "512M,          512",
    "1048576,       1.048576",
    "1e3,           0.001",
    "129e6,         129",
    "128974848000m, 128.974848",
  })
  void convertsMemoryToDecimalMegabytes(String quantity, double megabytes) {
    Workload workload = TestManifests.workload(podWithResources("cpu: 1", "memory: " + quantity));
    assertThat(workload.containers().getFirst().resources().memoryRequestMb()).isEqualTo(megabytes);
  }

  @ParameterizedTest(name = "cpu {0} = {1} cores")
  @CsvSource({"500m, 0.5", "1, 1.0", "0.25, 0.25", "2k, 2000", "100m, 0.1"})
  void convertsCpuToCores(String quantity, double cores) {
    Workload workload = TestManifests.workload(podWithResources("cpu: " + quantity, "memory: 1"));
    assertThat(workload.containers().getFirst().resources().cpuRequestCores()).isEqualTo(cores);
  }

  private static String podWithResources(String cpu, String memory) {
    return """
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
      - name: app
        image: app
        resources:
          requests:
            %s
            %s
    """
        .formatted(cpu, memory);
  }
}
