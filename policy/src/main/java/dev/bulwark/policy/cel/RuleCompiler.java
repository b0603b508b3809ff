package dev.bulwark.policy.cel;

import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.CelRule;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Compiles the rules of one policy, collecting every problem before giving up. */
final class RuleCompiler {
  /** The origin of every problem: rules do not know their file; a caller that does may say so. */
  static final String ORIGIN = "policy";

  private static final Set<CelKind> CONDITION_KINDS = Set.of(CelKind.BOOL, CelKind.DYN);
  private static final Set<CelKind> MESSAGE_KINDS = Set.of(CelKind.STRING, CelKind.DYN);

  private final String policyName;
  private final List<Problem> problems = new ArrayList<>();

  private RuleCompiler(String policyName) {
    this.policyName = policyName;
  }

  /**
   * @throws InvalidPolicyException listing every problem of every rule
   */
  static List<CompiledRule> compile(String policyName, List<CelRule> rules) {
    RuleCompiler compiler = new RuleCompiler(policyName);
    List<CompiledRule> compiled = new ArrayList<>(rules.size());
    Map<String, Integer> firstIndexByName = new HashMap<>();
    for (int index = 0; index < rules.size(); index++) {
      CelRule rule = rules.get(index);
      compiler.checkUnique(index, rule.name(), firstIndexByName);
      CompiledRule result = compiler.rule(index, rule);
      if (result != null) {
        compiled.add(result);
      }
    }
    if (!compiler.problems.isEmpty()) {
      throw new InvalidPolicyException(compiler.problems);
    }
    return compiled;
  }

  private void checkUnique(int index, String name, Map<String, Integer> firstIndexByName) {
    if (name.isBlank()) {
      return;
    }
    Integer first = firstIndexByName.putIfAbsent(name, index);
    if (first != null) {
      problem(
          field(index, "name"),
          "\""
              + name
              + "\" is already the name of rules["
              + first
              + "]; rule names must be unique");
    }
  }

  private @Nullable CompiledRule rule(int index, CelRule rule) {
    int problemsBefore = problems.size();
    if (rule.name().isBlank()) {
      problem(field(index, "name"), "required");
    }
    CompiledExpression condition =
        expression(
            field(index, "expression"),
            rule.expression(),
            CONDITION_KINDS,
            "a rule must return a bool (true means a violation)");
    String messageText = rule.messageExpression();
    CompiledExpression message =
        messageText == null || messageText.isBlank()
            ? null
            : expression(
                field(index, "messageExpression"),
                messageText,
                MESSAGE_KINDS,
                "messageExpression must return a string");
    if (condition == null || problems.size() > problemsBefore) {
      return null;
    }
    boolean perContainer =
        condition.readsContainer() || (message != null && message.readsContainer());
    String fallback = rule.message().isBlank() ? rule.name() : rule.message();
    return new CompiledRule(rule.name(), fallback, condition, message, perContainer);
  }

  private @Nullable CompiledExpression expression(
      String field, String text, Set<CelKind> acceptedKinds, String expectation) {
    if (text.isBlank()) {
      problem(field, "required");
      return null;
    }
    CelValidationResult result = CelEnvironment.compile(text);
    if (result.hasError()) {
      for (CelIssue issue : result.getErrors()) {
        problem(field, position(issue.getSourceLocation()) + readable(issue.getMessage()));
      }
      return null;
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      CelType type = ast.getResultType();
      if (!acceptedKinds.contains(type.kind())) {
        problem(field, "the expression returns " + type.name() + ", but " + expectation);
        return null;
      }
      return new CompiledExpression(
          CelEnvironment.program(ast),
          VariableUsage.reads(ast, CelEnvironment.CONTAINER),
          ast.getSource());
    } catch (CelValidationException | CelEvaluationException e) {
      problem(field, "CEL could not prepare the expression: " + e.getMessage());
      return null;
    }
  }

  private static String position(CelSourceLocation location) {
    // CEL counts lines from 1 and columns from 0; people and editors count both from 1.
    return location.getLine() > 0
        ? location.getLine() + ":" + (location.getColumn() + 1) + ": "
        : "";
  }

  // "(in container '')" is CEL's namespace, not our variable: it would only confuse.
  private static String readable(String message) {
    String cleaned = message.replace(" (in container '')", "");
    if (cleaned.startsWith("undeclared reference to")) {
      return cleaned + "; the variables are " + String.join(", ", CelEnvironment.VARIABLES);
    }
    return cleaned;
  }

  private static String field(int index, String name) {
    return "rules[" + index + "]." + name;
  }

  private void problem(String field, String reason) {
    problems.add(new Problem(ORIGIN, policyName, field, reason));
  }
}
