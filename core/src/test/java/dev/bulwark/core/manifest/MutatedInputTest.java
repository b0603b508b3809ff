package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged input of every kind must end as objects, notes or errors that point inside the text;
 * nothing may escape the reader. Seeded, so a failure is reproducible.
 */
class MutatedInputTest {
  private static final String YAML =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: &meta
        name: "web"
        labels: {app: web, 'tier': [1, 2.5, ~]}
      spec:
        <<: *meta
        template:
          spec:
            containers:
              - name: app
                args: ["a", 'b', |
                  literal]
      ---
      apiVersion: v1
      kind: List
      items:
        - {apiVersion: v1, kind: Pod}
      ...
      %YAML 1.2
      ---
      key: >-
        folded
      """;

  private static final String JSON =
      """
      {"apiVersion": "v1", "kind": "Pod", "a": [1, 2.5e3, true, null, {"b": "c\\u0041"}]}
      [1]
      """;

  private static final String PIECES = "-:{}[],&*!|>'\"%@`#?\n\r\t .~<0x1e3\uFEFF\u0000\uD800";

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void damagedInputNeverEscapesTheReader(long seed) {
    Random random = new Random(seed);
    ManifestReader reader = new ManifestReader(new ReadLimits(1 << 20, 16, 10, 1 << 16));
    for (int round = 0; round < 1_000; round++) {
      String text = mutate(random, random.nextBoolean() ? YAML : JSON);
      String name = random.nextBoolean() ? "input.json" : "input.yaml";
      long lines = text.lines().count() + 1;
      RecordingSink sink = new RecordingSink();

      reader.read(ManifestSource.TextSource.direct(name, text), sink);

      assertThat(sink.errors)
          .allSatisfy(error -> {
            assertThat(error.message()).isNotBlank();
            assertThat(error.line()).isBetween(0, (int) lines);
          });
      sink.objects.forEach(
          object -> assertThat(object.location().line()).isBetween(1, (int) lines));
    }
  }

  private static String mutate(Random random, String seed) {
    StringBuilder text = new StringBuilder(seed);
    int mutations = 1 + random.nextInt(8);
    for (int mutation = 0; mutation < mutations && !text.isEmpty(); mutation++) {
      int at = random.nextInt(text.length());
      char piece = PIECES.charAt(random.nextInt(PIECES.length()));
      switch (random.nextInt(3)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, piece);
        default -> text.setCharAt(at, piece);
      }
    }
    return text.toString();
  }
}
