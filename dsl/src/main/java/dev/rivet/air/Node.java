package dev.rivet.air;

/**
 * The constraint IR: a closed set of immutable nodes forming an expression tree over one row and the next.
 *
 * <p>Users never build nodes directly; the operator-rich {@code dev.rivet.dsl.Expr} wraps them. The compiler
 * turns a set of node trees into a {@link ConstraintProgram}, sharing every structurally equal subexpression.
 */
public sealed interface Node permits Node.Const, Node.Var, Node.Add, Node.Sub, Node.Mul, Node.Neg {

  /** A canonical BabyBear constant. */
  record Const(int value) implements Node {}

  /** A leaf that reads the trace, a public value or a row selector. */
  record Var(VarKind kind, int index) implements Node {}

  /** {@code a + b}. */
  record Add(Node a, Node b) implements Node {}

  /** {@code a − b}. */
  record Sub(Node a, Node b) implements Node {}

  /** {@code a · b}. */
  record Mul(Node a, Node b) implements Node {}

  /** {@code −a}. */
  record Neg(Node a) implements Node {}
}
