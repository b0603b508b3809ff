package dev.bulwark.policy.exception;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.exception.InvalidExceptionException.Problem;
import dev.bulwark.policy.io.DocumentParser;
import dev.bulwark.policy.io.FieldIssue;
import dev.bulwark.policy.io.FieldReader;
import dev.bulwark.policy.io.MalformedDocumentException;
import dev.bulwark.policy.io.SourceFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Bulwark exception files, YAML or JSON, in either of two shapes:
 *
 * <ul>
 *   <li>a list document {@code exceptions: [ {name, policies, ...}, ... ]};
 *   <li>Kubernetes-style documents {@code apiVersion: bulwark.dev/v1alpha1, kind: PolicyException,
 *       metadata: {name}, spec: {policies, ...}}, several per file as a YAML stream or a {@code
 *       List}.
 * </ul>
 *
 * <p>Fields: {@code name}, {@code owner} and {@code reason} are required; {@code policies} (names
 * or ids) and {@code categories} are lists of which at least one must be given; {@code scope} has
 * {@code cluster}, {@code namespaces}, {@code workloads} and {@code images} (lists of RE2 regular
 * expressions) and {@code labels} (label key to value regex); {@code ticket} is optional; {@code
 * expires} is an RFC 3339 time or a date, which means the end of that day in UTC (the exception
 * stops applying at the start of the next day). Unknown fields are errors.
 *
 * <p>Every problem in every file is collected before {@link InvalidExceptionException} is thrown;
 * exception names must be unique across everything read in one call. Stateless and thread-safe.
 */
public final class ExceptionReader {
  public static final String API_VERSION = "bulwark.dev/v1alpha1";
  public static final String KIND = "PolicyException";

  private static final List<String> EXCEPTION_FIELDS =
      List.of("name", "policies", "categories", "scope", "owner", "reason", "ticket", "expires");
  private static final List<String> SPEC_FIELDS =
      List.of("policies", "categories", "scope", "owner", "reason", "ticket", "expires");
  private static final List<String> SCOPE_FIELDS =
      List.of("cluster", "namespaces", "labels", "workloads", "images");
  private static final Pattern RESOURCE_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private ExceptionReader() {}

  /**
   * Reads every exception file under {@code path} (the file itself, or the .json, .yaml and .yml
   * files below a directory in sorted order).
   *
   * @throws InvalidExceptionException listing every problem, including unreadable files
   */
  public static List<PolicyException> read(Path path) {
    Session session = new Session();
    SourceFiles.forEach(
        path,
        (origin, text) -> session.readText(text, origin),
        (origin, reason) -> session.problems.add(new Problem(origin, "", "", reason)));
    return session.finish();
  }

  /**
   * Parses the exceptions of one text.
   *
   * @param origin names the text in problems and becomes {@link PolicyException#file()}
   * @throws InvalidExceptionException listing every problem
   */
  public static List<PolicyException> parse(String text, String origin) {
    Session session = new Session();
    session.readText(text, origin);
    return session.finish();
  }

  /** One read: the exceptions and problems found so far. */
  private static final class Session {
    private final DocumentParser parser = new DocumentParser(ReadLimits.DEFAULT);
    private final List<PolicyException> exceptions = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> namesSeen = new HashMap<>();

    void readText(String text, String origin) {
      List<Node> documents;
      try {
        documents = parser.parse(text, origin);
      } catch (MalformedDocumentException e) {
        problems.add(new Problem(at(origin, e.position()), "", "", e.reason()));
        return;
      }
      for (Node document : documents) {
        if (document instanceof MapNode root) {
          readDocument(root, origin);
        } else {
          problems.add(
              new Problem(
                  at(origin, document.position()),
                  "",
                  "",
                  "expected \"exceptions: [...]\" or a PolicyException resource"));
        }
      }
    }

    private void readDocument(MapNode root, String origin) {
      FieldReader document = reader(root, origin, "");
      if (root.has("kind") || root.has("apiVersion")) {
        readResource(document, origin);
        return;
      }
      if (!root.has("exceptions")) {
        document.report(
            FieldPath.ROOT, "expected \"exceptions: [...]\" or a PolicyException resource");
        return;
      }
      document.rejectUnknownFields(List.of("exceptions"));
      for (FieldReader item : document.objects("exceptions")) {
        String name = item.string("name", "");
        FieldReader fields = reader(item.node(), origin, name);
        fields.rejectUnknownFields(EXCEPTION_FIELDS);
        if (name.isBlank()) {
          fields.report(fields.path("name"), "an exception needs a name");
        }
        add(fields, name, origin, item.node().keyPosition("name"));
      }
    }

    private void readResource(FieldReader document, String origin) {
      String kind = document.string("kind", "");
      if (kind.equals("List") || kind.equals(KIND + "List")) {
        for (FieldReader item : document.objects("items")) {
          readResource(reader(item.node(), origin, ""), origin);
        }
        return;
      }
      String apiVersion = document.string("apiVersion", "");
      if (!kind.equals(KIND) || !apiVersion.equals(API_VERSION)) {
        document.report(
            document.path("kind"),
            "expected a PolicyException resource (apiVersion "
                + API_VERSION
                + "), found kind \""
                + kind
                + "\" with apiVersion \""
                + apiVersion
                + "\"");
        return;
      }
      FieldReader metadata = document.object("metadata");
      String name = metadata == null ? "" : metadata.string("name", "");
      FieldReader named = reader(document.node(), origin, name);
      if (!RESOURCE_NAME.matcher(name).matches() || name.length() > 253) {
        named.report(
            FieldPath.of("metadata", "name"),
            name.isBlank()
                ? "a PolicyException needs metadata.name"
                : "metadata.name must be lower-case letters, digits, '-' and '.', starting and"
                    + " ending with a letter or digit");
      }
      FieldReader spec = named.object("spec");
      if (spec == null) {
        named.report(named.path("spec"), "the PolicyException has no spec; put its fields in it");
        return;
      }
      spec.rejectUnknownFields(SPEC_FIELDS);
      add(spec, name, origin, FieldPath.of("metadata", "name").locate(document.node()));
    }

    private void add(FieldReader fields, String name, String origin, Position namePosition) {
      exceptions.add(map(fields, name, origin));
      if (!name.isBlank()) {
        String here = at(origin, namePosition);
        String first = namesSeen.putIfAbsent(name, here);
        if (first != null) {
          problems.add(
              new Problem(
                  here,
                  name,
                  "name",
                  "another exception has the same name (at " + first + "); names must be unique"));
        }
      }
    }

    private static PolicyException map(FieldReader fields, String name, String origin) {
      List<String> policies = nonBlankEntries(fields, "policies");
      List<String> categories = nonBlankEntries(fields, "categories");
      if (policies.isEmpty() && categories.isEmpty()) {
        fields.report(
            fields.path(),
            "an exception must name the policies (names or ids) or categories it waives");
      }
      String owner = required(fields, "owner", "an exception needs an owner to ask about it");
      String reason = required(fields, "reason", "an exception needs a reason");
      FieldReader scope = fields.object("scope");
      @Nullable String cluster = null;
      List<String> namespaces = List.of();
      Map<String, String> labels = Map.of();
      List<String> workloads = List.of();
      List<String> images = List.of();
      if (scope != null) {
        scope.rejectUnknownFields(SCOPE_FIELDS);
        cluster = scope.string("cluster");
        namespaces = regexes(scope, "namespaces");
        labels = labels(scope);
        workloads = regexes(scope, "workloads");
        images = regexes(scope, "images");
      }
      return new PolicyException(
          name,
          policies,
          categories,
          cluster,
          namespaces,
          labels,
          workloads,
          images,
          owner,
          reason,
          fields.string("ticket"),
          expires(fields),
          origin);
    }

    private static List<String> nonBlankEntries(FieldReader fields, String key) {
      List<String> entries = fields.strings(key);
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).isBlank()) {
          fields.report(fields.path(key).index(i), "the entry is blank; remove it or fill it in");
        }
      }
      return entries;
    }

    private static String required(FieldReader fields, String key, String missing) {
      String value = fields.string(key, "");
      if (value.isBlank()) {
        fields.report(fields.path(key), missing);
      }
      return value;
    }

    private static List<String> regexes(FieldReader scope, String key) {
      List<String> expressions = scope.strings(key);
      for (int i = 0; i < expressions.size(); i++) {
        checkRegex(scope, scope.path(key).index(i), expressions.get(i));
      }
      return expressions;
    }

    private static Map<String, String> labels(FieldReader scope) {
      Map<String, String> labels = scope.stringMap("labels");
      labels.forEach((key, value) -> checkRegex(scope, scope.path("labels").key(key), value));
      return labels;
    }

    private static void checkRegex(FieldReader fields, FieldPath path, String expression) {
      try {
        Pattern.compile(expression);
      } catch (PatternSyntaxException e) {
        fields.report(
            path,
            "\"" + expression + "\" is not a valid RE2 regular expression: " + e.getDescription());
      }
    }

    private static @Nullable Instant expires(FieldReader fields) {
      String text = fields.string("expires");
      if (text == null) {
        return null;
      }
      try {
        // A date means "through that day": the exception ends when the next day starts (UTC).
        return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException e) {
          fields.report(
              fields.path("expires"),
              "\""
                  + text
                  + "\" is neither a date (2026-12-31) nor an RFC 3339 time"
                  + " (2026-12-31T18:00:00Z)");
          return null;
        }
      }
    }

    /** A reader whose problems are reported against the exception {@code name}. */
    private FieldReader reader(MapNode node, String origin, String name) {
      return FieldReader.of(
          node, FieldPath.ROOT, issue -> problems.add(problem(issue, node, origin, name)));
    }

    private static Problem problem(FieldIssue issue, MapNode node, String origin, String name) {
      return new Problem(
          at(origin, issue.path().locate(node)), name, issue.path().toString(), issue.reason());
    }

    List<PolicyException> finish() {
      if (!problems.isEmpty()) {
        throw new InvalidExceptionException(problems);
      }
      return List.copyOf(exceptions);
    }
  }

  private static String at(String origin, Position position) {
    return position.isKnown() ? origin + ":" + position : origin;
  }
}
