package dev.bulwark.policy.criteria;

import dev.bulwark.core.context.PortExposure;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import org.jspecify.annotations.Nullable;

/**
 * One port of a container with one way it is exposed.
 *
 * @param nodePort the node or host port it is reachable on, 0 when none
 * @param via the Service, Ingress or Route exposing it, null when none is known
 */
public record PortElement(
    Container container,
    ContainerPort port,
    PortExposure exposure,
    int nodePort,
    @Nullable String via) {}
