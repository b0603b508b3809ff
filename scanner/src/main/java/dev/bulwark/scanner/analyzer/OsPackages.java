package dev.bulwark.scanner.analyzer;

/**
 * Attributes operating system packages to the distribution found in the same filesystem. The
 * package analyzers read one file each and cannot know the distribution: a dpkg database may be
 * Debian's or Ubuntu's, an rpm database Red Hat's or Rocky Linux's.
 */
public final class OsPackages {
  private OsPackages() {}

  /**
   * The package with the distribution's ecosystem, its id as Package URL namespace and a {@code
   * distro} qualifier ({@code debian-12}); other ecosystems' packages are returned unchanged.
   */
  public static Package attribute(Package found, OsRelease os) {
    if (!found.ecosystem().isOperatingSystem()) {
      return found;
    }
    String distro = os.versionId() == null ? os.id() : os.id() + "-" + os.versionId();
    PackageUrl purl = found.purl().withNamespace(os.id()).withQualifier("distro", distro);
    return found.with(ecosystem(found.ecosystem(), os.id()), purl);
  }

  private static Ecosystem ecosystem(Ecosystem packageManager, String id) {
    return switch (packageManager.purlType()) {
      case "deb" -> id.equals("ubuntu") ? Ecosystem.UBUNTU : Ecosystem.DEBIAN;
      case "rpm" ->
          switch (id) {
            case "rocky" -> Ecosystem.ROCKY_LINUX;
            case "almalinux" -> Ecosystem.ALMA_LINUX;
            default -> Ecosystem.RED_HAT;
          };
      default -> packageManager;
    };
  }
}
