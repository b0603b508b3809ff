package dev.bulwark.policy.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.exception.InvalidExceptionException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExceptionReaderTest {
  @Test
  void listDocumentYieldsEveryException() {
    String yaml =
        """
        exceptions:
        - name: ingress needs host network
          policies: [Docker CIS 5.9 and 5.20, fe9de18b-86db-44d5-a7c4-74173ccffe2e]
          scope:
            cluster: prod
            namespaces: [ingress-.*]
            labels: {app: ingress-nginx, tier: "edge|front"}
            workloads: [ingress-nginx-controller]
            images: ["registry.k8s.io/ingress-nginx/.*"]
          owner: platform-team@example.com
          reason: The controller binds ports 80 and 443 on the node
          ticket: PLAT-123
          expires: 2026-12-31
        - name: legacy images
          categories: [Vulnerability Management]
          owner: legacy-team
          reason: Rebuild scheduled for Q3
          expires: "2026-06-30T12:00:00+02:00"
        """;

    List<PolicyException> exceptions = ExceptionReader.parse(yaml, "exceptions.yaml");

    assertThat(exceptions)
        .containsExactly(
            new PolicyException(
                "ingress needs host network",
                List.of("Docker CIS 5.9 and 5.20", "fe9de18b-86db-44d5-a7c4-74173ccffe2e"),
                List.of(),
                "prod",
                List.of("ingress-.*"),
                Map.of("app", "ingress-nginx", "tier", "edge|front"),
                List.of("ingress-nginx-controller"),
                List.of("registry.k8s.io/ingress-nginx/.*"),
                "platform-team@example.com",
                "The controller binds ports 80 and 443 on the node",
                "PLAT-123",
                Instant.parse("2027-01-01T00:00:00Z"),
                "exceptions.yaml"),
            new PolicyException(
                "legacy images",
                List.of(),
                List.of("Vulnerability Management"),
                null,
                List.of(),
                Map.of(),
                List.of(),
                List.of(),
                "legacy-team",
                "Rebuild scheduled for Q3",
                null,
                Instant.parse("2026-06-30T10:00:00Z"),
                "exceptions.yaml"));
  }

  @Test
  void dateExpiryCoversTheWholeDay() {
    PolicyException exception =
        ExceptionReader.parse(
                """
                exceptions:
                - {name: through new year's eve, policies: [Latest tag], owner: me, reason: demo,
                   expires: 2026-12-31}
                """,
                "e.yaml")
            .getFirst();

    assertThat(exception.isExpired(Instant.parse("2026-12-31T23:59:59Z"))).isFalse();
    assertThat(exception.isExpired(Instant.parse("2027-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void kubernetesStyleDocumentsAreRead() {
    String yaml =
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: PolicyException
        metadata:
          name: payments-debug-shell
        spec:
          policies: [Shell Spawned by Java Application]
          scope:
            namespaces: [payments]
          owner: payments-team
          reason: Incident 42 needs a debug shell
          expires: 2026-01-15T18:00:00Z
        ---
        apiVersion: bulwark.dev/v1alpha1
        kind: PolicyException
        metadata:
          name: build-tools
        spec:
          categories: [Package Management]
          owner: ci-team
          reason: Build images carry package managers
        """;

    List<PolicyException> exceptions = ExceptionReader.parse(yaml, "k8s.yaml");

    assertThat(exceptions)
        .extracting(PolicyException::name)
        .containsExactly("payments-debug-shell", "build-tools");
    assertThat(exceptions.getFirst().namespaces()).containsExactly("payments");
    assertThat(exceptions.getFirst().expires()).isEqualTo(Instant.parse("2026-01-15T18:00:00Z"));
    assertThat(exceptions.get(1).categories()).containsExactly("Package Management");
  }

  @Test
  void jsonListDocumentIsRead() {
    String json =
        """
        {"exceptions": [{"name": "json", "policies": ["Latest tag"], "owner": "me", "reason": "demo"}]}
        """;

    assertThat(ExceptionReader.parse(json, "e.json"))
        .extracting(PolicyException::file)
        .containsExactly("e.json");
  }

  @Test
  void directoryIsReadInSortedOrder(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("b.yaml"), single("second"));
    Files.writeString(directory.resolve("a.yml"), single("first"));
    Files.writeString(directory.resolve("README.md"), "# not an exception file");

    assertThat(ExceptionReader.read(directory))
        .extracting(PolicyException::name, PolicyException::file)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", directory.resolve("a.yml").toString()),
            org.assertj.core.groups.Tuple.tuple("second", directory.resolve("b.yaml").toString()));
  }

  @Test
  void duplicateNamesAcrossFilesAreReported(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("a.yaml"), single("same"));
    Files.writeString(directory.resolve("b.yaml"), single("same"));

    assertThatThrownBy(() -> ExceptionReader.read(directory))
        .isInstanceOfSatisfying(
            InvalidExceptionException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new Problem(
                            directory.resolve("b.yaml") + ":2:3",
                            "same",
                            "name",
                            "another exception has the same name (at "
                                + directory.resolve("a.yaml")
                                + ":2:3); names must be unique")));
  }

  static Stream<Arguments> invalidExceptions() {
    return Stream.of(
        Arguments.of(
            "missing owner",
            "- {name: x, policies: [p], reason: r}",
            "owner",
            "an exception needs an owner"),
        Arguments.of(
            "missing reason",
            "- {name: x, policies: [p], owner: o}",
            "reason",
            "an exception needs a reason"),
        Arguments.of(
            "missing name",
            "- {policies: [p], owner: o, reason: r}",
            "name",
            "an exception needs a name"),
        Arguments.of(
            "nothing waived",
            "- {name: x, owner: o, reason: r}",
            "",
            "must name the policies (names or ids) or categories"),
        Arguments.of(
            "bad namespace regex",
            "- {name: x, policies: [p], owner: o, reason: r, scope: {namespaces: ['team-[']}}",
            "scope.namespaces[0]",
            "is not a valid RE2 regular expression"),
        Arguments.of(
            "bad label regex",
            "- {name: x, policies: [p], owner: o, reason: r, scope: {labels: {app: '(web'}}}",
            "scope.labels.app",
            "is not a valid RE2 regular expression"),
        Arguments.of(
            "bad expiry",
            "- {name: x, policies: [p], owner: o, reason: r, expires: next friday}",
            "expires",
            "is neither a date (2026-12-31) nor an RFC 3339 time"),
        Arguments.of(
            "misspelt field",
            "- {name: x, policy: [p], owner: o, reason: r}",
            "policy",
            "unknown field \"policy\"; did you mean \"policies\"?"),
        Arguments.of(
            "misspelt scope field",
            "- {name: x, policies: [p], owner: o, reason: r, scope: {namespace: [a]}}",
            "scope.namespace",
            "did you mean \"namespaces\"?"),
        Arguments.of(
            "blank policy entry",
            "- {name: x, policies: [''], owner: o, reason: r}",
            "policies[0]",
            "the entry is blank"),
        Arguments.of(
            "policies not a list",
            "- {name: x, policies: p, owner: o, reason: r}",
            "policies",
            "expected a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExceptions")
  void invalidExceptionIsRejected(String description, String items, String field, String reason) {
    String yaml = "exceptions:\n" + items + "\n";

    assertThatThrownBy(() -> ExceptionReader.parse(yaml, "e.yaml"))
        .isInstanceOfSatisfying(
            InvalidExceptionException.class,
            e ->
                assertThat(e.problems())
                    .as(e.getMessage())
                    .anySatisfy(problem -> {
                      assertThat(problem.field()).isEqualTo(field);
                      assertThat(problem.reason()).contains(reason);
                      assertThat(problem.origin()).matches("e\\.yaml:\\d+:\\d+");
                    }));
  }

  @Test
  void badResourceNameAndWrongKindAreReported() {
    String yaml =
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: PolicyException
        metadata: {name: Not_A_Name}
        spec: {policies: [p], owner: o, reason: r}
        ---
        apiVersion: bulwark.dev/v1
        kind: PolicyException
        metadata: {name: x}
        spec: {policies: [p], owner: o, reason: r}
        """;

    assertThatThrownBy(() -> ExceptionReader.parse(yaml, "k8s.yaml"))
        .isInstanceOfSatisfying(
            InvalidExceptionException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::origin, Problem::field)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("k8s.yaml:3:12", "metadata.name"),
                        org.assertj.core.groups.Tuple.tuple("k8s.yaml:7:1", "kind")));
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    assertThatThrownBy(() -> ExceptionReader.parse("exceptions:\n- name: [x\n", "e.yaml"))
        .isInstanceOfSatisfying(
            InvalidExceptionException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().getFirst().origin()).matches("e\\.yaml:\\d+:\\d+");
              assertThat(e.problems().getFirst().exception()).isEmpty();
            });
  }

  @Test
  void missingPathIsAProblem(@TempDir Path directory) {
    assertThatThrownBy(() -> ExceptionReader.read(directory.resolve("none.yaml")))
        .isInstanceOf(InvalidExceptionException.class)
        .hasMessageEndingWith("none.yaml: no such file or directory");
  }

  private static String single(String name) {
    return """
    exceptions:
    - name: %s
      policies: [Latest tag]
      owner: me
      reason: demo
    """
        .formatted(name);
  }
}
