package dev.bulwark.policy.criteria;

import static dev.bulwark.policy.criteria.Truth.FALSE;
import static dev.bulwark.policy.criteria.Truth.TRUE;
import static dev.bulwark.policy.criteria.Truth.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruthTest {
  @Test
  void falseDominatesAConjunction() {
    assertThat(FALSE.and(UNKNOWN)).isEqualTo(FALSE);
    assertThat(UNKNOWN.and(FALSE)).isEqualTo(FALSE);
    assertThat(TRUE.and(UNKNOWN)).isEqualTo(UNKNOWN);
    assertThat(TRUE.and(TRUE)).isEqualTo(TRUE);
  }

  @Test
  void trueDominatesADisjunction() {
    assertThat(TRUE.or(UNKNOWN)).isEqualTo(TRUE);
    assertThat(UNKNOWN.or(TRUE)).isEqualTo(TRUE);
    assertThat(FALSE.or(UNKNOWN)).isEqualTo(UNKNOWN);
    assertThat(FALSE.or(FALSE)).isEqualTo(FALSE);
  }

  @Test
  void booleansMapToTrueAndFalse() {
    assertThat(Truth.of(true)).isEqualTo(TRUE);
    assertThat(Truth.of(false)).isEqualTo(FALSE);
  }
}
