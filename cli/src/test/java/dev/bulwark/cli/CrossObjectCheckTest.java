package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static dev.bulwark.cli.CheckCommandTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark check} on an input split over several files, where policies compare objects with
 * objects of other files: the findings land on the referring object, at its file and line, waivers
 * apply, and the report is the same run after run.
 */
class CrossObjectCheckTest {
  @TempDir Path dir;

  @BeforeEach
  void writeInput() throws IOException {
    Files.writeString(
        dir.resolve("a-routing.yaml"),
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          selector:
            app: web
          ports:
            - port: 80
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: typo
          namespace: shop
        spec:
          selector:
            app: wbe
          ports:
            - port: 80
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: legacy
          namespace: shop
          annotations:
            ignore-check.bulwark.dev/dangling-service: pods come from the legacy chart
        spec:
          selector:
            app: legacy
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: web
          namespace: shop
        spec:
          minAvailable: 2
          selector:
            matchLabels:
              app: web
        """);
    Files.writeString(
        dir.resolve("b-workloads.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              serviceAccountName: web
              containers:
                - name: web
                  image: registry.example.com/web:1.0.0
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef:
                          name: db
                          key: password
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
          namespace: shop
        spec:
          selector:
            matchLabels:
              app: worker
          template:
            metadata:
              labels:
                app: worker
            spec:
              serviceAccountName: worker
              containers:
                - name: worker
                  image: registry.example.com/worker:1.0.0
                  env:
                    - name: DB_USER
                      valueFrom:
                        secretKeyRef:
                          name: db
                          key: user
        """);
    Files.writeString(
        dir.resolve("c-identity.yaml"),
        """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
          namespace: shop
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          namespace: shop
        stringData:
          password: not-a-real-password
        """);
  }

  private Run check(String... extra) {
    List<String> args = new ArrayList<>(List.of("check", dir.toString(), "-o", "json"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Test
  void findingsAboutOtherFilesLandOnTheReferringObject() throws IOException {
    Run run = check();
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = run.json();

    JsonNode typo = violations(report, "Service", "typo", "dangling-service").getFirst();
    assertThat(typo.get("file").asText()).endsWith("a-routing.yaml");
    assertThat(typo.get("line").asInt()).isEqualTo(18);
    assertThat(typo.get("path").asText()).isEqualTo("spec.selector");
    assertThat(typo.get("message").asText()).contains("app=wbe");
    assertThat(violations(report, "Service", "web", "dangling-service")).isEmpty();

    JsonNode budget = violations(report, "web", "pdb-min-available").getFirst();
    assertThat(budget.get("line").asInt()).isEqualTo(40);
    assertThat(budget.get("message").asText())
        .isEqualTo(
            "minAvailable is 2 and Deployment \"web\" has 2 replicas, so none of its pods can be"
                + " evicted");

    JsonNode account =
        violations(report, "Deployment", "worker", "non-existent-service-account").getFirst();
    assertThat(account.get("file").asText()).endsWith("b-workloads.yaml");
    assertThat(account.get("line").asInt()).isEqualTo(41);
    assertThat(violations(report, "Deployment", "web", "non-existent-service-account")).isEmpty();

    assertThat(report.get("summary").get("objects").asInt()).isEqualTo(8);
  }

  @Test
  void annotationsOnTheReferringObjectWaiveItsFindings() throws IOException {
    JsonNode legacy =
        violations(check().json(), "Service", "legacy", "dangling-service").getFirst();

    assertThat(legacy.get("waived").asBoolean()).isTrue();
    assertThat(legacy.get("blocking").asBoolean()).isFalse();
    assertThat(legacy.get("waiver").get("reason").asText())
        .isEqualTo("pods come from the legacy chart");
  }

  @Test
  void optInChecksReadObjectsOfOtherFilesToo() throws IOException {
    JsonNode report = check("--enable", "env-value-from").json();

    assertThat(violations(report, "Deployment", "web", "env-value-from")).isEmpty();
    assertThat(violations(report, "Deployment", "worker", "env-value-from"))
        .singleElement()
        .satisfies(finding -> {
          assertThat(finding.get("message").asText())
              .isEqualTo(
                  "Container \"worker\" reads key \"user\" of Secret \"db\", which has no such"
                      + " key");
          assertThat(finding.get("line").asInt()).isEqualTo(50);
        });
    assertThat(violations(check().json(), "Deployment", "worker", "env-value-from"))
        .as("off by default")
        .isEmpty();
  }

  @Test
  void theReportIsTheSameRunAfterRun() {
    String first = check("--fail-on", "low").out();

    assertThat(check("--fail-on", "low").out()).isEqualTo(first);
    assertThat(check("--fail-on", "low").exitCode()).isEqualTo(1);
  }

  @Test
  void withThoseChecksTurnedOffNothingIsComparedAcrossObjects() throws IOException {
    JsonNode report =
        check(
                "--disable",
                "dangling-service",
                "--disable",
                "pdb-min-available",
                "--disable",
                "non-existent-service-account")
            .json();

    assertThat(report.get("summary").get("objects").asInt()).isEqualTo(8);
    for (JsonNode result : report.get("results")) {
      for (JsonNode finding : result.get("violations")) {
        assertThat(finding.get("policyId").asText())
            .isNotIn("dangling-service", "pdb-min-available", "non-existent-service-account");
      }
    }
  }
}
