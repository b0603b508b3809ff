package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The registry's start-up validation, proven against checks that break each rule. */
class NativeChecksTest {

  @Test
  void everyRegisteredCheckIsValidAndFoundById() {
    assertThat(NativeChecks.all()).isNotEmpty();
    for (NativeCheck check : NativeChecks.all()) {
      assertThat(NativeChecks.problems(check)).as(check.id()).isEmpty();
      assertThat(NativeChecks.byId(check.id())).containsSame(check);
    }
    assertThat(List.copyOf(NativeChecks.ids())).isSorted();
    assertThat(NativeChecks.byId("no-such-check")).isEmpty();
  }

  @Test
  void validationRejectsBadIdsSummariesAndParameters() {
    NativeCheck broken =
        new FakeCheck(
            "Bad_Id",
            " ",
            NativeCheck.Target.OBJECTS,
            List.of(
                new CheckParameter("limit", "", "no limit"),
                new CheckParameter("limit", "Twice", "no limit"),
                new CheckParameter("Upper", "Starts upper case", "none")),
            (CheckEvaluator.PerObject) (object, workload, findings) -> {});

    assertThat(NativeChecks.problems(broken))
        .containsExactlyInAnyOrder(
            "Bad_Id: id is not lower-case kebab-case",
            "Bad_Id: no summary",
            "Bad_Id: parameter limit is not documented",
            "Bad_Id: parameter name \"limit\" is invalid or repeated",
            "Bad_Id: parameter name \"Upper\" is invalid or repeated");
  }

  @Test
  void validationRejectsAnEvaluatorThatDoesNotMatchTheTarget() {
    NativeCheck mismatched =
        new FakeCheck(
            "mismatched",
            "Says containers, evaluates objects.",
            NativeCheck.Target.CONTAINERS,
            List.of(),
            (CheckEvaluator.PerObject) (object, workload, findings) -> {});

    assertThat(NativeChecks.problems(mismatched))
        .containsExactly("mismatched: its evaluator does not match its target CONTAINERS");
    NativeCheck deferring =
        new FakeCheck(
            "deferring",
            "Says objects, judges across the input.",
            NativeCheck.Target.OBJECTS,
            List.of(),
            (CheckEvaluator.AcrossInput) (object, workload) -> null);
    assertThat(NativeChecks.problems(deferring))
        .containsExactly("deferring: its evaluator does not match its target OBJECTS");
  }

  @Test
  void validationRejectsACheckThatNeedsParametersToBind() {
    NativeCheck needy =
        new FakeCheck(
            "needy", "Cannot run without a limit.", NativeCheck.Target.OBJECTS, List.of(), null);

    assertThat(NativeChecks.problems(needy))
        .containsExactly(
            "needy: does not bind with only its required parameters: limit: must be set");
  }

  private record FakeCheck(
      String id,
      String summary,
      Target target,
      List<CheckParameter> parameters,
      @Nullable CheckEvaluator evaluator)
      implements NativeCheck {
    @Override
    public CheckEvaluator bind(Map<String, String> values) throws InvalidCheckParameterException {
      if (evaluator == null) {
        throw new InvalidCheckParameterException("limit", "must be set");
      }
      return evaluator;
    }
  }
}
