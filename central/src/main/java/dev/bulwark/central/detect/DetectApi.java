package dev.bulwark.central.detect;

import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.detect.deploy.Blocking;
import dev.bulwark.detect.deploy.CheckRun;
import dev.bulwark.detect.deploy.PodSecurityAdmission;
import dev.bulwark.detect.report.Report;
import dev.bulwark.detect.report.ReportError;
import dev.bulwark.detect.report.ReportFormat;
import dev.bulwark.policy.engine.CompiledPolicySet;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * CI detection: {@code POST /v1/detect/build} checks a registry image ({@link BuildDetection});
 * {@code POST /v1/detect/deploy} checks manifests with central's enabled policies and the
 * exceptions in force and answers exactly the JSON report {@code bulwark check -o json} writes for
 * the same inputs and policies (docs/report-format.md). What the CLI reports as an input error is a
 * 422 problem here.
 */
public final class DetectApi implements ApiFeature {
  /** Input errors listed in a problem's detail; the rest are counted. */
  private static final int ERRORS_SHOWN = 20;

  private final ActivePolicies policies;
  private final BuildDetection build;
  private final String version;
  private final Clock clock;

  /**
   * @param version the version reports name as the tool's
   * @param scans pulls and scans the images of {@code POST /v1/detect/build}
   * @param concurrency how many images are scanned at once at most
   * @param deadline how long one image scan may take
   */
  public DetectApi(
      ActivePolicies policies,
      String version,
      Clock clock,
      ImageScans scans,
      int concurrency,
      Duration deadline) {
    this.policies = policies;
    this.build = new BuildDetection(policies, scans, concurrency, deadline, version, clock);
    this.version = version;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Detection",
            "CI gates that ask central instead of shipping policies: the answers are the reports"
                + " the CLI writes offline, computed with central's enabled policies.");
    group.schema(
        "CheckReport",
        """
        {
          "type": "object",
          "required": ["version", "tool", "results", "summary", "errors", "notes", "expiredExceptions"],
          "description": "The report `bulwark check -o json` writes (docs/report-format.md)."
        }
        """);
    group
        .post("/v1/detect/deploy", Permission.DETECT, this::deploy)
        .operation("detectDeploy", "Check manifests with central's enabled policies")
        .description(
            "The body is manifests as YAML or JSON (application/yaml, application/x-yaml,"
                + " text/yaml, application/json), one source named by the name parameter; or"
                + " multipart/form-data with one part per file, each part's file name naming its"
                + " source. Input errors (unreadable documents, no Kubernetes object) are a 422"
                + " problem listing them as source:line:column.")
        .query("name", "string", "The source name of a YAML or JSON body (default: request).")
        .returns(200, "CheckReport", "The report, as `bulwark check -o json` writes it.")
        .fails(413, "The body is larger than the server's limit, or has too many parts.")
        .fails(415, "The body is not YAML, JSON or multipart/form-data.")
        .fails(422, "The manifests cannot be read, or hold no Kubernetes object.");
    build.register(group);
  }

  private void deploy(Context ctx) {
    List<ManifestSource> sources =
        ManifestUpload.sources(ctx.header("Content-Type"), ctx.queryParam("name"), body(ctx));
    Report report = check(policies.current().policies(), sources);
    if (!report.errors().isEmpty()) {
      throw new ApiProblem(422, "invalid-manifests", describe(report.errors()));
    }
    if (report.summary().objects() == 0) {
      throw new ApiProblem(
          422, "no-objects", "the manifests hold no Kubernetes object: nothing was checked");
    }
    StringWriter json = new StringWriter();
    try {
      ReportFormat.JSON.writer(false).write(report, json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string does not fail", e);
    }
    ctx.contentType("application/json").result(json.toString());
  }

  /**
   * What {@code bulwark check} reports for {@code sources} with {@code compiled}; violations an
   * exception waives are shown waived, as with the CLI's {@code --exceptions}.
   */
  Report check(CompiledPolicySet compiled, List<ManifestSource> sources) {
    // Pod Security admission verdicts are facts of the Namespace labels in the input, not stored
    // policies, so central reports them as the CLI does by default.
    CheckRun run =
        new CheckRun(
            compiled,
            new ManifestReader(ReadLimits.DEFAULT),
            new Blocking(null),
            ImageDataProvider.NONE,
            "",
            clock.instant(),
            Set.copyOf(PodSecurityAdmission.POLICY_IDS));
    return run.run(version, sources, List.of(), List.of());
  }

  private static byte[] body(Context ctx) {
    int limit = Requests.maxBodyBytes(ctx);
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw Json.tooLarge(limit);
      }
      if (body.length == 0) {
        throw ApiProblem.badRequest("body-missing", "send the manifests to check in the body");
      }
      return body;
    } catch (IOException e) {
      throw ApiProblem.badRequest(
          "body-unreadable", "the body could not be read: " + e.getMessage());
    }
  }

  private static String describe(List<ReportError> errors) {
    StringBuilder detail = new StringBuilder();
    detail
        .append(errors.size())
        .append(errors.size() == 1 ? " input error" : " input errors")
        .append(", nothing was checked: ");
    for (int i = 0; i < Math.min(errors.size(), ERRORS_SHOWN); i++) {
      ReportError error = errors.get(i);
      if (i > 0) {
        detail.append("; ");
      }
      detail.append(error.file());
      if (error.line() > 0) {
        detail.append(':').append(error.line());
        if (error.column() > 0) {
          detail.append(':').append(error.column());
        }
      }
      detail.append(": ").append(error.message());
    }
    if (errors.size() > ERRORS_SHOWN) {
      detail.append("; and ").append(errors.size() - ERRORS_SHOWN).append(" more");
    }
    return detail.toString();
  }
}
