package dev.bulwark.core.image;

/** One instruction of the image history, e.g. {@code RUN} / {@code apt-get update}. */
public record DockerfileLine(String instruction, String value) {}
