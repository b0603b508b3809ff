package dev.bulwark.vulndb.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Base scores of published vectors. The pairs are facts from the specifications' examples and from
 * NVD and GitHub advisories (for example CVE-2021-44228 is 10.0 in v3.1, CVE-2014-0160 is 5.0 in v2
 * and 7.5 in v3.x).
 */
class CvssTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          AV:N/AC:L/Au:N/C:N/I:N/A:P                  | 5.0  | MEDIUM
          AV:N/AC:L/Au:N/C:P/I:N/A:N                  | 5.0  | MEDIUM
          AV:N/AC:L/Au:N/C:P/I:P/A:P                  | 7.5  | HIGH
          AV:N/AC:L/Au:N/C:C/I:C/A:C                  | 10.0 | HIGH
          AV:N/AC:M/Au:N/C:N/I:P/A:N                  | 4.3  | MEDIUM
          AV:L/AC:L/Au:N/C:C/I:C/A:C                  | 7.2  | HIGH
          AV:N/AC:L/Au:N/C:N/I:N/A:N                  | 0.0  | LOW
          (AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C) | 10.0 | HIGH
          """)
  void scoresVersion2Vectors(String vector, double score, CvssSeverity severity) throws Exception {
    CvssScore result = Cvss.score(vector);
    assertThat(result.version()).isEqualTo(CvssVersion.V2);
    assertThat(result.baseScore()).isEqualTo(score);
    assertThat(result.severity()).isEqualTo(severity);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | 9.8  | CRITICAL
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H | 10.0 | CRITICAL
          CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N | 6.1  | MEDIUM
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N | 7.5  | HIGH
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H | 7.5  | HIGH
          CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H | 7.8  | HIGH
          CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N | 6.5  | MEDIUM
          CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N | 5.9  | MEDIUM
          CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H | 8.8  | HIGH
          CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H | 7.8  | HIGH
          CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N | 6.4  | MEDIUM
          CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N | 1.6  | LOW
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N | 0.0  | NONE
          CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | 9.8  | CRITICAL
          CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N | 6.1  | MEDIUM
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C | 9.8 | CRITICAL
          """)
  void scoresVersion3Vectors(String vector, double score, CvssSeverity severity) throws Exception {
    CvssScore result = Cvss.score(vector);
    assertThat(result.baseScore()).isEqualTo(score);
    assertThat(result.severity()).isEqualTo(severity);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 9.3  | CRITICAL
          CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H | 10.0 | CRITICAL
          CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 8.7  | HIGH
          CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 8.5  | HIGH
          CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N | 8.7  | HIGH
          CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N | 5.1  | MEDIUM
          CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N | 5.3  | MEDIUM
          CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N | 0.0  | NONE
          """)
  void scoresVersion4Vectors(String vector, double score, CvssSeverity severity) throws Exception {
    CvssScore result = Cvss.score(vector);
    assertThat(result.version()).isEqualTo(CvssVersion.V4_0);
    assertThat(result.baseScore()).isEqualTo(score);
    assertThat(result.severity()).isEqualTo(severity);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H          | base metric A is missing
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q      | metric A has value Q
          CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | metric AV is given twice
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1 | unknown metric ZZ
          CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A        | "A" is not METRIC:VALUE
          CVSS:5.0/AV:N                                     | CVSS version 5.0 is not supported
          CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H  | base metric SC is missing
          not a vector                                      | expected a CVSS:3.x/ or CVSS:4.0/ prefix
          """)
  void rejectsInvalidVectorsWithTheReason(String vector, String reason) {
    assertThatThrownBy(() -> Cvss.score(vector))
        .isInstanceOf(InvalidCvssVectorException.class)
        .hasMessageContaining(vector)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, NONE",
    "0.1, LOW",
    "3.9, LOW",
    "4.0, MEDIUM",
    "6.9, MEDIUM",
    "7.0, HIGH",
    "8.9, HIGH",
    "9.0, CRITICAL",
    "10.0, CRITICAL"
  })
  void bandsScores(double score, CvssSeverity severity) {
    assertThat(CvssSeverity.of(score)).isEqualTo(severity);
  }
}
