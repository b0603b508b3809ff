package dev.bulwark.policy.criteria;

/**
 * Why a criterion's values do not compile.
 *
 * @param valueIndex index of the offending value in the group, or {@link #GROUP} when the group as
 *     a whole is wrong (no values, too many values, a forbidden negation)
 */
public record ValueProblem(int valueIndex, String reason) {
  public static final int GROUP = -1;

  public static ValueProblem ofGroup(String reason) {
    return new ValueProblem(GROUP, reason);
  }
}
