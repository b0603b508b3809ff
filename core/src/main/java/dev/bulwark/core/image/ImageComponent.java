package dev.bulwark.core.image;

/** A package found in an image. */
public record ImageComponent(String name, String version) {}
