package dev.bulwark.central.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Validation;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.detect.build.CheckedImage;
import dev.bulwark.detect.build.ImageCheckJson;
import dev.bulwark.detect.build.ImageCheckReport;
import dev.bulwark.detect.build.ImageCheckRun;
import dev.bulwark.detect.build.PolicyResult;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.registry.ImageReference;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageVulnerabilities;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/detect/build}: central pulls a registry image, scans it and evaluates its enabled
 * BUILD-stage policies, answering exactly the JSON {@code bulwark image check -o json} writes.
 *
 * <p>Only registry references are accepted: a local image ({@code oci:}, {@code docker-archive:},
 * {@code dir:}, a path) is refused, so that a caller can never make central read its own files.
 * Scans are bounded: at most {@code concurrency} requests scan at once (more get 429 with
 * Retry-After) and each within {@code deadline} (504, and the scan is interrupted). Thread-safe.
 */
final class BuildDetection {
  /** Why vulnerability criteria are not evaluated when central has no database. */
  static final String NO_DATABASE =
      "central has no vulnerability database (start it with --vulndb DIR): vulnerabilities were"
          + " not checked";

  private static final int MAX_REFERENCE_LENGTH = 1000;
  private static final List<String> LOCAL_PREFIXES =
      List.of("oci:", "oci-archive:", "docker-archive:", "dir:", "sbom:", "/", ".", "~", "file:");
  private static final String REGISTRY_PREFIX = "docker://";
  private static final String RETRY_AFTER_SECONDS = "10";

  private final ActivePolicies policies;
  private final ImageScans scans;
  private final Semaphore slots;
  private final Duration deadline;
  private final String version;
  private final Clock clock;

  private @Nullable BuildSnapshot currentBuild;

  BuildDetection(
      ActivePolicies policies,
      ImageScans scans,
      int concurrency,
      Duration deadline,
      String version,
      Clock clock) {
    this.policies = policies;
    this.scans = scans;
    this.slots = new Semaphore(concurrency);
    this.deadline = deadline;
    this.version = version;
    this.clock = clock;
  }

  /** The body: the image and, optionally, the platform chosen from a multi-platform image. */
  record BuildRequest(
      @JsonProperty("image") @Nullable String image,
      @JsonProperty("platform") @Nullable String platform) {}

  void register(RouteGroup group) {
    group.schema(
        "BuildRequest",
        """
        {
          "type": "object",
          "required": ["image"],
          "additionalProperties": false,
          "properties": {
            "image": {"type": "string", "minLength": 1, "maxLength": 1000,
              "description": "A registry reference, such as registry.example.com/team/app:1.0 or ...@sha256:...; local images are refused."},
            "platform": {"type": "string",
              "description": "OS/ARCH[/VARIANT] chosen from a multi-platform image (default: linux/amd64)."}
          }
        }
        """);
    group.schema(
        "ImageCheckReport",
        """
        {
          "type": "object",
          "required": ["version", "tool", "image", "vulnerabilities", "policies", "summary", "buildFails", "notes"],
          "description": "The report `bulwark image check -o json` writes (docs/image-check.md)."
        }
        """);
    group
        .post("/v1/detect/build", Permission.DETECT, this::build)
        .operation("detectBuild", "Check a registry image with central's enabled build policies")
        .description(
            "Central pulls the image, scans it (with its vulnerability database, if it has one)"
                + " and evaluates its enabled BUILD-stage policies. Images that cannot be pulled"
                + " or read, and local images (oci:, docker-archive:, dir:, paths), are a 422"
                + " problem.")
        .body("BuildRequest")
        .returns(200, "ImageCheckReport", "The report, as `bulwark image check -o json` writes it.")
        .fails(422, "The reference is invalid or local, or the image cannot be pulled or read.")
        .fails(429, "Central is scanning as many images as it may; retry after Retry-After.")
        .fails(504, "The scan took longer than central allows.");
  }

  private void build(Context ctx) {
    BuildRequest request = Json.read(ctx, BuildRequest.class);
    Validation validation = new Validation();
    String text = validation.name("/image", request.image(), MAX_REFERENCE_LENGTH);
    validation.done();
    ImageReference reference = reference(text);
    Platform platform = platform(request.platform());
    BuildPolicies build = buildPolicies();
    ScannedImage scanned = scan(reference, platform);
    ImageCheckReport report = report(text, build, scanned);
    StringWriter json = new StringWriter();
    try {
      ImageCheckJson.write(report, json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string does not fail", e);
    }
    ctx.contentType("application/json").result(json.toString());
  }

  /** The registry reference the text names; 422 for a local image or a malformed reference. */
  static ImageReference reference(String text) {
    String registryText = registryText(text);
    for (String prefix : LOCAL_PREFIXES) {
      if (registryText.startsWith(prefix)) {
        throw ApiProblem.invalid(
            "/image",
            "'"
                + text
                + "' names a local image or file, and central only pulls images from"
                + " registries: push the image and send its registry reference");
      }
    }
    try {
      return ImageReference.parse(registryText);
    } catch (ImageException e) {
      throw ApiProblem.invalid("/image", String.valueOf(e.getMessage()));
    }
  }

  private static String registryText(String text) {
    return text.startsWith(REGISTRY_PREFIX) ? text.substring(REGISTRY_PREFIX.length()) : text;
  }

  private static Platform platform(@Nullable String text) {
    if (text == null) {
      return Platform.DEFAULT;
    }
    try {
      return Platform.parse(text);
    } catch (ImageException | IllegalArgumentException e) {
      throw ApiProblem.invalid(
          "/platform", "must be OS/ARCH[/VARIANT] such as linux/arm64: " + e.getMessage());
    }
  }

  private ScannedImage scan(ImageReference reference, Platform platform) {
    if (!slots.tryAcquire()) {
      throw new ApiProblem(
              429,
              "scans-busy",
              "central is scanning as many images as it may at once: retry in a moment")
          .withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    CompletableFuture<ScannedImage> future;
    try {
      future = scans.scan(reference, platform);
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    // Released once, when the scan ends or is cancelled past its deadline; the scanner's own pool
    // keeps an interrupted scan that has not stopped yet from running beside a new one.
    future.whenComplete((scanned, error) -> slots.release());
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ApiProblem(
          504,
          "scan-timeout",
          "scanning " + reference + " took longer than central's limit of " + deadline);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ApiProblem(503, "stopping", "central is stopping: retry the request");
    } catch (CancellationException e) {
      throw new ApiProblem(503, "stopping", "the scan was stopped: retry the request");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ImageException image) {
        throw new ApiProblem(
            422,
            "image-unavailable",
            "central cannot scan " + reference + ": " + image.getMessage());
      }
      throw new IllegalStateException("scanning " + reference + " failed", e.getCause());
    }
  }

  /** What {@code bulwark image check} reports for the image with the build policies. */
  private ImageCheckReport report(String text, BuildPolicies build, ScannedImage scanned) {
    ImageScan scan = scanned.scan();
    ImageVulnerabilities vulnerabilities = scanned.vulnerabilities();
    ImageData data =
        vulnerabilities != null
            ? vulnerabilities.imageData(scan)
            : scan.toImageData().withUnknown(ImageFields.VULNERABILITY, NO_DATABASE);
    // Named as a registry reference without looking at central's files, as CheckedImage.of would.
    CheckedImage image = new CheckedImage(text, ImageRef.parse(registryText(text)), scan.digest());
    List<PolicyResult> results =
        ImageCheckRun.evaluate(build.plans(), build.compiled(), image, data, clock.instant());
    List<Note> notes = new ArrayList<>(scan.notes());
    if (vulnerabilities != null) {
      notes.addAll(vulnerabilities.notes());
    } else {
      notes.add(new Note("central", "", NO_DATABASE));
    }
    return new ImageCheckReport(version, image, data.os(), scanned.database(), results, notes);
  }

  /**
   * The enabled BUILD-stage policies with the exceptions in force, planned and compiled again only
   * when central's active policy set changed.
   */
  private synchronized BuildPolicies buildPolicies() {
    ActivePolicies.Current current = policies.current();
    BuildSnapshot known = currentBuild;
    if (known == null || !known.fingerprint().equals(current.fingerprint())) {
      known =
          new BuildSnapshot(
              current.fingerprint(),
              BuildPolicies.compile(current.enabled(), current.exceptions()));
      currentBuild = known;
    }
    return known.policies();
  }

  private record BuildSnapshot(String fingerprint, BuildPolicies policies) {}
}
