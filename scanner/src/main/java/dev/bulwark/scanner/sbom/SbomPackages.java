package dev.bulwark.scanner.sbom;

import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsPackages;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import dev.bulwark.scanner.analyzer.python.PythonAnalyzer;
import dev.bulwark.scanner.analyzer.rpm.RpmDatabaseAnalyzer;
import dev.bulwark.scanner.sbom.SbomConventions.SourcePackage;
import dev.bulwark.scanner.scan.ImagePackage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the components of an SBOM into the packages of a scan, identified by their Package URLs,
 * and finds the operating system. Every component that does not become a package, other than the
 * operating system and the image itself, leaves a note. Not thread-safe; one instance per document.
 */
final class SbomPackages {
  /** The analyzer name of the notes. */
  static final String NOTE_SOURCE = "sbom";

  // CycloneDX component types and SPDX purposes that name installed software; others (files,
  // data, devices, sources) are not packages and are counted in one note per type.
  private static final Set<String> PACKAGE_TYPES =
      Set.of("", "library", "application", "framework", "firmware", "install", "archive");
  private static final Pattern DISTRO =
      Pattern.compile("(?:([a-z][a-z0-9._]*(?:-[a-z][a-z0-9._]*)*)-)?([0-9][0-9a-z._+~-]*)");
  private static final String KNOWN_TYPES =
      Arrays.stream(Ecosystem.values())
          .map(Ecosystem::purlType)
          .distinct()
          .collect(Collectors.joining(", "));

  private final String fileName;
  private final String layer;
  private final List<ImagePackage> packages = new ArrayList<>();
  private final List<Note> notes = new ArrayList<>();
  private final Map<String, Integer> notPackages = new TreeMap<>();

  private SbomPackages(String fileName, String layer) {
    this.fileName = fileName;
    this.layer = layer;
  }

  /** The packages and operating system of a document, and notes on what was not used. */
  record Result(@Nullable OsRelease os, List<ImagePackage> packages, List<Note> notes) {
    Result {
      packages = List.copyOf(packages);
      notes = List.copyOf(notes);
    }
  }

  /**
   * Converts a document.
   *
   * @param fileName the SBOM's file name: package paths are {@code fileName#pointer}
   * @param layer what packages give as their layer (the SBOM's digest)
   */
  static Result convert(SbomDocument document, String fileName, String layer) {
    SbomPackages conversion = new SbomPackages(fileName, layer);
    OsRelease os = conversion.operatingSystem(document.components());
    for (SbomComponent component : document.components()) {
      conversion.add(component, os);
    }
    conversion.notPackages.forEach((type, count) ->
        conversion.note(
            fileName,
            count
                + " component(s) of type "
                + type
                + " have no Package URL and are not packages: not scanned"));
    return new Result(os, conversion.packages, conversion.notes);
  }

  private void add(SbomComponent component, @Nullable OsRelease os) {
    String type = component.type();
    if (type.equals("operating-system") || type.equals("container")) {
      return;
    }
    String path = fileName + "#" + component.pointer();
    String text = component.purl();
    if (text == null) {
      if (PACKAGE_TYPES.contains(type)) {
        note(path, "no Package URL, which bulwark identifies packages by: not scanned");
      } else {
        notPackages.merge(type, 1, Integer::sum);
      }
      return;
    }
    PackageUrl purl;
    try {
      purl = PackageUrls.parse(text);
    } catch (MalformedContentException e) {
      note(path, e.reason() + ": not scanned");
      return;
    }
    Optional<Ecosystem> ecosystem = ecosystem(purl.type());
    if (ecosystem.isEmpty()) {
      note(
          path,
          "pkg:"
              + purl.type()
              + " packages are not scanned (bulwark scans "
              + KNOWN_TYPES
              + "): "
              + text);
      return;
    }
    String name = name(purl, ecosystem.get(), component.name());
    if (name == null) {
      note(path, "a Maven Package URL needs the group as namespace: not scanned: " + text);
      return;
    }
    String version = version(purl, component.version());
    if (version == null) {
      note(path, "no version in the Package URL or the component: not scanned: " + text);
      return;
    }
    SourcePackage source = source(component, purl, name, version);
    Package found =
        new Package(
            name,
            version,
            ecosystem.get(),
            purl,
            source.name(),
            source.version(),
            purl.qualifiers().get("arch"),
            path);
    if (os != null) {
      found = OsPackages.attribute(found, os);
    }
    packages.add(new ImagePackage(found, layer));
  }

  /**
   * The operating system: the document's operating-system component, its missing version taken from
   * the distribution Package URLs; without one, the distribution those Package URLs name (namespace
   * and {@code distro} qualifier).
   */
  private @Nullable OsRelease operatingSystem(List<SbomComponent> components) {
    Set<OsRelease> declared = new LinkedHashSet<>();
    Set<OsRelease> fromPurls = new LinkedHashSet<>();
    for (SbomComponent component : components) {
      String name = component.name();
      if (component.type().equals("operating-system") && name != null) {
        declared.add(
            new OsRelease(
                name.strip().toLowerCase(Locale.ROOT),
                component.version(),
                component.description(),
                null));
      }
      OsRelease named = distribution(component.purl());
      if (named != null) {
        fromPurls.add(named);
      }
    }
    if (declared.isEmpty()) {
      return chosen(fromPurls, "the Package URLs name");
    }
    OsRelease os = chosen(declared, "the operating-system components name");
    if (os != null && os.versionId() == null) {
      for (OsRelease named : fromPurls) {
        if (named.id().equals(os.id()) && named.versionId() != null) {
          return new OsRelease(os.id(), named.versionId(), os.prettyName(), named.codename());
        }
      }
    }
    return os;
  }

  private @Nullable OsRelease chosen(Set<OsRelease> candidates, String source) {
    if (candidates.isEmpty()) {
      return null;
    }
    OsRelease first = candidates.iterator().next();
    if (candidates.size() > 1) {
      note(
          fileName,
          source
              + " several operating systems ("
              + candidates.stream().map(SbomPackages::describe).collect(Collectors.joining(", "))
              + "): "
              + describe(first)
              + ", the first, is used for every distribution package");
    }
    return first;
  }

  private static String describe(OsRelease os) {
    return os.versionId() == null ? os.id() : os.id() + " " + os.versionId();
  }

  /** The distribution a distribution package's Package URL names, or null. */
  private static @Nullable OsRelease distribution(@Nullable String text) {
    if (text == null) {
      return null;
    }
    PackageUrl purl;
    try {
      purl = PackageUrls.parse(text);
    } catch (MalformedContentException e) {
      // The component's own conversion reports it.
      return null;
    }
    Optional<Ecosystem> ecosystem = ecosystem(purl.type());
    String namespace = purl.namespace();
    if (ecosystem.isEmpty() || !ecosystem.get().isOperatingSystem() || namespace == null) {
      return null;
    }
    String id = namespace.toLowerCase(Locale.ROOT);
    String distro = purl.qualifiers().get("distro");
    if (distro == null) {
      return new OsRelease(id, null, null, null);
    }
    Matcher matcher = DISTRO.matcher(distro.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      // A code name such as "bookworm": the release is known by name only.
      return new OsRelease(id, null, null, distro.strip());
    }
    return new OsRelease(
        matcher.group(1) == null ? id : matcher.group(1), matcher.group(2), null, null);
  }

  private static Optional<Ecosystem> ecosystem(String purlType) {
    // Several distributions share a type; the first is the package manager's generic one, which
    // OsPackages.attribute refines once the distribution is known.
    return Arrays.stream(Ecosystem.values())
        .filter(ecosystem -> ecosystem.purlType().equals(purlType))
        .findFirst();
  }

  /**
   * The package's name as the analyzers give it ({@code group:artifact}, module path, {@code
   * @scope/name}), spelled as the component spells it when that names the same package; null for
   * a Maven Package URL without a group.
   */
  private static @Nullable String name(
      PackageUrl purl, Ecosystem ecosystem, @Nullable String componentName) {
    String namespace = purl.namespace();
    String fromPurl =
        switch (ecosystem) {
          case MAVEN -> namespace == null ? null : namespace + ":" + purl.name();
          case GO, NPM -> namespace == null ? purl.name() : namespace + "/" + purl.name();
          default -> purl.name();
        };
    if (fromPurl == null || componentName == null) {
      return fromPurl;
    }
    boolean same =
        ecosystem == Ecosystem.PYPI
            ? PythonAnalyzer.normalised(componentName).equals(PythonAnalyzer.normalised(fromPurl))
            : componentName.equalsIgnoreCase(fromPurl);
    return same ? componentName : fromPurl;
  }

  /**
   * The version: the Package URL's (rpm: with the {@code epoch} qualifier in front, as rpm writes
   * it), else the component's; null when neither has one.
   */
  private static @Nullable String version(PackageUrl purl, @Nullable String componentVersion) {
    String version = purl.version();
    if (version == null) {
      return componentVersion;
    }
    String epoch = purl.qualifiers().get("epoch");
    return purl.type().equals("rpm") && epoch != null && version.indexOf(':') < 0
        ? epoch + ":" + version
        : version;
  }

  /**
   * The source package: bulwark's own properties, else the {@code upstream} qualifier ({@code
   * name}, {@code name@version}, or a source rpm file name), else the package itself.
   */
  private static SourcePackage source(
      SbomComponent component, PackageUrl purl, String name, String version) {
    String sourceName = component.properties().get(SbomConventions.SOURCE_NAME_PROPERTY);
    if (sourceName != null) {
      String sourceVersion = component.properties().get(SbomConventions.SOURCE_VERSION_PROPERTY);
      return new SourcePackage(sourceName, sourceVersion == null ? version : sourceVersion);
    }
    String upstream = purl.qualifiers().get("upstream");
    if (upstream == null) {
      return new SourcePackage(name, version);
    }
    if (purl.type().equals("rpm")) {
      RpmDatabaseAnalyzer.SourceRpm rpm = RpmDatabaseAnalyzer.SourceRpm.parse(upstream);
      if (rpm != null) {
        String epoch = purl.qualifiers().get("epoch");
        return new SourcePackage(
            rpm.name(), epoch == null ? rpm.version() : epoch + ":" + rpm.version());
      }
    }
    int at = upstream.indexOf('@');
    return at > 0
        ? new SourcePackage(upstream.substring(0, at), upstream.substring(at + 1))
        : new SourcePackage(upstream, version);
  }

  private void note(String path, String reason) {
    notes.add(new Note(NOTE_SOURCE, path, reason));
  }
}
