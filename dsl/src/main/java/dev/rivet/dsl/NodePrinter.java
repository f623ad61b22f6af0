package dev.rivet.dsl;

import dev.rivet.air.Node;
import dev.rivet.field.BabyBear;

/** Renders IR nodes with the author's column names, for {@link Expr#toString()} and degree diagnostics. */
final class NodePrinter {
  private static final int MAX = 160;

  private NodePrinter() {}

  static String print(Node node, Chip chip) {
    StringBuilder sb = new StringBuilder();
    render(node, chip, 0, sb);
    return sb.length() > MAX ? sb.substring(0, MAX) + "…" : sb.toString();
  }

  private static void render(Node node, Chip chip, int context, StringBuilder sb) {
    if (sb.length() > MAX) {
      return;
    }
    if (node instanceof Node.Const c) {
      sb.append(BabyBear.toSigned(c.value()));
    } else if (node instanceof Node.Var v) {
      sb.append(chip == null ? v.kind() + "#" + v.index() : chip.variableName(v.kind(), v.index()));
    } else if (node instanceof Node.Neg n) {
      sb.append('-');
      render(n.a(), chip, 2, sb);
    } else {
      Node a;
      Node b;
      String op;
      int prec;
      if (node instanceof Node.Add n) {
        a = n.a(); b = n.b(); op = " + "; prec = 0;
      } else if (node instanceof Node.Sub n) {
        a = n.a(); b = n.b(); op = " - "; prec = 0;
      } else {
        Node.Mul n = (Node.Mul) node;
        a = n.a(); b = n.b(); op = " * "; prec = 1;
      }
      if (prec < context) {
        sb.append('(');
      }
      render(a, chip, prec, sb);
      sb.append(op);
      render(b, chip, prec + 1, sb);
      if (prec < context) {
        sb.append(')');
      }
    }
  }
}
