package dev.bulwark.policy.engine;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Test builders for image data and providers. */
public final class TestImages {
  private TestImages() {}

  public static DataBuilder data() {
    return new DataBuilder();
  }

  public static VulnerabilityBuilder vulnerability(String cve) {
    return new VulnerabilityBuilder(cve);
  }

  /** A provider that knows the given images by full name and nothing else. */
  public static ImageDataProvider provider(Map<String, ImageData> images) {
    Map<String, ImageData> copy = Map.copyOf(images);
    return image -> Optional.ofNullable(copy.get(image.fullName()));
  }

  public static ImageDataProvider provider(String image, ImageData data) {
    return provider(Map.of(image, data));
  }

  /** A provider that knows no image (unlike {@link ImageDataProvider#NONE}, it was asked). */
  public static ImageDataProvider knowsNothing() {
    return image -> Optional.empty();
  }

  public static Instant daysAgo(long days) {
    return TestWorkloads.NOW.minusSeconds(days * 86_400);
  }

  /** Builds scanned image data with nothing in it. */
  public static final class DataBuilder {
    private boolean scanned = true;
    private @Nullable String os = "debian:12";
    private @Nullable String user = "1000";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<ImageComponent> components = new ArrayList<>();
    private final List<ImageVulnerability> vulnerabilities = new ArrayList<>();
    private final List<DockerfileLine> dockerfile = new ArrayList<>();
    private @Nullable Instant created = daysAgo(5);
    private @Nullable Instant scanTime = daysAgo(1);
    private final List<String> verifiedBy = new ArrayList<>();
    private final Map<String, String> unknownFields = new LinkedHashMap<>();

    public DataBuilder scanned(boolean value) {
      scanned = value;
      return this;
    }

    public DataBuilder os(@Nullable String value) {
      os = value;
      return this;
    }

    public DataBuilder user(@Nullable String value) {
      user = value;
      return this;
    }

    public DataBuilder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public DataBuilder component(String name, String version) {
      components.add(new ImageComponent(name, version));
      return this;
    }

    public DataBuilder vulnerability(VulnerabilityBuilder vulnerability) {
      vulnerabilities.add(vulnerability.build());
      return this;
    }

    public DataBuilder line(String instruction, String value) {
      dockerfile.add(new DockerfileLine(instruction, value));
      return this;
    }

    public DataBuilder created(@Nullable Instant value) {
      created = value;
      return this;
    }

    public DataBuilder scanTime(@Nullable Instant value) {
      scanTime = value;
      return this;
    }

    public DataBuilder verifiedBy(String integration) {
      verifiedBy.add(integration);
      return this;
    }

    /** Declares a field unknown, as a provider that has not got its data does. */
    public DataBuilder unknown(String field, String reason) {
      unknownFields.put(field, reason);
      return this;
    }

    public ImageData build() {
      return new ImageData(
          scanned,
          os,
          user,
          labels,
          components,
          vulnerabilities,
          dockerfile,
          created,
          scanTime,
          verifiedBy,
          unknownFields);
    }
  }

  /** Builds a vulnerability: moderate, unfixed, in openssl 3.0.1, with no dates. */
  public static final class VulnerabilityBuilder {
    private final String cve;
    private ImageComponent component = new ImageComponent("openssl", "3.0.1");
    private double cvss = 5.0;
    private double nvdCvss;
    private VulnerabilitySeverity severity = VulnerabilitySeverity.MODERATE;
    private String fixedBy = "";
    private @Nullable Instant published;
    private @Nullable Instant fixAvailable;
    private @Nullable Instant firstSeenInImage;
    private @Nullable Instant firstSeenInSystem;

    private VulnerabilityBuilder(String cve) {
      this.cve = cve;
    }

    public VulnerabilityBuilder component(String name, String version) {
      component = new ImageComponent(name, version);
      return this;
    }

    public VulnerabilityBuilder cvss(double value) {
      cvss = value;
      return this;
    }

    public VulnerabilityBuilder nvdCvss(double value) {
      nvdCvss = value;
      return this;
    }

    public VulnerabilityBuilder severity(VulnerabilitySeverity value) {
      severity = value;
      return this;
    }

    public VulnerabilityBuilder fixedBy(String value) {
      fixedBy = value;
      return this;
    }

    public VulnerabilityBuilder published(Instant value) {
      published = value;
      return this;
    }

    public VulnerabilityBuilder fixAvailable(Instant value) {
      fixAvailable = value;
      return this;
    }

    public VulnerabilityBuilder firstSeenInImage(Instant value) {
      firstSeenInImage = value;
      return this;
    }

    public VulnerabilityBuilder firstSeenInSystem(Instant value) {
      firstSeenInSystem = value;
      return this;
    }

    ImageVulnerability build() {
      return new ImageVulnerability(
          cve,
          component,
          cvss,
          nvdCvss,
          severity,
          fixedBy,
          published,
          fixAvailable,
          firstSeenInImage,
          firstSeenInSystem);
    }
  }
}
