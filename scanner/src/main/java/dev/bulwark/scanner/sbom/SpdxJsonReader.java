package dev.bulwark.scanner.sbom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of an SPDX 2 JSON document a scan needs: every package with SPDXID, name,
 * version, purpose, description, source information and its {@code purl} external reference, and
 * what the document describes ({@code documentDescribes}, {@code DESCRIBES} relationships). Not
 * thread-safe; one instance per document.
 */
final class SpdxJsonReader {
  private final JsonCursor cursor;
  private final ComponentCount count;
  private final List<SbomComponent> packages = new ArrayList<>();
  private final Set<String> described = new LinkedHashSet<>();

  private SpdxJsonReader(JsonCursor cursor, ComponentCount count) {
    this.cursor = cursor;
    this.count = count;
  }

  /** Reads the document the cursor is on. */
  static SbomDocument read(JsonCursor cursor, String spdxVersion, ComponentCount count)
      throws IOException, SbomException {
    SpdxJsonReader reader = new SpdxJsonReader(cursor, count);
    cursor.object("the SPDX document", reader::documentMember);
    return new SbomDocument(
        spdxVersion + " JSON",
        SpdxDocuments.subject(reader.packages, reader.described),
        reader.packages);
  }

  private void documentMember(String member) throws IOException, SbomException {
    switch (member) {
      case "packages" -> cursor.array("/packages", index -> packageAt("/packages/" + index));
      case "documentDescribes" ->
          cursor.array(
              "/documentDescribes",
              index -> addDescribed(cursor.string("/documentDescribes/" + index)));
      case "relationships" ->
          cursor.array("/relationships", index -> relationship("/relationships/" + index));
      default -> cursor.skip();
    }
  }

  private void addDescribed(@Nullable String id) {
    if (id != null) {
      described.add(id);
    }
  }

  private void packageAt(String pointer) throws IOException, SbomException {
    count.add();
    SbomComponent.Builder builder = new SbomComponent.Builder(pointer);
    cursor.object(
        pointer,
        member -> {
          switch (member) {
            case "SPDXID" -> builder.reference(cursor.string(pointer, "SPDXID"));
            case "name" -> builder.name(cursor.string(pointer, "name"));
            case "versionInfo" -> builder.version(cursor.string(pointer, "versionInfo"));
            case "primaryPackagePurpose" ->
                builder.type(SpdxDocuments.type(cursor.string(pointer, "primaryPackagePurpose")));
            case "description" -> builder.description(cursor.string(pointer, "description"));
            case "sourceInfo" ->
                SpdxDocuments.sourceInfo(builder, cursor.string(pointer, "sourceInfo"));
            case "externalRefs" ->
                cursor.array(
                    pointer + "/externalRefs",
                    index -> externalReference(pointer + "/externalRefs/" + index, builder));
            default -> cursor.skip();
          }
        });
    packages.add(builder.build());
  }

  private void externalReference(String pointer, SbomComponent.Builder builder)
      throws IOException, SbomException {
    ExternalReference reference = new ExternalReference();
    cursor.object(
        pointer,
        member -> {
          switch (member) {
            case "referenceType" -> reference.type = cursor.string(pointer, "referenceType");
            case "referenceLocator" ->
                reference.locator = cursor.string(pointer, "referenceLocator");
            default -> cursor.skip();
          }
        });
    if ("purl".equalsIgnoreCase(reference.type)) {
      builder.purl(reference.locator);
    }
  }

  private void relationship(String pointer) throws IOException, SbomException {
    Relationship relationship = new Relationship();
    cursor.object(
        pointer,
        member -> {
          switch (member) {
            case "spdxElementId" -> relationship.element = cursor.string(pointer, "spdxElementId");
            case "relationshipType" ->
                relationship.type = cursor.string(pointer, "relationshipType");
            case "relatedSpdxElement" ->
                relationship.related = cursor.string(pointer, "relatedSpdxElement");
            default -> cursor.skip();
          }
        });
    SpdxDocuments.relationship(
        described, relationship.element, relationship.type, relationship.related);
  }

  /** An external reference while its members are read. */
  private static final class ExternalReference {
    @Nullable String type;
    @Nullable String locator;
  }

  /** A relationship while its members are read. */
  private static final class Relationship {
    @Nullable String element;
    @Nullable String type;
    @Nullable String related;
  }
}
