package dev.bulwark.policy.criteria;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.workload.Container;

/** One line of the Dockerfile history of a container's image. */
public record DockerfileElement(Container container, DockerfileLine line) {}
