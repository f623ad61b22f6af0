package dev.rivet.dsl;

import dev.rivet.air.Node;
import java.util.IdentityHashMap;

/**
 * Explains why a constraint's degree is too high: finds the innermost product whose factors together exceed the
 * budget, which is where an intermediate column would help.
 */
final class DegreeDiagnosis {
  private DegreeDiagnosis() {}

  static String explain(Expr full, Expr body, int maxDegree, Chip chip) {
    IdentityHashMap<Node, Integer> memo = new IdentityHashMap<>();
    int bodyDegree = degree(body.node, memo);
    int conditionDegree = degree(full.node, memo) - bodyDegree;
    int budget = maxDegree - conditionDegree;
    StringBuilder why = new StringBuilder();
    if (conditionDegree > 0) {
      why.append("its condition adds degree ").append(conditionDegree).append(" to an expression of degree ")
          .append(bodyDegree).append("; ");
    }
    Node node = body.node;
    while (true) {
      if (node instanceof Node.Add n) {
        node = degree(n.a(), memo) >= degree(n.b(), memo) ? n.a() : n.b();
      } else if (node instanceof Node.Sub n) {
        node = degree(n.a(), memo) >= degree(n.b(), memo) ? n.a() : n.b();
      } else if (node instanceof Node.Neg n) {
        node = n.a();
      } else if (node instanceof Node.Mul n && budget > 0
          && Math.max(degree(n.a(), memo), degree(n.b(), memo)) > budget) {
        node = degree(n.a(), memo) >= degree(n.b(), memo) ? n.a() : n.b();
      } else {
        break;
      }
    }
    if (node instanceof Node.Mul n) {
      why.append("likely cause: the product of ").append(NodePrinter.print(n.a(), chip)).append(" (degree ")
          .append(degree(n.a(), memo)).append(") and ").append(NodePrinter.print(n.b(), chip)).append(" (degree ")
          .append(degree(n.b(), memo)).append("); move a factor into its own column");
    } else {
      why.append("the expression is ").append(NodePrinter.print(body.node, chip));
    }
    return why.toString();
  }

  private static int degree(Node node, IdentityHashMap<Node, Integer> memo) {
    Integer known = memo.get(node);
    if (known != null) {
      return known;
    }
    int d;
    if (node instanceof Node.Const) {
      d = 0;
    } else if (node instanceof Node.Var v) {
      d = v.kind().degree();
    } else if (node instanceof Node.Add n) {
      d = Math.max(degree(n.a(), memo), degree(n.b(), memo));
    } else if (node instanceof Node.Sub n) {
      d = Math.max(degree(n.a(), memo), degree(n.b(), memo));
    } else if (node instanceof Node.Mul n) {
      d = degree(n.a(), memo) + degree(n.b(), memo);
    } else {
      d = degree(((Node.Neg) node).a(), memo);
    }
    memo.put(node, d);
    return d;
  }
}
