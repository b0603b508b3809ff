package dev.bulwark.policy.criteria;

import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.EnvVar;

/** One environment variable of a container. */
public record EnvironmentElement(Container container, EnvVar variable) {}
