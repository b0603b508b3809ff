package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark db import|update|status} end to end, in-process, with a loopback HTTP mirror. */
class DbCommandTest {
  @TempDir Path temp;

  private static String record(String id, String ecosystem, String name) {
    return """
    {"id": "%s", "modified": "2024-03-01T00:00:00Z", "summary": "Demo %s",
     "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
    """
        .formatted(id, id, ecosystem, name);
  }

  private static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void importsADirectoryAndReportsTheStatusInBothFormats() throws Exception {
    Path input = Files.createDirectories(temp.resolve("osv/nested"));
    Files.writeString(input.resolve("A-1.json"), record("A-1", "PyPI", "Demo_Pkg"));
    Files.writeString(input.resolve("A-2.json"), record("A-2", "Debian:12", "openssl"));
    Path db = temp.resolve("db");

    Run imported = run("db", "import", "--db", db.toString(), temp.resolve("osv").toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).startsWith("imported 2 records into " + db).contains("2 added");

    Run table = run("db", "status", "--db", db.toString());
    assertThat(table.exitCode()).isZero();
    assertThat(table.out())
        .contains("Records:   2 (0 withdrawn)")
        .containsPattern("Debian:12 +1")
        .containsPattern("PyPI +1")
        .contains(temp.resolve("osv").toAbsolutePath().toString());

    Run json = run("db", "status", "--db", db.toString(), "-o", "json");
    assertThat(json.exitCode()).isZero();
    JsonNode status = json.json();
    assertThat(status.path("records").asInt()).isEqualTo(2);
    assertThat(status.path("ecosystems").path("PyPI").asInt()).isEqualTo(1);
    assertThat(status.path("newestModified").asText()).isEqualTo("2024-03-01T00:00:00Z");
    assertThat(status.path("ageSeconds").asLong()).isPositive();
    assertThat(status.path("sources")).hasSize(1);
  }

  @Test
  void importsTheAlmaLinuxConformanceDataset() throws IOException {
    Path advisories = Conformance.path("osv-almalinux10/advisories");
    long files;
    try (Stream<Path> walk = Files.walk(advisories)) {
      files = walk.filter(file -> file.toString().endsWith(".json")).count();
    }
    Path db = temp.resolve("db");
    assertThat(run("db", "import", "--db", db.toString(), advisories.toString()).exitCode())
        .isZero();
    JsonNode status = run("db", "status", "--db", db.toString(), "-o", "json").json();
    assertThat(status.path("records").asLong()).isEqualTo(files);
    assertThat(status.path("ecosystems").path("AlmaLinux:10").asLong()).isEqualTo(files);
  }

  @Test
  void aBrokenRecordExitsTwoNamingTheFileAndTheRestIsImported() throws Exception {
    Path input = Files.createDirectories(temp.resolve("osv"));
    Files.writeString(input.resolve("good.json"), record("B-1", "npm", "left-pad"));
    Files.writeString(input.resolve("bad.json"), "{\"id\": ");
    Path db = temp.resolve("db");
    Run result = run("db", "import", "--db", db.toString(), input.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(input.resolve("bad.json") + ":1:").contains("not valid JSON");
    assertThat(
            run("db", "status", "--db", db.toString(), "-o", "json").json().path("records").asInt())
        .isEqualTo(1);
  }

  @Test
  void inputErrorsExitTwoWithAMessage() throws Exception {
    Path db = temp.resolve("db");
    Run missing = run("db", "import", "--db", db.toString(), temp.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope: no such file or directory");

    Run noStore = run("db", "status", "--db", db.toString());
    assertThat(noStore.exitCode()).isEqualTo(2);
    assertThat(noStore.err())
        .contains("no vulnerability database at")
        .contains("bulwark db import");

    Path evil = Files.write(temp.resolve("evil.zip"), zip(Map.of("../x.json", "{}")));
    Run traversal = run("db", "import", "--db", db.toString(), evil.toString());
    assertThat(traversal.exitCode()).isEqualTo(2);
    assertThat(traversal.err()).contains("points outside the archive");

    Run badFormat = run("db", "status", "--db", db.toString(), "-o", "xml");
    assertThat(badFormat.exitCode()).isEqualTo(2);
    assertThat(badFormat.err()).contains("unknown output format \"xml\"");
  }

  @Test
  void updateDownloadsPerEcosystemDumpsFromAMirror() throws Exception {
    byte[] pypi = zip(Map.of("C-1.json", record("C-1", "PyPI", "requests")));
    byte[] npm = zip(Map.of("C-2.json", record("C-2", "npm", "lodash")));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/osv/PyPI/all.zip", exchange -> serve(exchange, 200, pypi));
    server.createContext("/osv/npm/all.zip", exchange -> serve(exchange, 200, npm));
    server.createContext("/osv/all.zip", exchange -> serve(exchange, 200, pypi));
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/osv";
      Path db = temp.resolve("db");
      Run update =
          run(
              "db",
              "update",
              "--db",
              db.toString(),
              "--source",
              base,
              "--ecosystem",
              "PyPI",
              "--ecosystem",
              "npm",
              "--timeout",
              "5");
      assertThat(update.exitCode()).as(update.err()).isZero();
      JsonNode status = run("db", "status", "--db", db.toString(), "-o", "json").json();
      assertThat(status.path("records").asInt()).isEqualTo(2);
      assertThat(status.path("sources").findValuesAsText("location"))
          .containsExactlyInAnyOrder(base + "/PyPI/all.zip", base + "/npm/all.zip");

      Run single = run("db", "update", "--db", db.toString(), "--source", base + "/all.zip");
      assertThat(single.exitCode()).as(single.err()).isZero();
      assertThat(single.out()).contains("1 replaced");

      Run notFound =
          run("db", "update", "--db", db.toString(), "--source", base, "--ecosystem", "Go");
      assertThat(notFound.exitCode()).isEqualTo(2);
      assertThat(notFound.err()).contains(base + "/Go/all.zip").contains("HTTP 404");

      Run notHttp = run("db", "update", "--db", db.toString(), "--source", "ftp://example.com/x");
      assertThat(notHttp.exitCode()).isEqualTo(2);
      assertThat(notHttp.err()).contains("must be an http:// or https:// URL");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void updateGivesUpOnASilentServer() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(3_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          serve(exchange, 200, new byte[0]);
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/all.zip";
      Run result =
          run(
              "db",
              "update",
              "--db",
              temp.resolve("db").toString(),
              "--source",
              url,
              "--timeout",
              "1");
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("no answer within 1 s");
    } finally {
      server.stop(0);
    }
  }

  private static void serve(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
