package dev.bulwark.policy.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageFields;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Core names image data the way policies name their fields; the engine relies on the match. */
class ImageFieldsTest {
  @Test
  void everyNameIsExactlyAPolicyFieldName() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field constant : ImageFields.class.getFields()) {
      if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
        names.add((String) constant.get(null));
      }
    }

    assertThat(names).hasSize(16);
    for (String name : names) {
      assertThat(PolicyField.byExactName(name)).as(name).isPresent();
    }
  }

  @Test
  void theVulnerabilityFieldsAreTheCriteriaReadFromVulnerabilities() {
    EnumSet<PolicyField> vulnerability =
        EnumSet.of(
            PolicyField.CVE,
            PolicyField.CVSS,
            PolicyField.NVD_CVSS,
            PolicyField.SEVERITY,
            PolicyField.FIXABLE,
            PolicyField.FIXED_BY,
            PolicyField.DAYS_SINCE_CVE_WAS_PUBLISHED,
            PolicyField.DAYS_SINCE_CVE_FIX_WAS_AVAILABLE,
            PolicyField.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE,
            PolicyField.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM);

    assertThat(ImageFields.VULNERABILITY)
        .containsExactlyInAnyOrderElementsOf(
            vulnerability.stream().map(PolicyField::fieldName).toList())
        .startsWith(ImageFields.CVE);
  }
}
