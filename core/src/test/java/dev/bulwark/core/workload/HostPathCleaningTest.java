package dev.bulwark.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPathCleaningTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /var/run/docker.sock           | /var/run/docker.sock
          /var/run/./docker.sock         | /var/run/docker.sock
          //var//run/docker.sock/        | /var/run/docker.sock
          /var/lib/../run/docker.sock    | /var/run/docker.sock
          /../../etc                     | /etc
          /                              | /
          /etc/                          | /etc
          relative/../x                  | x
          ../x                           | ../x
          """)
  void hostPathsAreCleanedLikeTheKubeletSeesThem(String written, String cleaned) {
    assertThat(Volumes.cleanHostPath(written)).isEqualTo(cleaned);
  }
}
