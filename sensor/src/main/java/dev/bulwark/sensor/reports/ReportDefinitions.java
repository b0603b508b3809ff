package dev.bulwark.sensor.reports;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The PolicyReport and ClusterPolicyReport CRDs: finds them, and installs them when absent and
 * permitted. Bulwark ships them as {@value #RESOURCE} (the same text as {@code
 * deploy/sensor/policyreport-crds.yaml}).
 */
final class ReportDefinitions {
  static final String RESOURCE = "policyreport-crds.yaml";
  static final String GROUP = "wgpolicyk8s.io";
  static final String VERSION = "v1alpha2";
  private static final long ESTABLISHED_SECONDS = 30;

  private ReportDefinitions() {}

  /** The CRDs Bulwark ships. */
  static List<CustomResourceDefinition> shipped() {
    try (InputStream in = ReportDefinitions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the sensor's jar");
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      List<CustomResourceDefinition> definitions = new ArrayList<>();
      for (String document : text.split("(?m)^---$")) {
        if (document.contains("kind: CustomResourceDefinition")) {
          definitions.add(Serialization.unmarshal(document, CustomResourceDefinition.class));
        }
      }
      return List.copyOf(definitions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes sure both CRDs serve {@value #VERSION}: installs those absent when {@code install}.
   *
   * @return empty when reports can be written, else why not (to log once)
   */
  static Optional<String> ensure(KubernetesClient client, boolean install) {
    for (CustomResourceDefinition definition : shipped()) {
      String name = definition.getMetadata().getName();
      try {
        CustomResourceDefinition present =
            client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        if (present != null) {
          if (!serves(present)) {
            return Optional.of(
                "the CRD "
                    + name
                    + " does not serve "
                    + GROUP
                    + "/"
                    + VERSION
                    + "; reports are off");
          }
          if (!established(present)) {
            // Created a moment ago (by another sensor, or an admin): wait until it is served.
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(name)
                .waitUntilCondition(
                    ReportDefinitions::established, ESTABLISHED_SECONDS, TimeUnit.SECONDS);
          }
          continue;
        }
        if (!install) {
          return Optional.of(
              "the CRD "
                  + name
                  + " is not installed and installing it is turned off; apply"
                  + " deploy/sensor/policyreport-crds.yaml to get reports");
        }
        client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(name)
            .waitUntilCondition(
                ReportDefinitions::established, ESTABLISHED_SECONDS, TimeUnit.SECONDS);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403) {
          return Optional.of(
              "the sensor may not read or create the CRD "
                  + name
                  + "; apply deploy/sensor/policyreport-crds.yaml (or grant create on"
                  + " customresourcedefinitions) to get reports");
        }
        return Optional.of("the CRD " + name + " could not be installed: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static boolean serves(CustomResourceDefinition definition) {
    for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
      if (VERSION.equals(version.getName()) && Boolean.TRUE.equals(version.getServed())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the API server serves the CRD yet; a CRD just created has no conditions at first. */
  private static boolean established(@Nullable CustomResourceDefinition definition) {
    return definition != null
        && definition.getStatus() != null
        && definition.getStatus().getConditions() != null
        && definition.getStatus().getConditions().stream()
            .anyMatch(condition ->
                "Established".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }
}
