package dev.bulwark.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortExposureTest {
  private static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        template:
          metadata:
            labels: {app: web, tier: front}
          spec:
            containers:
            - name: app
              image: web
              ports:
              - {name: http, containerPort: 8080}
              - {name: metrics, containerPort: 9090}
            - name: dns
              image: dns
              ports:
              - {name: dns-udp, containerPort: 53, protocol: UDP}
              - {name: dns-tcp, containerPort: 53}
      """;

  @Test
  void listsDeclaredPortsAsUnsetWhenNothingExposesThem() {
    assertThat(ContextFixture.contextOf(WEB).exposedPorts())
        .containsExactly(
            new ExposedPort(8080, "TCP", PortExposure.UNSET, 0, null),
            new ExposedPort(9090, "TCP", PortExposure.UNSET, 0, null),
            new ExposedPort(53, "UDP", PortExposure.UNSET, 0, null),
            new ExposedPort(53, "TCP", PortExposure.UNSET, 0, null));
  }

  @Test
  void hostPortExposesOnTheHost() {
    WorkloadContext context =
        ContextFixture.contextOf(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: agent}
            spec:
              containers:
              - name: agent
                ports:
                - {containerPort: 9100, hostPort: 19100}
            """);

    assertThat(context.exposedPorts())
        .containsExactly(new ExposedPort(9100, "TCP", PortExposure.HOST, 19100, null));
  }

  @Test
  void serviceTypeDecidesTheExposure() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web-internal, namespace: shop}
                spec:
                  selector: {app: web}
                  ports:
                  - {port: 80, targetPort: 8080}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web-node, namespace: shop}
                spec:
                  type: NodePort
                  selector: {app: web}
                  ports:
                  - {port: 9090, nodePort: 30090}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: dns-lb, namespace: shop}
                spec:
                  type: LoadBalancer
                  selector: {tier: front}
                  ports:
                  - {name: dns, port: 53, targetPort: dns-udp, protocol: UDP, nodePort: 31053}
                """);

    assertThat(context.exposedPorts())
        .containsExactly(
            new ExposedPort(8080, "TCP", PortExposure.INTERNAL, 0, "web-internal"),
            new ExposedPort(9090, "TCP", PortExposure.NODE, 30090, "web-node"),
            new ExposedPort(53, "UDP", PortExposure.EXTERNAL, 31053, "dns-lb"),
            new ExposedPort(53, "TCP", PortExposure.UNSET, 0, null));
  }

  @Test
  void servicesThatDoNotSelectThePodsExposeNothing() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: other-namespace, namespace: elsewhere}
                spec: {selector: {app: web}, ports: [{port: 8080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: no-selector, namespace: shop}
                spec: {ports: [{port: 8080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: superset, namespace: shop}
                spec: {selector: {app: web, version: v2}, ports: [{port: 8080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: external-name, namespace: shop}
                spec: {type: ExternalName, externalName: db.example.com, selector: {app: web}}
                ---
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: knative, namespace: shop}
                spec: {selector: {app: web}, ports: [{port: 8080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: unknown-name, namespace: shop}
                spec: {selector: {app: web}, ports: [{port: 80, targetPort: grpc}]}
                """);

    assertThat(context.exposedPorts())
        .extracting(ExposedPort::exposure)
        .containsOnly(PortExposure.UNSET);
  }

  @Test
  void listsServiceTargetPortsNoContainerDeclares() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: extra, namespace: shop}
                spec:
                  selector: {app: web}
                  ports:
                  - {port: 7000}
                  - {port: 80, targetPort: 7001, protocol: SCTP}
                """);

    assertThat(context.exposedPorts())
        .contains(
            new ExposedPort(7000, "TCP", PortExposure.INTERNAL, 0, "extra"),
            new ExposedPort(7001, "SCTP", PortExposure.INTERNAL, 0, "extra"))
        .hasSize(6);
  }

  @Test
  void ingressMakesTheServicePortsItReachesExternal() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {app: web}
                  ports:
                  - {name: http, port: 80, targetPort: http}
                  - {name: metrics, port: 9090}
                  - {name: dns, port: 53, targetPort: 53}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web-by-number, namespace: shop}
                spec:
                  rules:
                  - host: shop.example.com
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service: {name: web, port: {number: 80}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web-by-name, namespace: shop}
                spec:
                  defaultBackend:
                    service: {name: web, port: {name: metrics}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: other-namespace, namespace: elsewhere}
                spec:
                  defaultBackend:
                    service: {name: web, port: {number: 53}}
                """);

    assertThat(context.exposedPorts())
        .containsExactly(
            new ExposedPort(8080, "TCP", PortExposure.EXTERNAL, 0, "web-by-number"),
            new ExposedPort(9090, "TCP", PortExposure.EXTERNAL, 0, "web-by-name"),
            new ExposedPort(53, "UDP", PortExposure.UNSET, 0, null),
            new ExposedPort(53, "TCP", PortExposure.INTERNAL, 0, "web"));
  }

  @Test
  void readsLegacyIngressShapes() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {app: web}
                  ports:
                  - {name: http, port: 80, targetPort: 8080}
                  - {name: metrics, port: 9090}
                ---
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: legacy, namespace: shop}
                spec:
                  backend: {serviceName: web, servicePort: metrics}
                  rules:
                  - http:
                      paths:
                      - backend: {serviceName: web, servicePort: 80}
                """);

    assertThat(context.exposedPorts())
        .filteredOn(port -> port.exposure() == PortExposure.EXTERNAL)
        .extracting(ExposedPort::containerPort)
        .containsExactly(8080, 9090);
  }

  @Test
  void ingressWithoutPortReachesEveryServicePortButKeepsTheNodePort() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  type: NodePort
                  selector: {app: web}
                  ports:
                  - {port: 8080, nodePort: 30080}
                ---
                apiVersion: networking.k8s.io/v1beta1
                kind: Ingress
                metadata: {name: all-ports, namespace: shop}
                spec:
                  backend: {serviceName: web}
                """);

    assertThat(context.exposedPorts())
        .first()
        .isEqualTo(new ExposedPort(8080, "TCP", PortExposure.EXTERNAL, 30080, "all-ports"));
  }

  @Test
  void openShiftRoutesExposeThroughTheirService() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {app: web}
                  ports:
                  - {name: http, port: 80, targetPort: 8080}
                  - {name: metrics, port: 9090}
                  - {name: dns, port: 53}
                ---
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata: {name: by-service-port-name, namespace: shop}
                spec:
                  to: {kind: Service, name: web}
                  port: {targetPort: http}
                ---
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata: {name: by-target-number, namespace: shop}
                spec:
                  to: {name: web}
                  port: {targetPort: 9090}
                ---
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: {name: knative-route, namespace: shop}
                spec:
                  to: {name: web}
                """);

    assertThat(context.exposedPorts())
        .containsExactly(
            new ExposedPort(8080, "TCP", PortExposure.ROUTE, 0, "by-service-port-name"),
            new ExposedPort(9090, "TCP", PortExposure.ROUTE, 0, "by-target-number"),
            new ExposedPort(53, "UDP", PortExposure.UNSET, 0, null),
            new ExposedPort(53, "TCP", PortExposure.INTERNAL, 0, "web"));
  }

  @Test
  void routeWithoutPortReachesEveryPortOfItsBackends() {
    WorkloadContext context =
        ContextFixture.contextOf(
            WEB
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: canary, namespace: shop}
                spec:
                  selector: {app: web}
                  ports: [{port: 8080}, {port: 9090}]
                ---
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata: {name: split, namespace: shop}
                spec:
                  to: {kind: Service, name: stable}
                  alternateBackends:
                  - {kind: Service, name: canary, weight: 10}
                """);

    assertThat(context.exposedPorts())
        .filteredOn(port -> port.exposure() == PortExposure.ROUTE)
        .extracting(ExposedPort::containerPort, ExposedPort::via)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(8080, "split"),
            org.assertj.core.groups.Tuple.tuple(9090, "split"));
  }

  @Test
  void theWidestExposureWins() {
    WorkloadContext context =
        ContextFixture.contextOf(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {app: p}}
            spec:
              containers:
              - name: app
                ports:
                - {containerPort: 1, hostPort: 1}
                - {containerPort: 2}
                - {containerPort: 3, hostPort: 3}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: internal}
            spec: {selector: {app: p}, ports: [{port: 1}, {port: 2}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: node}
            spec: {type: NodePort, selector: {app: p}, ports: [{port: 3, nodePort: 30003}]}
            ---
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: route}
            spec: {to: {name: internal}}
            """);

    assertThat(context.exposedPorts())
        .containsExactly(
            new ExposedPort(1, "TCP", PortExposure.HOST, 1, null),
            new ExposedPort(2, "TCP", PortExposure.ROUTE, 0, "route"),
            new ExposedPort(3, "TCP", PortExposure.NODE, 30003, "node"));
  }
}
