package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.policy.check.CheckHarness.Found;
import org.junit.jupiter.api.Test;

class DanglingIngressCheckTest {
  private static final NativeCheck CHECK = new DanglingIngressCheck();
  private static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80}]
      ---
      """;

  @Test
  void backendsMustNameAServiceAndOneOfItsPorts() {
    String yaml =
        SERVICE
            + """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop, namespace: shop}
            spec:
              defaultBackend:
                service: {name: web, port: {number: 80}}
              rules:
                - http:
                    paths:
                      - path: /a
                        backend:
                          service: {name: web, port: {name: http}}
                      - path: /b
                        backend:
                          service: {name: web, port: {number: 8080}}
                      - path: /c
                        backend:
                          service: {name: web, port: {name: grpc}}
                      - path: /d
                        backend:
                          service: {name: api, port: {number: 80}}
                      - path: /e
                        backend:
                          resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}
            """;

    assertThat(CheckHarness.run(CHECK, yaml))
        .containsExactly(
            new Found(
                "shop",
                "Backend Service \"web\" has no port 8080",
                "spec.rules[0].http.paths[1].backend",
                21),
            new Found(
                "shop",
                "Backend Service \"web\" has no port named \"grpc\"",
                "spec.rules[0].http.paths[2].backend",
                24),
            new Found(
                "shop",
                "Backend Service \"api\" is not in namespace \"shop\" of the input",
                "spec.rules[0].http.paths[3].backend",
                27));
  }

  @Test
  void readsTheOlderBackendShape() {
    String yaml =
        SERVICE
            + """
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: legacy, namespace: shop}
            spec:
              backend: {serviceName: web, servicePort: http}
              rules:
                - http:
                    paths:
                      - backend: {serviceName: web, servicePort: 81}
            """;

    assertThat(CheckHarness.run(CHECK, yaml))
        .extracting(Found::message, Found::path)
        .containsExactly(
            tuple("Backend Service \"web\" has no port 81", "spec.rules[0].http.paths[0].backend"));
  }

  @Test
  void theServiceMustBeInTheIngressNamespace() {
    String yaml =
        SERVICE
            + """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: other}
            spec:
              defaultBackend:
                service: {name: web, port: {number: 80}}
            """;

    assertThat(CheckHarness.run(CHECK, yaml))
        .extracting(Found::message)
        .containsExactly("Backend Service \"web\" is not in namespace \"default\" of the input");
  }
}
