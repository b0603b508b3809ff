package dev.bulwark.testsupport.kubernetes;

/**
 * The namespace a test runs in: created before the test with the label {@code
 * bulwark.dev/test=true} and deleted after it.
 */
public record TestNamespace(String name) {}
