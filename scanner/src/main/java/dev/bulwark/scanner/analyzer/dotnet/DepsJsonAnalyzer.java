package dev.bulwark.scanner.analyzer.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.Json;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * NuGet packages a .NET application was built with, from its {@code *.deps.json}: the members of
 * {@code libraries} named {@code <name>/<version>} whose {@code type} is {@code package} (projects
 * and reference assemblies are not packages).
 */
public final class DepsJsonAnalyzer implements Analyzer {
  private static final int MAXIMUM_BYTES = 16 << 20;
  private static final int MAXIMUM_LIBRARIES = 50_000;

  @Override
  public String name() {
    return "dotnet-deps";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return path.endsWith(".deps.json");
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    JsonNode libraries = Json.parse(file, MAXIMUM_BYTES).path("libraries");
    if (!libraries.isObject()) {
      throw new MalformedContentException("no libraries object; skipped");
    }
    int count = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = libraries.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> library = it.next();
      if (++count > MAXIMUM_LIBRARIES) {
        sink.note(
            new Note(
                name(),
                file.path(),
                "more than " + MAXIMUM_LIBRARIES + " libraries; rest skipped"));
        return;
      }
      if (!Json.text(library.getValue(), "type").equals("package")) {
        continue;
      }
      String key = library.getKey();
      int slash = key.lastIndexOf('/');
      if (slash <= 0 || slash == key.length() - 1) {
        sink.note(new Note(name(), file.path(), "library \"" + key + "\" is not name/version"));
        continue;
      }
      String name = key.substring(0, slash);
      String version = key.substring(slash + 1);
      sink.found(
          Package.library(
              name,
              version,
              Ecosystem.NUGET,
              PackageUrl.of("nuget", null, name, version),
              file.path()));
    }
  }
}
