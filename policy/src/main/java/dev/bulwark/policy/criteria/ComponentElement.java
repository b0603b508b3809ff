package dev.bulwark.policy.criteria;

import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.workload.Container;

/** One package of a container's image. */
public record ComponentElement(Container container, ImageComponent component) {}
