package dev.bulwark.scanner.sbom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a CycloneDX JSON BOM a scan needs: the metadata component (the subject) and
 * every component, nested ones included, with type, bom-ref, name, version, Package URL,
 * description and bulwark's properties. Not thread-safe; one instance per document.
 */
final class CycloneDxJsonReader {
  /** The CycloneDX versions read (JSON exists from 1.2); their components are alike. */
  static final Set<String> VERSIONS = Set.of("1.2", "1.3", "1.4", "1.5", "1.6", "1.7");

  private final JsonCursor cursor;
  private final ComponentCount count;
  private final List<SbomComponent> components = new ArrayList<>();
  private @Nullable SbomComponent subject;

  private CycloneDxJsonReader(JsonCursor cursor, ComponentCount count) {
    this.cursor = cursor;
    this.count = count;
  }

  /** Reads the BOM the cursor is on. */
  static SbomDocument read(JsonCursor cursor, String specVersion, ComponentCount count)
      throws IOException, SbomException {
    CycloneDxJsonReader reader = new CycloneDxJsonReader(cursor, count);
    cursor.object("the BOM", reader::bomMember);
    return new SbomDocument(
        "CycloneDX " + specVersion + " JSON", reader.subject, reader.components);
  }

  private void bomMember(String member) throws IOException, SbomException {
    switch (member) {
      case "metadata" -> cursor.object("metadata", this::metadataMember);
      case "components" -> components.addAll(components("/components"));
      default -> cursor.skip();
    }
  }

  private void metadataMember(String member) throws IOException, SbomException {
    if (!member.equals("component")) {
      cursor.skip();
      return;
    }
    List<SbomComponent> read = component("/metadata/component");
    subject = read.getFirst();
    // Components nested in the subject are parts of it: scan them like top-level ones.
    components.addAll(read.subList(1, read.size()));
  }

  private List<SbomComponent> components(String pointer) throws IOException, SbomException {
    List<SbomComponent> read = new ArrayList<>();
    cursor.array(pointer, index -> read.addAll(component(pointer + "/" + index)));
    return read;
  }

  /** The component the cursor is on, followed by the components nested in it. */
  private List<SbomComponent> component(String pointer) throws IOException, SbomException {
    count.add();
    SbomComponent.Builder builder = new SbomComponent.Builder(pointer);
    List<SbomComponent> nested = new ArrayList<>();
    cursor.object(
        pointer,
        member -> {
          switch (member) {
            case "bom-ref" -> builder.reference(cursor.string(pointer, "bom-ref"));
            case "type" -> builder.type(cursor.string(pointer, "type"));
            case "name" -> builder.name(cursor.string(pointer, "name"));
            case "version" -> builder.version(cursor.string(pointer, "version"));
            case "purl" -> builder.purl(cursor.string(pointer, "purl"));
            case "description" -> builder.description(cursor.string(pointer, "description"));
            case "properties" ->
                cursor.array(
                    pointer + "/properties",
                    index -> property(pointer + "/properties/" + index, builder));
            case "components" -> nested.addAll(components(pointer + "/components"));
            default -> cursor.skip();
          }
        });
    List<SbomComponent> read = new ArrayList<>();
    read.add(builder.build());
    read.addAll(nested);
    return read;
  }

  private void property(String pointer, SbomComponent.Builder builder)
      throws IOException, SbomException {
    Property property = new Property();
    cursor.object(
        pointer,
        member -> {
          switch (member) {
            case "name" -> property.name = cursor.string(pointer, "name");
            case "value" -> property.value = cursor.string(pointer, "value");
            default -> cursor.skip();
          }
        });
    builder.property(property.name, property.value);
  }

  /** A property while its members are read. */
  private static final class Property {
    @Nullable String name;
    @Nullable String value;
  }
}
