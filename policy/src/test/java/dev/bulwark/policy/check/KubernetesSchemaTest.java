package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.check.KubernetesSchema.ListOf;
import dev.bulwark.policy.check.KubernetesSchema.MapOf;
import dev.bulwark.policy.check.KubernetesSchema.Named;
import dev.bulwark.policy.check.KubernetesSchema.ObjectType;
import dev.bulwark.policy.check.KubernetesSchema.Scalar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Reading the shipped Kubernetes API schema and rejecting malformed schema data. */
class KubernetesSchemaTest {
  @Test
  void theBundledSchemaKnowsTheServedKindsAndTheirFields() {
    KubernetesSchema schema = KubernetesSchema.bundled();

    assertThat(schema.kubernetesVersion()).matches("1\\.\\d+\\.\\d+");
    ObjectType deployment = Objects.requireNonNull(schema.typeOf("apps/v1", "Deployment"));
    assertThat(deployment.simpleName()).isEqualTo("Deployment");
    Named specType = (Named) Objects.requireNonNull(deployment.fields().get("spec"));
    ObjectType spec = schema.type(specType.name());
    assertThat(spec.required()).containsExactlyInAnyOrder("selector", "template");
    assertThat(spec.fields().get("replicas")).isEqualTo(Scalar.INTEGER);
    ObjectType container = schema.type("io.k8s.api.core.v1.Container");
    assertThat(container.fields().get("ports"))
        .isEqualTo(new ListOf(new Named("io.k8s.api.core.v1.ContainerPort")));
    ObjectType requirements = schema.type("io.k8s.api.core.v1.ResourceRequirements");
    assertThat(requirements.fields().get("limits")).isEqualTo(new MapOf(Scalar.QUANTITY));
    assertThat(schema.typeOf("v1", "Pod")).isNotNull();
    assertThat(schema.typeOf("networking.k8s.io/v1", "NetworkPolicy")).isNotNull();
    assertThat(schema.typeOf("extensions/v1beta1", "Deployment")).isNull();
    assertThat(schema.typeOf("apps/v1", "Widget")).isNull();
  }

  @Test
  void parsesTheFormatItDocuments() throws IOException {
    KubernetesSchema schema =
        parse(
            """
            # comment
            kubernetes 1.2.3
            kind example/v1 Thing example.Thing
            type example.Thing
              size quantity required
              tags {[string]}
              data bytes
            """);

    ObjectType thing = Objects.requireNonNull(schema.typeOf("example/v1", "Thing"));
    assertThat(thing.required()).containsExactly("size");
    assertThat(thing.fields())
        .containsExactly(
            Map.entry("size", Scalar.QUANTITY),
            Map.entry("tags", new MapOf(new ListOf(Scalar.STRING))),
            Map.entry("data", Scalar.BYTES));
  }

  @Test
  void malformedDataFailsWithTheLine() {
    assertThatThrownBy(
            () -> parse("kubernetes 1.2.3\nkind v1 A a\ntype a\n  size integer optional\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("line 4: expected required, found optional");
    assertThatThrownBy(() -> parse("kubernetes 1.2.3\n  size integer\n"))
        .hasMessageContaining("line 2: a field line outside a type");
    assertThatThrownBy(() -> parse("kubernetes 1.2.3\nkinds v1 A a\n"))
        .hasMessageContaining("line 2: unknown entry kinds");
    assertThatThrownBy(() -> parse("kubernetes 1.2.3\nkind v1 A a\ntype a\n  b missing\n"))
        .hasMessageContaining("types used but not defined: [missing]");
  }

  private static KubernetesSchema parse(String text) throws IOException {
    return KubernetesSchema.parse(new BufferedReader(new StringReader(text)));
  }
}
