package dev.bulwark.core.manifest;

import dev.bulwark.core.manifest.DocumentSplitter.DocumentSlice;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Parses the YAML documents of one slice with snakeyaml-engine's event parser and builds our trees
 * directly from the events. Skipping snakeyaml's own node graph saves an allocation per node and a
 * recursive walk, and lets {@link TreeAssembler} apply the alias and depth limits while parsing.
 * Plain scalars are typed as Kubernetes types them (see CoreSchema: YAML 1.1 booleans, octal);
 * quoted and block scalars are always strings.
 *
 * <p>Thread-safe: the settings are immutable and each call has its own parser.
 */
final class YamlDocumentParser {
  private static final String STANDARD_TAG_PREFIX = "tag:yaml.org,2002:";

  /**
   * Read buffers from 1 KiB to 1 MiB. snakeyaml copies its look-ahead window on every refill, so a
   * single long token (a large base64 value) costs time quadratic in its length over the buffer
   * size: 4 s for 1 MB with the default 1 KiB buffer. A buffer sized to the document avoids that
   * without making small documents allocate large buffers.
   */
  private static final int SMALLEST_BUFFER_BITS = 10;

  private static final int LARGEST_BUFFER_BITS = 20;

  private final ReadLimits limits;
  private final LoadSettings[] settingsByBufferBits;

  YamlDocumentParser(ReadLimits limits) {
    this.limits = limits;
    this.settingsByBufferBits = new LoadSettings[LARGEST_BUFFER_BITS - SMALLEST_BUFFER_BITS + 1];
    for (int bits = SMALLEST_BUFFER_BITS; bits <= LARGEST_BUFFER_BITS; bits++) {
      // Slices are already known to be within maxDocumentBytes characters, so the code point limit
      // only needs to let them through (snakeyaml's default of 3 MB refuses large valid documents).
      settingsByBufferBits[bits - SMALLEST_BUFFER_BITS] =
          LoadSettings.builder()
              .setCodePointLimit(Math.max(limits.maxDocumentBytes(), 1))
              .setBufferSize(1 << bits)
              .setUseMarks(true)
              .setParseComments(false)
              .build();
    }
  }

  /** Settings whose read buffer holds the whole slice, within the range above. */
  private LoadSettings settingsFor(DocumentSlice slice) {
    int bits = Integer.SIZE - Integer.numberOfLeadingZeros(slice.length());
    int clamped = Math.clamp(bits, SMALLEST_BUFFER_BITS, LARGEST_BUFFER_BITS);
    return settingsByBufferBits[clamped - SMALLEST_BUFFER_BITS];
  }

  /**
   * Parses every document in {@code slice} of {@code text} and hands each root to {@code
   * collector}, in order.
   *
   * @throws InputException at the first problem; documents before it have been handed over
   */
  void parse(String text, DocumentSlice slice, ObjectCollector collector) throws InputException {
    LoadSettings settings = settingsFor(slice);
    Parser parser =
        new ParserImpl(
            settings,
            new StreamReader(settings, new TextRegionReader(text, slice.start(), slice.end())));
    int lineOffset = slice.lineOffset();
    TreeAssembler assembler = new TreeAssembler(limits);
    try {
      while (parser.hasNext()) {
        Event event = parser.next();
        switch (event.getEventId()) {
          case DocumentStart -> assembler = new TreeAssembler(limits);
          case DocumentEnd -> collector.document(assembler.root());
          case MappingStart ->
              assembler.startMap(position(event, lineOffset), anchor((NodeEvent) event));
          case SequenceStart ->
              assembler.startList(position(event, lineOffset), anchor((NodeEvent) event));
          case MappingEnd, SequenceEnd -> assembler.end();
          case Scalar -> scalar((ScalarEvent) event, lineOffset, assembler);
          case Alias ->
              assembler.alias(
                  ((AliasEvent) event).getAlias().getValue(), position(event, lineOffset));
          case StreamStart, StreamEnd, Comment -> {}
        }
      }
    } catch (ReaderException e) {
      throw new InputException(
          positionOfCodePoint(text, slice, e.getPosition()),
          "character U+%04X is not allowed in YAML; is this a binary file?"
              .formatted(e.getCodePoint()));
    } catch (MarkedYamlEngineException e) {
      throw syntaxError(e, slice);
    } catch (YamlEngineException e) {
      throw new InputException(
          new Position(lineOffset + 1, 1), "cannot read this YAML document: " + e.getMessage());
    }
  }

  private static void scalar(ScalarEvent event, int lineOffset, TreeAssembler assembler)
      throws InputException {
    Position position = position(event, lineOffset);
    String value = event.getValue();
    Optional<String> tag = event.getTag();
    ScalarNode.Type type;
    if (tag.isPresent()) {
      type = typeForTag(tag.get(), value, event.isPlain(), position);
    } else {
      type = event.isPlain() ? CoreSchema.resolvePlain(value) : ScalarNode.Type.STRING;
    }
    assembler.scalar(
        new ScalarNode(value, type, position), anchor(event), event.isPlain() && tag.isEmpty());
  }

  /**
   * The type a tag asks for. Standard tags must fit their value; other tags (custom ones such as
   * {@code !Ref}) do not change how the value reads.
   */
  private static ScalarNode.Type typeForTag(
      String tag, String value, boolean plain, Position position) throws InputException {
    if (!tag.startsWith(STANDARD_TAG_PREFIX)) {
      return plain && !tag.equals("!") ? CoreSchema.resolvePlain(value) : ScalarNode.Type.STRING;
    }
    ScalarNode.Type wanted =
        switch (tag.substring(STANDARD_TAG_PREFIX.length())) {
          case "str" -> ScalarNode.Type.STRING;
          case "null" -> ScalarNode.Type.NULL;
          case "bool" -> ScalarNode.Type.BOOLEAN;
          case "int" -> ScalarNode.Type.INTEGER;
          case "float" -> ScalarNode.Type.FLOAT;
          default -> null;
        };
    if (wanted == null) {
      return plain ? CoreSchema.resolvePlain(value) : ScalarNode.Type.STRING;
    }
    ScalarNode.Type found = CoreSchema.resolvePlain(value);
    boolean fits =
        wanted == ScalarNode.Type.STRING
            || found == wanted
            || (wanted == ScalarNode.Type.FLOAT && found == ScalarNode.Type.INTEGER)
            || (wanted == ScalarNode.Type.NULL && value.isEmpty());
    if (!fits) {
      throw new InputException(
          position,
          "value "
              + Messages.quote(value)
              + " does not fit its tag !!"
              + wanted.name().toLowerCase(java.util.Locale.ROOT)
              + "; fix the value or remove the tag");
    }
    return wanted;
  }

  private static @Nullable String anchor(NodeEvent event) {
    Optional<Anchor> anchor = event.getAnchor();
    return anchor.isPresent() ? anchor.get().getValue() : null;
  }

  private static Position position(Event event, int lineOffset) {
    Optional<Mark> mark = event.getStartMark();
    if (mark.isEmpty()) {
      return new Position(lineOffset + 1, 1);
    }
    return new Position(lineOffset + mark.get().getLine() + 1, mark.get().getColumn() + 1);
  }

  private static InputException syntaxError(MarkedYamlEngineException e, DocumentSlice slice) {
    Optional<Mark> problemMark = e.getProblemMark();
    Optional<Mark> mark = problemMark.isPresent() ? problemMark : e.getContextMark();
    Position position =
        mark.isPresent()
            ? new Position(
                slice.lineOffset() + mark.get().getLine() + 1, mark.get().getColumn() + 1)
            : new Position(slice.lineOffset() + 1, 1);
    StringBuilder message = new StringBuilder("invalid YAML: ");
    String problem = e.getProblem();
    message.append(problem == null ? "syntax error" : oneLine(problem));
    String context = e.getContext();
    Optional<Mark> contextMark = e.getContextMark();
    if (context != null && !context.isEmpty() && contextMark.isPresent()) {
      int contextLine = slice.lineOffset() + contextMark.get().getLine() + 1;
      message.append(" (").append(oneLine(context)).append(" at line ").append(contextLine);
      message.append(')');
    }
    return new InputException(position, message.toString());
  }

  private static String oneLine(String text) {
    return text.strip().replace('\n', ' ');
  }

  /** Where the code point with the given index in the slice is, for errors that give an index. */
  private static Position positionOfCodePoint(String text, DocumentSlice slice, int index) {
    int line = slice.lineOffset() + 1;
    int column = 1;
    int offset = slice.start();
    for (int codePoints = 0; codePoints < index && offset < slice.end(); codePoints++) {
      char c = text.charAt(offset);
      if (c == '\n'
          || (c == '\r' && (offset + 1 >= slice.end() || text.charAt(offset + 1) != '\n'))) {
        line++;
        column = 1;
      } else {
        column++;
      }
      offset += Character.isHighSurrogate(c) ? 2 : 1;
    }
    return new Position(line, column);
  }
}
