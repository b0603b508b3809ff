package dev.bulwark.scanner.image;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An image platform, {@code os/architecture[/variant]} as in {@code --platform linux/arm64/v8}.
 *
 * @param os operating system, lower case, e.g. {@code linux}
 * @param architecture CPU architecture in Go's naming, e.g. {@code amd64}, {@code arm64}
 * @param variant CPU variant, e.g. {@code v8}; null when unspecified
 */
public record Platform(String os, String architecture, @Nullable String variant) {
  /** The platform chosen when none is given. */
  public static final Platform DEFAULT = new Platform("linux", "amd64", null);

  /** Validates that os and architecture are not blank. */
  public Platform {
    if (os.isBlank() || architecture.isBlank()) {
      throw new IllegalArgumentException("platform needs an os and an architecture");
    }
    if (variant != null && variant.isBlank()) {
      variant = null;
    }
  }

  /**
   * Parses {@code os/arch[/variant]}.
   *
   * @throws ImageException when the text has not two or three non-empty parts
   */
  public static Platform parse(String text) {
    String[] parts = text.strip().toLowerCase(Locale.ROOT).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new ImageException(
          "invalid platform '" + text + "': expected os/architecture[/variant], e.g. linux/arm64");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * Whether a platform described by an image index entry or a config satisfies this requested one.
   * A requested platform without a variant accepts any variant; {@code arm64} without a variant
   * also matches {@code arm64/v8}, the only arm64 variant in use.
   */
  public boolean matches(Platform offered) {
    if (!os.equals(offered.os) || !architecture.equals(offered.architecture)) {
      return false;
    }
    if (variant == null || offered.variant == null) {
      return variant == null || ("arm64".equals(architecture) && "v8".equals(variant));
    }
    return variant.equals(offered.variant);
  }

  @Override
  public String toString() {
    return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }
}
