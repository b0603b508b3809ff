package dev.bulwark.scanner.analyzer.os;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Content;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.OsFinding;
import dev.bulwark.scanner.analyzer.OsRelease;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The operating system, from os-release(5) files ({@code etc/os-release}, {@code
 * usr/lib/os-release}) and distribution files ({@code etc/debian_version}, {@code
 * etc/alpine-release}, the rpm family's {@code etc/*-release} and {@code etc/lsb-release}). Each
 * file gives one {@link OsFinding}; {@link dev.bulwark.scanner.analyzer.OsFindings} combines them.
 */
public final class OsReleaseAnalyzer implements Analyzer {
  private static final int MAXIMUM_BYTES = 64 << 10;
  private static final int MAXIMUM_RELEASE_LINE = 512;
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");
  private static final Pattern RELEASE_LINE =
      Pattern.compile("(.+?)\\s+release\\s+([0-9][0-9.]*)(?:\\s*\\((.*)\\))?.*");
  private static final Pattern DEBIAN_VERSION = Pattern.compile("([0-9]+)(?:\\.[0-9]+)*");

  /** The rpm family's release file names, and the os-release id each distribution uses. */
  private static final List<Map.Entry<String, String>> RELEASE_NAMES =
      List.of(
          Map.entry("Red Hat Enterprise Linux", "rhel"),
          Map.entry("CentOS Stream", "centos"),
          Map.entry("CentOS", "centos"),
          Map.entry("Rocky Linux", "rocky"),
          Map.entry("AlmaLinux", "almalinux"),
          Map.entry("Fedora", "fedora"),
          Map.entry("Oracle Linux", "ol"),
          Map.entry("Amazon Linux", "amzn"));

  private static final Map<String, OsFinding.Kind> FILES =
      Map.ofEntries(
          Map.entry("etc/os-release", OsFinding.Kind.OS_RELEASE),
          Map.entry("usr/lib/os-release", OsFinding.Kind.VENDOR_OS_RELEASE),
          Map.entry("etc/debian_version", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/alpine-release", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/redhat-release", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/centos-release", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/rocky-release", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/almalinux-release", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/fedora-release", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/oracle-release", OsFinding.Kind.DISTRIBUTION_FILE),
          Map.entry("etc/system-release", OsFinding.Kind.GENERIC_FILE),
          Map.entry("etc/lsb-release", OsFinding.Kind.GENERIC_FILE));

  @Override
  public String name() {
    return "os-release";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return FILES.containsKey(path);
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    OsFinding.Kind kind = FILES.get(file.path());
    if (kind == null) {
      return;
    }
    String text = Content.text(file, MAXIMUM_BYTES);
    Optional<OsRelease> release =
        switch (file.path()) {
          case "etc/os-release", "usr/lib/os-release" -> osRelease(text);
          case "etc/debian_version" -> debianVersion(text);
          case "etc/alpine-release" -> alpineRelease(text);
          case "etc/lsb-release" -> lsbRelease(text);
          default -> releaseLine(text);
        };
    if (release.isEmpty()) {
      throw new MalformedContentException("does not name a distribution; ignored");
    }
    sink.found(new OsFinding(file.path(), kind, release.get()));
  }

  static Optional<OsRelease> osRelease(String text) {
    Map<String, String> values = assignments(text);
    String id = values.get("ID");
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    String codename = values.get("VERSION_CODENAME");
    if (codename == null || codename.isEmpty()) {
      codename = values.get("UBUNTU_CODENAME");
    }
    return Optional.of(
        new OsRelease(
            id.toLowerCase(Locale.ROOT),
            blankToNull(values.get("VERSION_ID")),
            blankToNull(values.get("PRETTY_NAME")),
            blankToNull(codename)));
  }

  /** {@code 12.5} is Debian 12; {@code trixie/sid} names a codename and no version. */
  static Optional<OsRelease> debianVersion(String text) {
    String line = firstLine(text);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    Matcher matcher = DEBIAN_VERSION.matcher(line);
    if (matcher.matches()) {
      return Optional.of(new OsRelease("debian", matcher.group(1), null, null));
    }
    int slash = line.indexOf('/');
    String codename = slash > 0 ? line.substring(0, slash) : line;
    return Optional.of(new OsRelease("debian", null, null, codename));
  }

  static Optional<OsRelease> alpineRelease(String text) {
    String line = firstLine(text);
    return line.isEmpty() || !Character.isDigit(line.charAt(0))
        ? Optional.empty()
        : Optional.of(new OsRelease("alpine", line, null, null));
  }

  static Optional<OsRelease> lsbRelease(String text) {
    Map<String, String> values = assignments(text);
    String id = values.get("DISTRIB_ID");
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new OsRelease(
            id.toLowerCase(Locale.ROOT),
            blankToNull(values.get("DISTRIB_RELEASE")),
            blankToNull(values.get("DISTRIB_DESCRIPTION")),
            blankToNull(values.get("DISTRIB_CODENAME"))));
  }

  /** {@code Rocky Linux release 9.3 (Blue Onyx)}. */
  static Optional<OsRelease> releaseLine(String text) {
    String line = firstLine(text);
    // Real release lines are short; the bound keeps the regular expression linear in effect.
    if (line.length() > MAXIMUM_RELEASE_LINE) {
      return Optional.empty();
    }
    Matcher matcher = RELEASE_LINE.matcher(line);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String distribution = matcher.group(1);
    for (Map.Entry<String, String> name : RELEASE_NAMES) {
      if (distribution.startsWith(name.getKey())) {
        return Optional.of(
            new OsRelease(name.getValue(), matcher.group(2), line, blankToNull(matcher.group(3))));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> assignments(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher matcher = ASSIGNMENT.matcher(line.strip());
      if (matcher.matches()) {
        values.putIfAbsent(matcher.group(1), unquote(matcher.group(2).strip()));
      }
    }
    return values;
  }

  /** Shell-style quoting as os-release(5) allows it: double or single quotes, backslash escapes. */
  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        String inner = value.substring(1, value.length() - 1);
        return first == '"' ? inner.replaceAll("\\\\([\"\\\\$`])", "$1") : inner;
      }
    }
    return value;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
