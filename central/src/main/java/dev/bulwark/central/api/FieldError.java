package dev.bulwark.central.api;

/**
 * One thing wrong with a request body.
 *
 * @param pointer where, as a JSON Pointer into the body (RFC 6901), e.g. {@code /name}; empty for
 *     the body as a whole
 * @param detail what is wrong and what is expected
 */
public record FieldError(String pointer, String detail) {}
