package dev.bulwark.policy.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.EventSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValueKindTest {
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(ValueKind.BOOLEAN, "true"),
        Arguments.of(ValueKind.BOOLEAN, "FALSE"),
        Arguments.of(ValueKind.TEXT, "tcp"),
        Arguments.of(ValueKind.REGEX, "(ba|z)?sh"),
        Arguments.of(ValueKind.REGEX, "(https?://)?\\d{1,3}\\:(10250|10255).*"),
        Arguments.of(ValueKind.INTEGER, "90"),
        Arguments.of(ValueKind.COMPARATOR_DECIMAL, "7"),
        Arguments.of(ValueKind.COMPARATOR_DECIMAL, ">= 7.000000"),
        Arguments.of(ValueKind.COMPARATOR_DECIMAL, "<.5"),
        Arguments.of(ValueKind.KEY_VALUE, "owner|team=.+"),
        Arguments.of(ValueKind.KEY_VALUE, "apk-tools="),
        Arguments.of(ValueKind.ANNOTATION, "admission.stackrox.io/break-glass="),
        Arguments.of(ValueKind.ANNOTATION, "owner"),
        Arguments.of(ValueKind.ENVIRONMENT_VARIABLE, "RAW=.*SECRET.*|.*PASSWORD.*="),
        Arguments.of(ValueKind.ENVIRONMENT_VARIABLE, "SECRET_KEY=="),
        Arguments.of(ValueKind.ENVIRONMENT_VARIABLE, "=HOME=/root"),
        Arguments.of(ValueKind.DOCKERFILE_LINE, "RUN=(/bin/sh -c)?\\s*apk update\\s*"),
        Arguments.of(ValueKind.DOCKERFILE_LINE, "=.*"),
        Arguments.of(ValueKind.ADD_CAPABILITY, "sys_admin"),
        Arguments.of(ValueKind.DROP_CAPABILITY, "ALL"),
        Arguments.of(ValueKind.RBAC_LEVEL, "cluster_admin"),
        Arguments.of(ValueKind.PORT_EXPOSURE, "ROUTE"),
        Arguments.of(ValueKind.MOUNT_PROPAGATION, "BIDIRECTIONAL"),
        Arguments.of(ValueKind.SECCOMP_PROFILE, "UNCONFINED"),
        Arguments.of(ValueKind.FILE_OPERATION, "PERMISSION_CHANGE"),
        Arguments.of(ValueKind.KUBERNETES_API_VERB, "PATCH"),
        Arguments.of(ValueKind.KUBERNETES_RESOURCE, "PODS_EXEC"),
        Arguments.of(ValueKind.VULNERABILITY_SEVERITY, ">= IMPORTANT"),
        Arguments.of(ValueKind.VULNERABILITY_SEVERITY, "critical"),
        Arguments.of(
            ValueKind.SIGNATURE_INTEGRATION,
            "io.stackrox.signatureintegration.12a37a37-760e-4388-9e79-d62726c075b2"),
        Arguments.of(ValueKind.KUBERNETES_NAME, "system:serviceaccount:kube-system:default"),
        Arguments.of(ValueKind.IP_ADDRESS, "10.0.0.1"),
        Arguments.of(ValueKind.IP_ADDRESS, "fe80::1"),
        Arguments.of(ValueKind.IP_ADDRESS, "2001:db8:0:0:0:0:0:1"),
        Arguments.of(ValueKind.FILE_PATH, "/etc/**/*.conf"),
        Arguments.of(ValueKind.FILE_PATH, "/etc/[ps]asswd"));
  }

  @ParameterizedTest(name = "{0} accepts {1}")
  @MethodSource("accepted")
  void acceptsValidValues(ValueKind kind, String value) {
    assertThat(kind.check(value, EventSource.DEPLOYMENT_EVENT)).isEmpty();
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(ValueKind.BOOLEAN, "yes", "\"yes\" is not accepted; use one of true, false"),
        Arguments.of(ValueKind.TEXT, "  ", "the value is blank"),
        Arguments.of(ValueKind.REGEX, "a(b", "is not a valid RE2 regular expression"),
        Arguments.of(ValueKind.REGEX, "(?<=a)b", "is not a valid RE2 regular expression"),
        Arguments.of(ValueKind.INTEGER, "-1", "is not a whole number of days"),
        Arguments.of(ValueKind.COMPARATOR_DECIMAL, "= 7", "is not a number"),
        Arguments.of(ValueKind.COMPARATOR_DECIMAL, "7.", "is not a number"),
        Arguments.of(ValueKind.KEY_VALUE, "=value", "non-empty key"),
        Arguments.of(ValueKind.KEY_VALUE, "owner", "non-empty key"),
        Arguments.of(ValueKind.KEY_VALUE, "owner=[", "the value \"[\" is not a valid RE2"),
        Arguments.of(ValueKind.ANNOTATION, "", "blank"),
        Arguments.of(ValueKind.ENVIRONMENT_VARIABLE, "RAW=key", "is not SOURCE=name=value"),
        Arguments.of(ValueKind.ENVIRONMENT_VARIABLE, "RAW=(=x", "the variable name"),
        Arguments.of(ValueKind.DOCKERFILE_LINE, "RUN apt-get", "is not INSTRUCTION=regex"),
        Arguments.of(ValueKind.ADD_CAPABILITY, "ALL", "ALL cannot be added"),
        Arguments.of(ValueKind.ADD_CAPABILITY, "CAP_SYS_ADMIN", "without it: SYS_ADMIN"),
        Arguments.of(ValueKind.DROP_CAPABILITY, "SYS_SUPERPOWER", "is not a Linux capability"),
        Arguments.of(ValueKind.RBAC_LEVEL, "ADMIN", "use one of DEFAULT"),
        Arguments.of(ValueKind.KUBERNETES_RESOURCE, "SECRETS", "use one of PODS_EXEC"),
        Arguments.of(
            ValueKind.VULNERABILITY_SEVERITY, ">= HIGH", "is not a vulnerability severity"),
        Arguments.of(ValueKind.SIGNATURE_INTEGRATION, "io.stackrox.signatureintegration.x", "id"),
        Arguments.of(ValueKind.KUBERNETES_NAME, "-admin", "is not a Kubernetes user or group name"),
        Arguments.of(ValueKind.IP_ADDRESS, "10.0.0", "is not an IPv4 or IPv6 address"),
        Arguments.of(ValueKind.FILE_PATH, "/etc/../root", "contains '..'"),
        Arguments.of(ValueKind.FILE_PATH, "/etc/[ab", "unbalanced glob"));
  }

  @ParameterizedTest(name = "{0} rejects {1}")
  @MethodSource("rejected")
  void rejectsInvalidValuesSayingWhy(ValueKind kind, String value, String reason) {
    assertThat(kind.check(value, EventSource.DEPLOYMENT_EVENT))
        .hasValueSatisfying(message -> assertThat(message).contains(reason));
  }

  @Test
  void auditLogPoliciesUseAuditedResources() {
    assertThat(
            ValueKind.KUBERNETES_RESOURCE.check(
                "CLUSTER_ROLE_BINDINGS", EventSource.AUDIT_LOG_EVENT))
        .isEmpty();
    assertThat(ValueKind.KUBERNETES_RESOURCE.check("PODS_EXEC", EventSource.AUDIT_LOG_EVENT))
        .isPresent();
  }

  @ParameterizedTest
  @EnumSource(PolicyField.class)
  void exactLookupFindsEveryFieldByItsStackRoxName(PolicyField field) {
    assertThat(PolicyField.byExactName(field.fieldName())).contains(field);
  }

  @Test
  void exactLookupRejectsCaseVariantsThatTheLenientLookupForgives() {
    assertThat(PolicyField.byExactName("privileged container")).isEmpty();
    assertThat(PolicyField.byName("privileged container"))
        .contains(PolicyField.PRIVILEGED_CONTAINER);
  }

  @Test
  void valueKindsFollowTheValueFormats() {
    assertThat(PolicyField.PRIVILEGED_CONTAINER.valueKind()).isEqualTo(ValueKind.BOOLEAN);
    assertThat(PolicyField.CVSS.valueKind()).isEqualTo(ValueKind.COMPARATOR_DECIMAL);
    assertThat(PolicyField.PROCESS_NAME.valueKind()).isEqualTo(ValueKind.REGEX);
    assertThat(PolicyField.ENVIRONMENT_VARIABLE.valueKind())
        .isEqualTo(ValueKind.ENVIRONMENT_VARIABLE);
    assertThat(PolicyField.SEVERITY.valueKind()).isEqualTo(ValueKind.VULNERABILITY_SEVERITY);
  }
}
