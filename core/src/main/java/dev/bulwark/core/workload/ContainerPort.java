package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import org.jspecify.annotations.Nullable;

/** A port a container declares. {@code protocol} is upper case (TCP by default). */
public record ContainerPort(
    @Nullable String name, int containerPort, int hostPort, String protocol, FieldPath path) {}
