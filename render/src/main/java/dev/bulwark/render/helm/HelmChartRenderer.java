package dev.bulwark.render.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.render.source.RenderResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Renders a Helm chart directory in-process, as {@code helm template} would, and maps every
 * rendered object back to the template that produced it.
 *
 * <p><b>Mapping back.</b> Helm writes a {@code # Source: <chart>/templates/<file>} comment (for
 * subcharts {@code <chart>/charts/<sub>/templates/<file>}) at the start of each document it
 * renders. An object is attributed to the template named in the document that holds its first line;
 * the reported file is the chart's display path plus the template's path inside the chart, such as
 * {@code examples/helm/web/templates/deployment.yaml}. Objects of a document without that comment
 * are attributed to the chart directory, without a line.
 *
 * <p>A field is mapped to a template line by a heuristic, because templates are text and Helm keeps
 * no line table. Starting from the rendered line of the field (or of its deepest existing parent):
 *
 * <ol>
 *   <li>if that line, trimmed, equals exactly one trimmed line of the template, that template line
 *       (literal lines such as {@code containerPort: 8080} map exactly);
 *   <li>otherwise the map keys of the field's path that exist in the rendered object are searched
 *       in order through the template, each after the line where the previous one was found,
 *       matching lines of the form {@code key:} or {@code - key:}; the line of the last key found
 *       wins (templated values such as {@code image: {{ .Values.image }}} map to their key line; a
 *       key produced by an {@code include} maps to the closest written parent);
 *   <li>otherwise line 0 (unknown), still naming the template file.
 * </ol>
 *
 * <p>The column is the key's column in the template line when a line is found, else 0. List indexes
 * are not told apart by step 2, so a field of the second container may map to the first container's
 * line when both are written in the template and the rendered line is not unique.
 *
 * <p>Thread-safe: the bundled Helm library is process-wide native code, so renders are serialized.
 */
public final class HelmChartRenderer {
  private static final Object NATIVE_HELM = new Object();

  private final HelmOptions options;
  private final Path workingDirectory;

  /**
   * @param options applied to every chart
   * @param workingDirectory against which relative values files are resolved
   */
  public HelmChartRenderer(HelmOptions options, Path workingDirectory) {
    this.options = Objects.requireNonNull(options, "options");
    this.workingDirectory = workingDirectory.toAbsolutePath();
  }

  /** Whether {@code directory} is a chart, that is, holds a {@code Chart.yaml}. */
  public static boolean isChart(Path directory) {
    return Files.isRegularFile(directory.resolve("Chart.yaml"));
  }

  /**
   * Renders the chart in {@code chartDirectory}. Never throws for a bad chart: template errors,
   * missing required values, an invalid {@code Chart.yaml} and missing dependencies come back as a
   * {@link RenderResult.Failed} naming {@code displayName}.
   *
   * @param displayName the chart directory as shown in reports; template paths are built on it
   */
  public RenderResult render(Path chartDirectory, String displayName) {
    Path chart = chartDirectory.toAbsolutePath().normalize();
    String text;
    try {
      text = template(chart);
    } catch (RuntimeException e) {
      return failed(displayName, helmMessage(e, displayName));
    } catch (LinkageError e) {
      // The native Helm library is loaded on first use; a platform without it must not crash us.
      return failed(
          displayName, "the bundled Helm library could not be loaded (" + e.getMessage() + ")");
    }
    TemplateSourceMaps sourceMaps = TemplateSourceMaps.of(text, chart, displayName);
    return new RenderResult.Rendered(new TextSource(displayName, text, sourceMaps::sourceMap));
  }

  private String template(Path chart) {
    TemplateCommand command = new Helm(chart).template().withName(options.releaseName());
    String namespace = options.namespace();
    if (namespace != null) {
      command = command.withNamespace(namespace);
    }
    for (Path values : options.valuesFiles()) {
      command = command.withValuesFile(workingDirectory.resolve(values).normalize());
    }
    for (String set : options.setValues()) {
      int equals = set.indexOf('=');
      command = command.set(set.substring(0, equals), set.substring(equals + 1));
    }
    synchronized (NATIVE_HELM) {
      return command.call();
    }
  }

  private static String helmMessage(RuntimeException e, String displayName) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    if (message.contains("missing in charts/ directory")) {
      return message + "; run `helm dependency build " + displayName + "` first";
    }
    return message;
  }

  private static RenderResult failed(String displayName, String reason) {
    return new RenderResult.Failed(
        ManifestError.ofFile(displayName, "cannot render Helm chart: " + reason));
  }
}
