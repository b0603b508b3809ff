package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.workload.TestManifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where an object lands when applied without {@code -n}: one rule for every reader. */
class NamespaceOrDefaultTest {
  @ParameterizedTest(name = "metadata {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{name: a, namespace: shop} | shop",
        "{name: a} | default",
        "{name: a, namespace: ''} | default",
        "{name: a, namespace: '  '} | default",
      })
  void unsetOrBlankMeansDefault(String metadata, String expected) {
    ManifestObject object =
        TestManifests.object("apiVersion: v1\nkind: ConfigMap\nmetadata: " + metadata + "\n");

    assertThat(object.namespaceOrDefault()).isEqualTo(expected);
  }
}
