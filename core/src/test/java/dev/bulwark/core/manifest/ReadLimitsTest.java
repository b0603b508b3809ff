package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadLimitsTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(5);

  /** The classic bomb: nine levels of nine aliases, 72 aliases in all, under the alias limit. */
  private static final String BILLION_LAUGHS =
      """
      apiVersion: v1
      kind: ConfigMap
      data:
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: after}
      """;

  @Test
  void aliasBombUnderTheAliasCountIsRefusedQuickly() {
    RecordingSink sink =
        assertTimeoutPreemptively(HANG_GUARD, () -> RecordingSink.read(BILLION_LAUGHS));

    assertThat(sink.names()).containsExactly("Pod after");
    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(10);
          assertThat(error.message()).contains("expand to more than 1000000 nodes");
        });
  }

  @Test
  void tooManyAliasesAreRefused() {
    StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Pod\nx: &x 1\nlist:\n");
    for (int index = 0; index < 101; index++) {
      text.append("  - *x\n");
    }

    RecordingSink sink = RecordingSink.read(text.toString());

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(105);
          assertThat(error.message()).startsWith("more than 100 aliases in one document");
        });
  }

  @Test
  void aliasesUnderTheLimitsAreFine() {
    StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Pod\nx: &x {a: 1}\nlist:\n");
    for (int index = 0; index < 100; index++) {
      text.append("  - *x\n");
    }

    assertThat(RecordingSink.read(text.toString()).only().root().list("list")).hasSize(100);
  }

  @Test
  void fileOverTheSizeLimitIsRefusedWithoutReadingIt(@TempDir Path directory) throws IOException {
    Path huge = directory.resolve("huge.yaml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(100L << 20); // sparse: takes no disk space and would be 100 MB of NULs
    }
    RecordingSink sink = new RecordingSink();

    assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            new ManifestReader(ReadLimits.DEFAULT)
                .read(new ManifestSource.FileSource(huge, "huge.yaml"), sink));

    assertThat(sink.errors)
        .singleElement()
        .hasToString(
            "huge.yaml: file is 104857600 bytes, over the 64 MiB limit; split it into smaller"
                + " files");
  }

  @Test
  void textOverTheSizeLimitIsRefused() {
    ReadLimits small = new ReadLimits(100, 64, 100, 100);

    RecordingSink sink = RecordingSink.read("-", "a: b\n".repeat(30), small, kind -> true);

    assertThat(sink.errors)
        .singleElement()
        .hasToString(
            "-: input is 150 characters, over the 100 bytes limit; split it into smaller"
                + " files");
  }

  @Test
  void documentOverTheDocumentLimitIsRefusedAndTheNextOneRead() {
    ReadLimits limits = new ReadLimits(1 << 20, 64, 100, 1024);
    String big = "apiVersion: v1\nkind: ConfigMap\ndata:\n  x: " + "y".repeat(2000) + "\n";
    String text = big + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: small}\n";

    RecordingSink sink = RecordingSink.read("test.yaml", text, limits, kind -> true);

    assertThat(sink.names()).containsExactly("Pod small");
    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(1);
          assertThat(error.message()).contains("over the 1 KiB limit for one document");
        });
  }

  @Test
  void documentLargerThanSnakeyamlsDefaultLimitIsRead() {
    String text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  x: " + "y".repeat(4_000_000) + "\n";

    assertThat(Nodes.scalar(RecordingSink.read(text).only().root(), "data", "x").text())
        .hasSize(4_000_000);
  }

  @Test
  void deepFlowNestingInYamlIsRefusedWithoutStackOverflow() {
    String text = "apiVersion: v1\nkind: Pod\nspec: " + "[".repeat(10_000) + "\n";

    RecordingSink sink = assertTimeoutPreemptively(HANG_GUARD, () -> RecordingSink.read(text));

    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(3);
          assertThat(error.message()).startsWith("nesting deeper than 64 levels");
        });
  }

  @Test
  void deepNestingInJsonIsRefusedWithoutStackOverflow() {
    String text = "[".repeat(10_000) + "]".repeat(10_000);

    RecordingSink sink =
        assertTimeoutPreemptively(HANG_GUARD, () -> RecordingSink.read("deep.json", text));

    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(1);
          assertThat(error.column()).isEqualTo(65);
          assertThat(error.message()).startsWith("nesting deeper than 64 levels");
        });
  }

  @Test
  void deepBlockNestingIsRefused() {
    StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Pod\n");
    for (int depth = 0; depth < 100; depth++) {
      text.append("  ".repeat(depth)).append("level").append(depth).append(":\n");
    }

    RecordingSink sink = RecordingSink.read(text.toString());

    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(67);
          assertThat(error.message()).startsWith("nesting deeper than 64 levels");
        });
  }

  @Test
  void hugeJsonNumberIsRefused() {
    String text = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"n\": " + "9".repeat(5000) + "}";

    RecordingSink sink = RecordingSink.read("pod.json", text);

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors)
        .singleElement()
        .extracting(ManifestError::message)
        .asString()
        .startsWith("JSON exceeds a reading limit: ");
  }
}
