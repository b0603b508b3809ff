package dev.bulwark.vulndb.osv;

import org.jspecify.annotations.Nullable;

/**
 * The package of an affected entry.
 *
 * @param ecosystem the ecosystem as written, including a release when there is one, such as {@code
 *     PyPI}, {@code Debian:12} or {@code AlmaLinux:10}
 * @param name the package name as written in the record
 * @param purl the package URL, or null
 */
public record OsvPackage(String ecosystem, String name, @Nullable String purl) {}
