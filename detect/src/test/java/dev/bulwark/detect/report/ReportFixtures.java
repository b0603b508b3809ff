package dev.bulwark.detect.report;

import dev.bulwark.policy.model.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A report that exercises every branch of the writers: a blocking finding, waivers by exception and
 * by annotation, a finding without a column and one without any position, a not-evaluated policy, a
 * cluster-scoped object, an object without findings, errors with and without a position, a note, an
 * expired exception, a file name with a space and the characters {@code <&>"'} that JSON and XML
 * must escape.
 */
final class ReportFixtures {
  static final String WEB_FILE = "deploy/web app.yaml";

  static final PolicyInfo PRIVILEGED =
      new PolicyInfo(
          "privileged-container",
          "Privileged container",
          Severity.CRITICAL,
          "Flags containers that run in privileged mode.",
          "A privileged container holds every capability of the node and can take it over.",
          "Remove securityContext.privileged or set it to false.",
          List.of("Privileges"),
          List.of("CIS-5.2.1"),
          true);

  static final PolicyInfo LATEST_TAG =
      new PolicyInfo(
          "latest-tag",
          "Latest image tag",
          Severity.MEDIUM,
          "Flags images referenced by the mutable \"latest\" tag.",
          "",
          "Pin the image to a version tag or a digest.",
          List.of("Image Assurance"),
          List.of(),
          false);

  static final PolicyInfo IMAGE_AGE =
      new PolicyInfo(
          "image-age",
          "90-day image age",
          Severity.LOW,
          "",
          "",
          "",
          List.of("Image Assurance", "Vulnerability Management"),
          List.of(),
          false);

  static final PolicyInfo WILDCARD_RBAC =
      new PolicyInfo(
          "wildcard-rbac",
          "Wildcard RBAC rule",
          Severity.HIGH,
          "Flags roles that grant every verb on every resource.",
          "Wildcards grant permissions that appear in later Kubernetes versions too.",
          "List the verbs and resources the workload needs.",
          List.of("Privileges", "RBAC"),
          List.of("CIS-5.1.3", "Privileges"),
          false);

  static final PolicyInfo RUN_AS_NON_ROOT =
      new PolicyInfo(
          "run-as-non-root",
          "Run as non-root",
          Severity.MEDIUM,
          "Flags containers that may run as root.",
          "",
          "Set securityContext.runAsNonRoot to true.",
          List.of("Privileges"),
          List.of("CIS-5.2.6"),
          false);

  private ReportFixtures() {}

  static Report representative() {
    List<ObjectResult> results = List.of(web(), webService(), clusterRole(), agent());
    List<ReportError> errors =
        List.of(
            new ReportError(
                "broken.yaml",
                4,
                7,
                "mapping values are not allowed here; check the indentation of the line above"),
            new ReportError(
                "missing dir/absent.yaml", 0, 0, "file not found; check the path and try again"));
    return new Report(
        "0.1.0-test",
        List.of(PRIVILEGED, LATEST_TAG, IMAGE_AGE, WILDCARD_RBAC, RUN_AS_NON_ROOT),
        results,
        Summary.of(results, errors),
        errors,
        List.of(new ReportNote(WEB_FILE, 40, "document 3 is empty and was skipped")),
        List.of(
            new ExpiredException(
                "allow-hostpath-legacy",
                "exceptions/legacy.yaml",
                "2025-01-31T00:00:00Z",
                "team-platform")));
  }

  static ObjectResult web() {
    ObjectRef web = new ObjectRef("apps/v1", "Deployment", "shop", "web", WEB_FILE, 1);
    Finding privileged =
        new Finding(
            PRIVILEGED.name(),
            PRIVILEGED.id(),
            Severity.CRITICAL,
            "container \"app\" runs privileged: <&>'",
            WEB_FILE,
            21,
            13,
            "spec.template.spec.containers[0].securityContext.privileged",
            true,
            false,
            null,
            List.of("CIS-5.2.1"));
    Finding latest =
        new Finding(
            LATEST_TAG.name(),
            LATEST_TAG.id(),
            Severity.MEDIUM,
            "container \"app\" uses image \"nginx:latest\"",
            WEB_FILE,
            18,
            16,
            "spec.template.spec.containers[0].image",
            false,
            true,
            new WaiverInfo(
                WaiverInfo.EXCEPTION,
                "allow-latest-in-shop",
                "Pinned by the release pipeline & checked <daily>",
                "team-shop",
                "SEC-142",
                "2026-12-31T00:00:00Z"),
            List.of());
    return new ObjectResult(
        web,
        List.of(privileged, latest),
        List.of(new NotEvaluated(IMAGE_AGE.name(), IMAGE_AGE.id(), "needs image scan data")),
        List.of(PRIVILEGED.id(), LATEST_TAG.id(), IMAGE_AGE.id(), RUN_AS_NON_ROOT.id()));
  }

  static ObjectResult webService() {
    ObjectRef service = new ObjectRef("v1", "Service", "shop", "web", WEB_FILE, 30);
    return new ObjectResult(service, List.of(), List.of(), List.of());
  }

  static ObjectResult clusterRole() {
    String file = "cluster/rbac.yaml";
    ObjectRef role =
        new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "ops-admin", file, 1);
    Finding firstRule =
        new Finding(
            WILDCARD_RBAC.name(),
            WILDCARD_RBAC.id(),
            Severity.HIGH,
            "rule 0 grants verbs [\"*\"] on resources [\"*\"]",
            file,
            7,
            0,
            "rules[0]",
            false,
            false,
            null,
            List.of("CIS-5.1.3"));
    Finding secondRule =
        new Finding(
            WILDCARD_RBAC.name(),
            WILDCARD_RBAC.id(),
            Severity.HIGH,
            "rule 1 grants every verb on secrets",
            file,
            0,
            0,
            "rules[1]",
            false,
            false,
            null,
            List.of("CIS-5.1.3"));
    return new ObjectResult(
        role, List.of(firstRule, secondRule), List.of(), List.of(WILDCARD_RBAC.id()));
  }

  static ObjectResult agent() {
    String file = "charts/agent/templates/daemonset.yaml";
    ObjectRef agent = new ObjectRef("apps/v1", "DaemonSet", "monitoring", "node-agent", file, 3);
    Finding latest =
        new Finding(
            LATEST_TAG.name(),
            LATEST_TAG.id(),
            Severity.MEDIUM,
            "container \"agent\" uses image \"agent:latest\"",
            file,
            14,
            18,
            "spec.template.spec.containers[0].image",
            false,
            true,
            new WaiverInfo(
                WaiverInfo.ANNOTATION,
                "ignore-check.bulwark.dev/latest-tag",
                "agent image is pinned by digest at deploy time",
                null,
                null,
                null),
            List.of());
    return new ObjectResult(
        agent,
        List.of(latest),
        List.of(),
        List.of(PRIVILEGED.id(), LATEST_TAG.id(), RUN_AS_NON_ROOT.id()));
  }

  static String render(ReportWriter writer, Report report) {
    StringWriter out = new StringWriter();
    try {
      writer.write(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
