package dev.bulwark.policy.framework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.framework.Framework.Control;
import dev.bulwark.policy.model.Policy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The framework registry: its start-up validation and kube-linter's default selection. */
class FrameworksTest {
  @Test
  void registryListsTheKnownFrameworksValidated() {
    assertThat(Frameworks.all())
        .extracting(Framework::name)
        .containsExactly(
            "cis-k8s",
            "kube-linter",
            "mitre-attack",
            "nist-800-190",
            "nist-800-53",
            "nsa-cisa",
            "pss");
    for (Framework framework : Frameworks.all()) {
      assertThat(Frameworks.problems(framework)).as(framework.name()).isEmpty();
    }
    assertThat(Frameworks.byName("Kube-Linter")).isPresent();
    assertThat(Frameworks.byName("cis")).isEmpty();
  }

  @Test
  void kubeLinterKnowsItsSixtyThreeChecksAndTheThirtyOneItRunsByDefault() {
    Framework kubeLinter = Frameworks.byName("kube-linter").orElseThrow();

    assertThat(kubeLinter.controls()).hasSize(63);
    assertThat(kubeLinter.controls().stream().filter(Control::onByDefault)).hasSize(31);
    assertThat(kubeLinter.defines("latest-tag")).isTrue();
    assertThat(kubeLinter.defines("no-such-check")).isFalse();
  }

  @Test
  void validationRejectsBadNamesDescriptionsControlsAndDefaults() {
    Framework broken =
        new Framework(
            "Bad Name",
            " ",
            "no full stop",
            List.of(new Control("a b", false), new Control("x", false), new Control("x", false)),
            true);

    assertThat(Frameworks.problems(broken))
        .containsExactlyInAnyOrder(
            "Bad Name: name is not lower-case kebab-case",
            "Bad Name: no title",
            "Bad Name: the description is not a sentence",
            "Bad Name: control \"a b\" is invalid or repeated",
            "Bad Name: control \"x\" is invalid or repeated",
            "Bad Name: decides its own defaults but turns no control on");
  }

  @Test
  void aFrameworkWithItsOwnDefaultsOverridesThePolicyFlag() {
    Framework kubeLinter = Frameworks.byName("kube-linter").orElseThrow();
    Framework cis = Frameworks.byName("cis-k8s").orElseThrow();
    Policy liveness = builtIn("liveness-probe");
    Policy sortedKeys = builtIn("sorted-keys");
    Policy latestTag = builtIn("latest-tag");

    assertThat(liveness.disabled()).isFalse();
    assertThat(kubeLinter.enablesByDefault(liveness)).isFalse();
    assertThat(sortedKeys.disabled()).isTrue();
    assertThat(kubeLinter.enablesByDefault(sortedKeys)).isFalse();
    assertThat(kubeLinter.enablesByDefault(latestTag)).isTrue();
    assertThat(cis.tags(latestTag)).isFalse();
    assertThat(cis.enablesByDefault(builtIn("privileged-container"))).isTrue();
  }

  @Test
  void everyKubeLinterCheckHasABuiltInPolicy() {
    Framework kubeLinter = Frameworks.byName("kube-linter").orElseThrow();
    Set<String> covered = new TreeSet<>();
    BuiltinPolicies.all().forEach(policy -> covered.addAll(kubeLinter.controlsOf(policy)));
    Set<String> missing = new TreeSet<>();
    kubeLinter.controls().forEach(control -> missing.add(control.id()));
    missing.removeAll(covered);

    assertThat(missing).isEmpty();
  }

  @Test
  void eachKubeLinterCheckMapsToOneBuiltInPolicy() {
    Framework kubeLinter = Frameworks.byName("kube-linter").orElseThrow();
    List<String> tags =
        BuiltinPolicies.all().stream()
            .flatMap(policy -> kubeLinter.controlsOf(policy).stream())
            .toList();

    assertThat(tags).doesNotHaveDuplicates();
  }

  private static Policy builtIn(String id) {
    return BuiltinPolicies.all().stream()
        .filter(policy -> policy.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
