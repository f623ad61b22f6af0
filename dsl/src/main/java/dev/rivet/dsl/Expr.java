package dev.rivet.dsl;

import dev.rivet.air.Node;
import dev.rivet.air.VarKind;
import dev.rivet.field.BabyBear;

/**
 * A polynomial expression over a chip's columns on the current and next row, its public values and its row
 * selectors: what constraints and bus messages are written in.
 *
 * <p>Operators are named so that Kotlin reads them as operators ({@code a * b - c}, {@code -x}); from Java they
 * read as {@code a.times(b).minus(c)}. Constants may be any {@code long}, negative ones included: they are reduced
 * into the field. Every expression knows its degree, and which chip's columns it reads, so an expression that
 * mixes two chips is refused where it is written.
 */
public class Expr {
  /** The constant 0. */
  public static final Expr ZERO = constant(0);
  /** The constant 1. */
  public static final Expr ONE = constant(1);

  final Node node;
  final int degree;
  /** The chip whose columns this reads, or null for chip-free expressions (constants). */
  final Chip owner;

  Expr(Node node, int degree, Chip owner) {
    this.node = node;
    this.degree = degree;
    this.owner = owner;
  }

  /** A field constant; negative values mean their additive inverses. */
  public static Expr constant(long value) {
    return new Expr(new Node.Const(BabyBear.fromLong(value)), 0, null);
  }

  static Expr variable(VarKind kind, int index, Chip owner) {
    return new Expr(new Node.Var(kind, index), kind.degree(), owner);
  }

  /** The degree as a polynomial in trace values (row selectors count 1, public values 0). */
  public int degree() {
    return degree;
  }

  /** The IR node, for compilers and tools. */
  public Node node() {
    return node;
  }

  public Expr plus(Expr other) {
    return new Expr(new Node.Add(node, other.node), Math.max(degree, other.degree), join(other));
  }

  public Expr plus(long c) {
    return plus(constant(c));
  }

  public Expr minus(Expr other) {
    return new Expr(new Node.Sub(node, other.node), Math.max(degree, other.degree), join(other));
  }

  public Expr minus(long c) {
    return minus(constant(c));
  }

  public Expr times(Expr other) {
    return new Expr(new Node.Mul(node, other.node), degree + other.degree, join(other));
  }

  public Expr times(long c) {
    return times(constant(c));
  }

  public Expr unaryMinus() {
    return new Expr(new Node.Neg(node), degree, owner);
  }

  /** {@code this²}. */
  public Expr square() {
    return times(this);
  }

  /** {@code 1 − this}: the negation of a boolean. */
  public Expr not() {
    return ONE.minus(this);
  }

  private Chip join(Expr other) {
    if (owner == null) {
      return other.owner;
    }
    if (other.owner != null && other.owner != owner) {
      throw new IllegalArgumentException(Sources.caller() + ": expression mixes columns of chip '" + owner.name()
          + "' and chip '" + other.owner.name() + "'");
    }
    return owner;
  }

  /** A readable rendering, e.g. {@code (a + b) * c'}. */
  @Override
  public String toString() {
    return NodePrinter.print(node, owner);
  }
}
