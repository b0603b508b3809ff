/**
 * Version ordering with each ecosystem's own rules (dpkg, apk, RPM, Maven, semver, PEP 440,
 * RubyGems, NuGet).
 */
@NullMarked
package dev.bulwark.vulndb.version;

import org.jspecify.annotations.NullMarked;
