/**
 * Software bills of materials as scan input. {@link dev.bulwark.scanner.sbom.SbomReader} reads a
 * CycloneDX (JSON or XML, 1.2 to 1.7) or SPDX 2.2/2.3 (JSON or tag-value) document and turns the
 * packages it lists, identified by their Package URLs, into an {@link
 * dev.bulwark.scanner.scan.ImageScan}, so that vulnerability matching, reports and policies treat
 * it like a scanned image. Documents are read as streams with caps on size, nesting and component
 * count; what cannot be used becomes a note or a clear error, never a silent gap.
 */
@NullMarked
package dev.bulwark.scanner.sbom;

import org.jspecify.annotations.NullMarked;
