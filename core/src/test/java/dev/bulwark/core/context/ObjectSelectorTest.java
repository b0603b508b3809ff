package dev.bulwark.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.workload.TestManifests;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectSelectorTest {
  private static final Map<String, String> LABELS = Map.of("app", "web", "env", "prod");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                                                   | true",
        "{matchLabels: {app: web}}                                            | true",
        "{matchLabels: {app: web, env: dev}}                                  | false",
        "{matchLabels: {team: a}}                                             | false",
        "{matchExpressions: [{key: env, operator: In, values: [prod, stage]}]} | true",
        "{matchExpressions: [{key: env, operator: In, values: []}]}           | false",
        "{matchExpressions: [{key: team, operator: In, values: [a]}]}         | false",
        "{matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}     | true",
        "{matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}    | false",
        "{matchExpressions: [{key: team, operator: NotIn, values: [a]}]}      | true",
        "{matchExpressions: [{key: app, operator: Exists}]}                   | true",
        "{matchExpressions: [{key: team, operator: Exists}]}                  | false",
        "{matchExpressions: [{key: team, operator: DoesNotExist}]}            | true",
        "{matchExpressions: [{key: app, operator: DoesNotExist}]}             | false",
        "{matchLabels: {app: web}, matchExpressions: [{key: env, operator: In, values: [dev]}]} |"
            + " false",
        "{matchExpressions: [{key: app, operator: exists}]}                   | false",
        "{matchExpressions: [{operator: Exists}]}                             | false",
      })
  void matchesLikeKubernetes(String selector, boolean expected) {
    MapNode root = TestManifests.object("apiVersion: v1\nkind: X\nselector: " + selector).root();

    assertThat(ObjectSelector.parse(root.map("selector")).matches(LABELS)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void absentSelectorSelectsEverything() {
    assertThat(ObjectSelector.parse(null).matches(Map.of())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                                             | <everything>",
        "{matchLabels: {b: '2', a: '1'}}                                | a=1,b=2",
        "{matchLabels: {app: web}, matchExpressions: [{key: env, operator: In, values: [prod,"
            + " dev]}, {key: old, operator: DoesNotExist}, {key: team, operator: Exists}, {key: x,"
            + " operator: NotIn, values: [y]}]} | app=web,env in (dev,prod),!old,team,x notin (y)",
      })
  void describesItselfInKubectlSyntax(String selector, String expected) {
    MapNode root = TestManifests.object("apiVersion: v1\nkind: X\nselector: " + selector).root();

    assertThat(ObjectSelector.parse(root.map("selector")).describe()).isEqualTo(expected);
  }
}
