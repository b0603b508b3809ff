package dev.bulwark.scanner.sbom;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parts of a CycloneDX XML BOM a scan needs, as {@link CycloneDxJsonReader} does for
 * JSON, with the JDK's streaming XML parser. Document type declarations and external entities are
 * refused, so entity expansion cannot blow up or reach out. Not thread-safe; one instance per
 * document.
 */
final class CycloneDxXmlReader {
  private static final String NAMESPACE = "http://cyclonedx.org/schema/bom/";
  private static final int MAXIMUM_NESTING = 40;

  private final XMLStreamReader xml;
  private final String file;
  private final ComponentCount count;
  private final List<SbomComponent> components = new ArrayList<>();
  private @Nullable SbomComponent subject;

  private CycloneDxXmlReader(XMLStreamReader xml, String file, ComponentCount count) {
    this.xml = xml;
    this.file = file;
    this.count = count;
  }

  /**
   * Reads the BOM in {@code in}.
   *
   * @param file the file for messages
   */
  static SbomDocument read(InputStream in, String file, ComponentCount count) throws SbomException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      try {
        return new CycloneDxXmlReader(xml, file, count).bom();
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new SbomException(where(file, e.getLocation()) + ": not valid XML: " + reason(e), e);
    }
  }

  private SbomDocument bom() throws XMLStreamException, SbomException {
    int event = xml.next();
    while (event != XMLStreamConstants.START_ELEMENT) {
      if (event == XMLStreamConstants.DTD) {
        throw error(
            "document type declarations (<!DOCTYPE ...>) are refused; CycloneDX needs none");
      }
      if (event == XMLStreamConstants.END_DOCUMENT) {
        throw error("no root element");
      }
      event = xml.next();
    }
    String namespace = xml.getNamespaceURI();
    String version =
        namespace != null && namespace.startsWith(NAMESPACE)
            ? namespace.substring(NAMESPACE.length())
            : "";
    if (!xml.getLocalName().equals("bom") || !CycloneDxJsonReader.VERSIONS.contains(version)) {
      throw error(
          "not a CycloneDX BOM bulwark reads: expected a <bom> element in the namespace "
              + NAMESPACE
              + "1.2 to 1.7, found <"
              + xml.getLocalName()
              + ">"
              + (namespace == null ? "" : " in " + namespace));
    }
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      switch (xml.getLocalName()) {
        case "metadata" -> metadata();
        case "components" -> components.addAll(components("/bom/components", 0));
        default -> skipElement();
      }
    }
    return new SbomDocument("CycloneDX " + version + " XML", subject, components);
  }

  private void metadata() throws XMLStreamException, SbomException {
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      if (xml.getLocalName().equals("component")) {
        List<SbomComponent> read = component("/bom/metadata/component", 0);
        subject = read.getFirst();
        components.addAll(read.subList(1, read.size()));
      } else {
        skipElement();
      }
    }
  }

  private List<SbomComponent> components(String path, int nesting)
      throws XMLStreamException, SbomException {
    if (nesting > MAXIMUM_NESTING) {
      throw error("components nested more than " + MAXIMUM_NESTING + " levels deep");
    }
    List<SbomComponent> read = new ArrayList<>();
    int index = 0;
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      if (xml.getLocalName().equals("component")) {
        read.addAll(component(path + "/component[" + ++index + "]", nesting));
      } else {
        skipElement();
      }
    }
    return read;
  }

  /** The component the reader is on, followed by the components nested in it. */
  private List<SbomComponent> component(String path, int nesting)
      throws XMLStreamException, SbomException {
    count.add();
    SbomComponent.Builder builder =
        new SbomComponent.Builder(path)
            .reference(xml.getAttributeValue(null, "bom-ref"))
            .type(xml.getAttributeValue(null, "type"));
    List<SbomComponent> nested = new ArrayList<>();
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      switch (xml.getLocalName()) {
        case "name" -> builder.name(xml.getElementText());
        case "version" -> builder.version(xml.getElementText());
        case "purl" -> builder.purl(xml.getElementText());
        case "description" -> builder.description(xml.getElementText());
        case "properties" -> properties(builder);
        case "components" -> nested.addAll(components(path + "/components", nesting + 1));
        default -> skipElement();
      }
    }
    List<SbomComponent> read = new ArrayList<>();
    read.add(builder.build());
    read.addAll(nested);
    return read;
  }

  private void properties(SbomComponent.Builder builder) throws XMLStreamException {
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      if (xml.getLocalName().equals("property")) {
        String name = xml.getAttributeValue(null, "name");
        builder.property(name, xml.getElementText());
      } else {
        skipElement();
      }
    }
  }

  /** Skips the element the reader is on, with everything in it, without recursion. */
  private void skipElement() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private SbomException error(String message) {
    return new SbomException(where(file, xml.getLocation()) + ": " + message);
  }

  private static String where(String file, @Nullable Location location) {
    return location == null
        ? file
        : file + ":" + location.getLineNumber() + ":" + location.getColumnNumber();
  }

  // The JDK's messages repeat the position the caller already gives ("ParseError at [row,col]").
  private static String reason(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int start = message.indexOf("Message: ");
    return start < 0 ? message : message.substring(start + "Message: ".length());
  }
}
