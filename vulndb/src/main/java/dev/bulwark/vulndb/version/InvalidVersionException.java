package dev.bulwark.vulndb.version;

/** A version string that its scheme cannot parse. The message says what is wrong and why. */
public final class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final VersionScheme scheme;
  private final String version;

  /**
   * Creates the exception for {@code version} of {@code scheme}; {@code reason} says which part is
   * wrong.
   */
  public InvalidVersionException(VersionScheme scheme, String version, String reason) {
    super(
        "invalid "
            + scheme.displayName()
            + " version \""
            + version
            + "\": "
            + reason
            + " (expected "
            + scheme.syntax()
            + ")");
    this.scheme = scheme;
    this.version = version;
  }

  /** The scheme that rejected the version. */
  public VersionScheme scheme() {
    return scheme;
  }

  /** The rejected version, as given. */
  public String version() {
    return version;
  }
}
