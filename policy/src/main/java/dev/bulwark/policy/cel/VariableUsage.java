package dev.bulwark.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelComprehension;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.Optional;

/**
 * Which top-level variables an expression reads, from its syntax tree. Text search would be fooled
 * by strings and field names ({@code object.spec.container}); the checker's references are fooled
 * by macro variables that happen to share the name ({@code list.all(container, ...)}).
 */
final class VariableUsage {
  private VariableUsage() {}

  static boolean reads(CelAbstractSyntaxTree ast, String variable) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .filter(node -> isIdentifier(node.expr(), variable))
        .anyMatch(node -> !boundLocally(node, variable));
  }

  private static boolean isIdentifier(CelExpr expr, String name) {
    return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(name);
  }

  /** Whether an enclosing comprehension declares {@code name} in the part holding {@code node}. */
  private static boolean boundLocally(CelNavigableExpr node, String name) {
    CelNavigableExpr child = node;
    Optional<CelNavigableExpr> parent = node.parent();
    while (parent.isPresent()) {
      CelExpr expr = parent.get().expr();
      if (expr.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION
          && declares(expr.comprehension(), name, child.id())) {
        return true;
      }
      child = parent.get();
      parent = child.parent();
    }
    return false;
  }

  // The range and the initial accumulator are evaluated outside the comprehension's own scope.
  private static boolean declares(CelComprehension comprehension, String name, long childId) {
    boolean declared =
        name.equals(comprehension.iterVar())
            || name.equals(comprehension.iterVar2())
            || name.equals(comprehension.accuVar());
    return declared
        && childId != comprehension.iterRange().id()
        && childId != comprehension.accuInit().id();
  }
}
