package dev.bulwark.core.context;

import org.jspecify.annotations.Nullable;

/**
 * A port of a workload and how it is exposed. {@code nodePort} is set for NodePort and LoadBalancer
 * services (and the host port for HOST exposure), else 0; when a wider exposure such as an Ingress
 * reaches a port that a node or host port also opens, that port is kept. {@code via} names the
 * Service, Ingress or Route that exposes it (null for container ports and host ports).
 */
public record ExposedPort(
    int containerPort,
    String protocol,
    PortExposure exposure,
    int nodePort,
    @Nullable String via) {}
