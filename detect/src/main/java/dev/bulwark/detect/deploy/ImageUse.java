package dev.bulwark.detect.deploy;

/**
 * An image a workload references, where it is first referenced.
 *
 * @param reference the image as written in the container
 * @param file the input file
 * @param line 1-based line of the container's {@code image} field, 0 when unknown
 */
public record ImageUse(String reference, String file, int line) {}
