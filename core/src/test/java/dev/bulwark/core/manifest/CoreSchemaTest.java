package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreSchemaTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      textBlock =
          """
          ''      | NULL
          ~       | NULL
          Null    | NULL
          nULL    | STRING
          True    | BOOLEAN
          tRUE    | STRING
          on      | BOOLEAN
          No      | BOOLEAN
          y       | BOOLEAN
          yES     | STRING
          0       | INTEGER
          +12     | INTEGER
          -0      | INTEGER
          0x      | STRING
          0xFfA0  | INTEGER
          0xG     | STRING
          0o777   | INTEGER
          0o8     | STRING
          -0x1    | INTEGER
          09      | FLOAT
          1_000   | INTEGER
          1.      | FLOAT
          .5      | FLOAT
          -.5e-3  | FLOAT
          1e      | STRING
          .       | STRING
          -       | STRING
          .NaN    | FLOAT
          -.nan   | STRING
          +.INF   | FLOAT
          1.2.3   | STRING
          12ab    | STRING
          """)
  void plainScalarsResolveAsKubernetesReadsThem(String text, ScalarNode.Type type) {
    assertThat(CoreSchema.resolvePlain(text)).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          42                    | 42
          -42                   | -42
          +7                    | 7
          010                   | 8
          0644                  | 420
          0b1010                | 10
          -0b11                 | -3
          1_000_000             | 1000000
          08                    |
          0x1F                  | 31
          0o17                  | 15
          9223372036854775807   | 9223372036854775807
          9223372036854775808   |
          1.5                   |
          0x                    |
          """)
  void integersParseInEveryKubernetesForm(String text, Long value) {
    assertThat(CoreSchema.parseInteger(text)).isEqualTo(value);
  }
}
