package dev.bulwark.policy.criteria;

import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.VolumeMount;

/** One volume mount of a container, joined with the pod volume it mounts. */
public record VolumeElement(Container container, VolumeMount mount) {}
