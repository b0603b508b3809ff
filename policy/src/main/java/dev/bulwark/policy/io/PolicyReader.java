package dev.bulwark.policy.io;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.Policy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads policies from a file or a directory (recursively: .json, .yaml, .yml, in sorted path
 * order), validating each with StackRox's rules ({@link PolicyValidator}).
 *
 * <p>Accepted documents: a StackRox policy object (proto-JSON field names), an export bundle {@code
 * {"policies": [...]}}, the same in YAML, and {@code SecurityPolicy} custom resources ({@value
 * #SECURITY_POLICY_API_VERSION}; several per file as a YAML stream or a {@code List}), with
 * Bulwark's additions {@code controls}, {@code rules} and {@code checks} in any of them.
 *
 * <ul>
 *   <li>A policy without {@code id} gets {@link #idForName(String)}: the same name always yields
 *       the same id. A {@code SecurityPolicy} has no id in its spec; its id is the {@value
 *       #POLICY_ID_ANNOTATION} annotation, else {@code status.policyId}, else derived from the
 *       name.
 *   <li>A missing {@code policyVersion} is read as {@code 1.1}, the only version StackRox accepts.
 *   <li>Top-level fields Bulwark does not use (such as {@code lastUpdated}) are ignored, except
 *       misspellings of known ones; unknown fields inside criteria, scopes and exclusions are
 *       errors.
 *   <li>Enforcement actions of lifecycle stages the policy does not have are dropped, as StackRox
 *       does.
 * </ul>
 *
 * <p>Every problem in every file is collected before {@link InvalidPolicyException} is thrown; each
 * names the file with line and column, the policy, the field and what to do. Policy names and ids
 * must be unique across everything read in one call. Stateless and thread-safe.
 */
public final class PolicyReader {
  public static final String SECURITY_POLICY_API_VERSION = "config.stackrox.io/v1alpha1";
  public static final String SECURITY_POLICY_KIND = "SecurityPolicy";

  /** Annotation of a {@code SecurityPolicy} that keeps the policy's id. */
  public static final String POLICY_ID_ANNOTATION = "bulwark.dev/policy-id";

  private PolicyReader() {}

  /**
   * Reads and validates every policy under {@code path}.
   *
   * @throws InvalidPolicyException listing every problem, including unreadable files
   */
  public static List<Policy> read(Path path) {
    Session session = new Session();
    SourceFiles.forEach(
        path,
        (origin, text) -> session.readText(text, origin),
        (origin, reason) -> session.problems.add(new Problem(origin, "", "", reason)));
    return session.finish();
  }

  /**
   * Parses and validates the policies of one text.
   *
   * @param origin names the text in problems, such as its file name
   * @throws InvalidPolicyException listing every problem
   */
  public static List<Policy> parse(String text, String origin) {
    return parseAll(Map.of(origin, text));
  }

  /**
   * Parses and validates the policies of several texts as one set (names and ids unique across
   * them), in the map's iteration order.
   *
   * @param textsByOrigin each text keyed by the name problems give it
   * @throws InvalidPolicyException listing every problem
   */
  public static List<Policy> parseAll(Map<String, String> textsByOrigin) {
    Session session = new Session();
    textsByOrigin.forEach((origin, text) -> session.readText(text, origin));
    return session.finish();
  }

  /**
   * The id given to a policy that has none: the name-based (version 3) UUID of its UTF-8 name, so
   * that re-reading the same policy yields the same id.
   */
  public static String idForName(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** One read: the policies and problems found so far. */
  private static final class Session {
    private final DocumentParser parser = new DocumentParser(ReadLimits.DEFAULT);
    private final List<Policy> policies = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> namesSeen = new HashMap<>();
    private final Map<String, String> idsSeen = new HashMap<>();

    void readText(String text, String origin) {
      List<Node> documents;
      try {
        documents = parser.parse(text, origin);
      } catch (MalformedDocumentException e) {
        problems.add(new Problem(at(origin, e.position()), "", "", e.reason()));
        return;
      }
      for (Node document : documents) {
        readDocument(document, origin);
      }
    }

    private void readDocument(Node document, String origin) {
      if (!(document instanceof MapNode root)) {
        problems.add(
            new Problem(
                at(origin, document.position()),
                "",
                "",
                "expected a policy object, an export bundle {\"policies\": [...]} or a"
                    + " SecurityPolicy resource, found "
                    + FieldReader.describe(document)));
        return;
      }
      if (root.has("kind") || root.has("apiVersion")) {
        readResource(root, origin);
      } else if (root.has("policies") && !root.has("name") && !root.has("policySections")) {
        FieldReader bundle = documentReader(root, origin);
        bundle.rejectUnknownFields(List.of("policies"));
        for (FieldReader policy : bundle.objects("policies")) {
          readPolicy(policy.node(), origin, PolicyMapper.Identity.STACKROX_JSON, false);
        }
      } else {
        readPolicy(root, origin, PolicyMapper.Identity.STACKROX_JSON, false);
      }
    }

    private void readResource(MapNode root, String origin) {
      FieldReader resource = documentReader(root, origin);
      String kind = resource.string("kind", "");
      if (kind.equals("List") || kind.equals(SECURITY_POLICY_KIND + "List")) {
        for (FieldReader item : resource.objects("items")) {
          readResource(item.node(), origin);
        }
        return;
      }
      String apiVersion = resource.string("apiVersion", "");
      if (!kind.equals(SECURITY_POLICY_KIND) || !apiVersion.equals(SECURITY_POLICY_API_VERSION)) {
        resource.report(
            resource.path("kind"),
            "expected a SecurityPolicy resource (apiVersion "
                + SECURITY_POLICY_API_VERSION
                + "), found kind \""
                + kind
                + "\" with apiVersion \""
                + apiVersion
                + "\"");
        return;
      }
      FieldReader metadata = resource.object("metadata");
      FieldReader spec = resource.object("spec");
      if (spec == null) {
        resource.report(
            resource.path("spec"), "the SecurityPolicy has no spec; put the policy in it");
        return;
      }
      if (spec.has("name") && !spec.has("policyName")) {
        spec.report(
            spec.path("name"), "a SecurityPolicy spec names the policy with policyName, not name");
      }
      String resourceName = metadata == null ? null : metadata.string("name");
      String id =
          metadata == null ? null : metadata.stringMap("annotations").get(POLICY_ID_ANNOTATION);
      FieldReader status = resource.object("status");
      if (id == null && status != null) {
        id = status.string("policyId");
      }
      readPolicy(
          spec.node(), origin, new PolicyMapper.Identity("policyName", resourceName, id), true);
    }

    /** A reader for document-level fields, whose problems belong to no policy. */
    private FieldReader documentReader(MapNode root, String origin) {
      return FieldReader.of(
          root,
          FieldPath.ROOT,
          issue ->
              problems.add(
                  new Problem(
                      at(origin, issue.path().locate(root)),
                      "",
                      issue.path().toString(),
                      issue.reason())));
    }

    private void readPolicy(
        MapNode node, String origin, PolicyMapper.Identity identity, boolean resource) {
      List<FieldIssue> issues = new ArrayList<>();
      Policy policy = PolicyMapper.map(FieldReader.of(node, FieldPath.ROOT, issues::add), identity);
      issues.addAll(PolicyValidator.validate(policy));
      Located located = new Located(node, origin, resource);
      // Reported in the order the fields appear in the file, however they were found.
      issues.sort(Comparator.comparing(issue -> located.documentPath(issue.path()).locate(node)));
      for (FieldIssue issue : issues) {
        FieldPath path = located.documentPath(issue.path());
        problems.add(new Problem(located.at(path), policy.name(), path.toString(), issue.reason()));
      }
      checkUnique(namesSeen, policy.name(), located, policy, "name", "names");
      checkUnique(idsSeen, policy.id(), located, policy, "id", "ids");
      policies.add(policy);
    }

    private void checkUnique(
        Map<String, String> seen,
        String key,
        Located located,
        Policy policy,
        String field,
        String plural) {
      if (key.isBlank()) {
        return;
      }
      FieldPath path = located.documentPath(FieldPath.of(field));
      String here = located.at(path);
      String first = seen.putIfAbsent(key, here);
      if (first != null) {
        problems.add(
            new Problem(
                here,
                policy.name(),
                path.toString(),
                "another policy has the same "
                    + field
                    + " (at "
                    + first
                    + "); policy "
                    + plural
                    + " must be unique"));
      }
    }

    List<Policy> finish() {
      if (!problems.isEmpty()) {
        throw new InvalidPolicyException(problems);
      }
      return List.copyOf(policies);
    }
  }

  /** Where a policy object sits, to turn its field paths into file positions. */
  private record Located(MapNode node, String origin, boolean resource) {
    /** A SecurityPolicy spec calls the name {@code policyName}. */
    FieldPath documentPath(FieldPath policyPath) {
      if (resource && policyPath.equals(FieldPath.of("name"))) {
        return FieldPath.of("policyName");
      }
      return policyPath;
    }

    String at(FieldPath path) {
      return PolicyReader.at(origin, path.locate(node));
    }
  }

  static String at(String origin, @Nullable Position position) {
    return position != null && position.isKnown() ? origin + ":" + position : origin;
  }
}
