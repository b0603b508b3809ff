package dev.bulwark.central.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The role model of issue 7, as data: who may do what. */
class PermissionTest {
  @Test
  void adminsMayDoEverythingButReportForACluster() {
    assertThat(granted(Role.ADMIN))
        .isEqualTo(EnumSet.complementOf(EnumSet.of(Permission.PUBLIC, Permission.SENSOR_REPORT)));
  }

  @Test
  void analystsReadAndWorkAlertsButManageNothing() {
    assertThat(granted(Role.ANALYST))
        .containsExactlyInAnyOrder(
            Permission.API_DOCS_READ,
            Permission.CLUSTERS_READ,
            Permission.POLICIES_READ,
            Permission.INVENTORY_READ,
            Permission.ALERTS_READ,
            Permission.ALERTS_WRITE,
            Permission.NOTIFIERS_READ,
            Permission.DETECT);
  }

  @Test
  void pipelinesAndSensorsGetTheirOwnEndpointsOnly() {
    assertThat(granted(Role.CI))
        .containsExactlyInAnyOrder(Permission.API_DOCS_READ, Permission.DETECT);
    assertThat(granted(Role.SENSOR))
        .containsExactlyInAnyOrder(Permission.API_DOCS_READ, Permission.SENSOR_REPORT);
  }

  @Test
  void everyWritePermissionIsAuditedAndNoReadOne() {
    for (Permission permission : Permission.values()) {
      assertThat(permission.audited())
          .as(permission.wireName())
          .isEqualTo(permission.wireName().endsWith(":write"));
    }
  }

  @Test
  void wireNamesAreUniqueAndRolesParse() {
    assertThat(Arrays.stream(Permission.values()).map(Permission::wireName).distinct())
        .hasSize(Permission.values().length);
    for (Role role : Role.values()) {
      assertThat(Role.parse(role.wireName())).contains(role);
    }
    assertThat(Role.parse("Admin")).isEmpty();
  }

  private static Set<Permission> granted(Role role) {
    return Arrays.stream(Permission.values())
        .filter(permission -> permission.grants(role))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
  }
}
