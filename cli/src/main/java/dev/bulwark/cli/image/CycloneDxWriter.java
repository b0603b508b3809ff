package dev.bulwark.cli.sbom;

import dev.bulwark.cli.image.ScanOrder;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Writes an image scan as a CycloneDX 1.6 JSON BOM: the image as the metadata component
 * (container), the operating system as a component, one library component per package with its
 * Package URL and the properties {@code bulwark:layer}, {@code bulwark:path} and, when the package
 * names another source, {@code bulwark:sourceName} and {@code bulwark:sourceVersion}.
 */
final class CycloneDxWriter {
  private CycloneDxWriter() {}

  static void write(ImageScan scan, String toolVersion, Writer out) throws IOException {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
    bom.setMetadata(metadata(scan, toolVersion));
    List<Component> components = new ArrayList<>();
    OsRelease os = scan.os();
    if (os != null) {
      Component system = new Component();
      system.setType(Component.Type.OPERATING_SYSTEM);
      system.setBomRef("operating-system");
      system.setName(os.id());
      if (os.versionId() != null) {
        system.setVersion(os.versionId());
      }
      components.add(system);
    }
    int number = 0;
    for (ImagePackage found : ScanOrder.sorted(scan.packages())) {
      components.add(component(found, "package-" + ++number));
    }
    bom.setComponents(components);
    try {
      out.write(new BomJsonGenerator(bom, Version.VERSION_16).toJsonString());
      out.write("\n");
    } catch (GeneratorException e) {
      throw new IOException("cannot write the CycloneDX document: " + e.getMessage(), e);
    }
  }

  private static Metadata metadata(ImageScan scan, String toolVersion) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(scan.scanTime()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("bulwark");
    tool.setVersion(toolVersion);
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    image.setBomRef("image");
    image.setName(scan.reference());
    String digest = scan.digest();
    if (digest != null) {
      image.setVersion(digest);
    }
    metadata.setComponent(image);
    return metadata;
  }

  private static Component component(ImagePackage found, String reference) {
    Package item = found.found();
    Component component = new Component();
    component.setType(Component.Type.LIBRARY);
    component.setBomRef(reference);
    component.setName(item.name());
    component.setVersion(item.version());
    component.setPurl(item.purl().toString());
    component.addProperty(new Property("bulwark:ecosystem", item.ecosystem().osvName()));
    component.addProperty(new Property("bulwark:layer", found.layer()));
    component.addProperty(new Property("bulwark:path", item.path()));
    if (!item.sourceName().equals(item.name()) || !item.sourceVersion().equals(item.version())) {
      component.addProperty(new Property("bulwark:sourceName", item.sourceName()));
      component.addProperty(new Property("bulwark:sourceVersion", item.sourceVersion()));
    }
    return component;
  }
}
