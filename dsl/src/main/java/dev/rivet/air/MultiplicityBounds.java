package dev.rivet.air;

import dev.rivet.field.BabyBear;
import java.util.List;

/**
 * What the constraints of a table say about its bus multiplicities as integers: LogUp proves that every message's
 * multiplicities balance in the field, which is balance as integers only while the counts on a bus cannot wrap
 * around p (docs/soundness.md, "Multiplicities as integers"). Derived from the table alone, so the compiler, the
 * checker and the verifier read the same bounds and a verifier never trusts a number the prover or a key file
 * supplies.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Intervals.</b> Every program slot gets an integer interval [lo, hi] that contains a representative of
 *       its value on every row: constants their signed value; selectors [0, 1]; a main column [0, 1] when some
 *       constraint of the table is b·(b − 1) (or b·(1 − b)) on every row, unguarded by a selector, else nothing;
 *       a preprocessed column the range of its fixed values (which a table's encoding records for exactly the
 *       preprocessed columns a multiplicity reads, so a verifier holding no values reads the same range; the
 *       intervals of other slots never reach a bound); public values nothing. Sums, differences, negations
 *       and products combine intervals; anything wider than p is unbounded. An interaction's bound is
 *       max(|lo|, |hi|) of its multiplicity.
 *   <li><b>Lookup counters.</b> A receive whose multiplicity is a bare main column and whose fields read no main
 *       column (preprocessed columns, public values, constants, selectors) receives a fixed set of messages. Its
 *       counter needs no bound: the one-sided argument in docs/soundness.md shows that bounded senders cannot
 *       cancel through it.
 * </ul>
 */
public final class MultiplicityBounds {
  /** The bound of a multiplicity nothing bounds. */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  /** Interval ends beyond this are unbounded; products of two ends below it fit a long. */
  private static final long CAP = 1L << 31;

  private final long[] bounds;
  private final boolean[] lookups;
  private final boolean[] constrainedColumns;
  private final int[][] multiplicityColumns;

  /** The bounds of a table's interactions, in table order. */
  public static MultiplicityBounds of(AirTable table) {
    return new MultiplicityBounds(table);
  }

  private MultiplicityBounds(AirTable table) {
    ConstraintProgram p = table.program();
    boolean[] booleans = booleanColumns(table);
    this.constrainedColumns = columnsRead(p, table.constraints().stream().mapToInt(AirConstraint::slot).toArray(),
        table.width());
    long[] lo = new long[p.size()];
    long[] hi = new long[p.size()];
    for (int s = 0; s < p.size(); s++) {
      long l;
      long h;
      switch (p.op(s)) {
        case ConstraintProgram.OP_CONST: l = h = BabyBear.toSigned(p.arg0(s)); break;
        case ConstraintProgram.OP_VAR: {
          long[] range = variableRange(table, p.kind(s), p.arg1(s), booleans);
          l = range[0];
          h = range[1];
          break;
        }
        case ConstraintProgram.OP_ADD: l = lo[p.arg0(s)] + lo[p.arg1(s)]; h = hi[p.arg0(s)] + hi[p.arg1(s)]; break;
        case ConstraintProgram.OP_SUB: l = lo[p.arg0(s)] - hi[p.arg1(s)]; h = hi[p.arg0(s)] - lo[p.arg1(s)]; break;
        case ConstraintProgram.OP_NEG: l = -hi[p.arg0(s)]; h = -lo[p.arg0(s)]; break;
        default: {
          long a0 = lo[p.arg0(s)];
          long a1 = hi[p.arg0(s)];
          long b0 = lo[p.arg1(s)];
          long b1 = hi[p.arg1(s)];
          l = Math.min(Math.min(a0 * b0, a0 * b1), Math.min(a1 * b0, a1 * b1));
          h = Math.max(Math.max(a0 * b0, a0 * b1), Math.max(a1 * b0, a1 * b1));
        }
      }
      // Saturate, so that unbounded stays unbounded through any later operation without overflowing.
      lo[s] = Math.max(l, -CAP);
      hi[s] = Math.min(h, CAP);
      if (l < -CAP || h > CAP) {
        lo[s] = -CAP;
        hi[s] = CAP;
      }
    }
    List<Interaction> interactions = table.interactions();
    this.bounds = new long[interactions.size()];
    this.lookups = new boolean[interactions.size()];
    this.multiplicityColumns = new int[interactions.size()][];
    for (int i = 0; i < bounds.length; i++) {
      Interaction in = interactions.get(i);
      int m = in.multiplicitySlot();
      long b = Math.max(Math.abs(lo[m]), Math.abs(hi[m]));
      bounds[i] = b >= BabyBear.P ? UNBOUNDED : b;
      boolean[] read = columnsRead(p, new int[] {m}, table.width());
      multiplicityColumns[i] = java.util.stream.IntStream.range(0, read.length).filter(c -> read[c]).toArray();
      lookups[i] = in.direction() == Interaction.Direction.RECEIVE && p.op(m) == ConstraintProgram.OP_VAR
          && p.kind(m) == VarKind.MAIN && noneRead(columnsRead(p, in.fieldSlots(), table.width()));
    }
  }

  /** The bound on |multiplicity| of interaction i as an integer, or {@link #UNBOUNDED}. */
  public long bound(int i) {
    return bounds[i];
  }

  /** Whether interaction i is a lookup counter: a receive of fixed messages counted by a bare main column. */
  public boolean isLookup(int i) {
    return lookups[i];
  }

  /** The main columns (this row or the next) interaction i's multiplicity reads. */
  public int[] multiplicityColumns(int i) {
    return multiplicityColumns[i].clone();
  }

  /** Whether some constraint of the table reads main column c (on this row or the next). */
  public boolean constrained(int c) {
    return constrainedColumns[c];
  }

  /**
   * The preprocessed columns (this row or the next) that some interaction's multiplicity depends on, as a mask:
   * the columns whose value ranges a bound reads.
   */
  static boolean[] preprocessedColumnsOfMultiplicities(ConstraintProgram p, List<Interaction> interactions,
      int count) {
    int[] roots = interactions.stream().mapToInt(Interaction::multiplicitySlot).toArray();
    return columnsRead(p, roots, count, VarKind.PREPROCESSED, VarKind.PREPROCESSED_NEXT);
  }

  /** The main columns (this row or the next) that the given slots depend on, as a mask over the columns. */
  private static boolean[] columnsRead(ConstraintProgram p, int[] roots, int width) {
    return columnsRead(p, roots, width, VarKind.MAIN, VarKind.MAIN_NEXT);
  }

  /** The columns of the two given kinds (this row, next row) that the given slots depend on, as a mask. */
  private static boolean[] columnsRead(ConstraintProgram p, int[] roots, int width, VarKind row, VarKind next) {
    boolean[] live = new boolean[p.size()];
    for (int r : roots) {
      live[r] = true;
    }
    boolean[] read = new boolean[width];
    for (int s = p.size() - 1; s >= 0; s--) {
      if (!live[s]) {
        continue;
      }
      switch (p.op(s)) {
        case ConstraintProgram.OP_CONST: break;
        case ConstraintProgram.OP_VAR:
          // an index past the columns can come only from bytes being decoded, which AirTable then refuses
          if ((p.kind(s) == row || p.kind(s) == next) && p.arg1(s) < width) {
            read[p.arg1(s)] = true;
          }
          break;
        case ConstraintProgram.OP_NEG: live[p.arg0(s)] = true; break;
        default:
          live[p.arg0(s)] = true;
          live[p.arg1(s)] = true;
      }
    }
    return read;
  }

  private static boolean noneRead(boolean[] mask) {
    for (boolean b : mask) {
      if (b) {
        return false;
      }
    }
    return true;
  }

  private static long[] variableRange(AirTable table, VarKind kind, int index, boolean[] booleans) {
    switch (kind) {
      case MAIN: case MAIN_NEXT:
        return booleans[index] ? new long[] {0, 1} : new long[] {-CAP, CAP};
      case PREPROCESSED: case PREPROCESSED_NEXT: {
        // null for a column no multiplicity reads, whose interval reaches no bound
        long[] range = table.multiplicityRange(index);
        return range == null ? new long[] {-CAP, CAP} : range.clone();
      }
      case PUBLIC: return new long[] {-CAP, CAP};
      default: return new long[] {0, 1};
    }
  }

  /** Main columns some unguarded constraint forces to {0, 1}: b·(b − 1), b·(1 − b), or either factor first. */
  private static boolean[] booleanColumns(AirTable table) {
    ConstraintProgram p = table.program();
    boolean[] out = new boolean[table.width()];
    for (AirConstraint c : table.constraints()) {
      int s = c.slot();
      if (p.op(s) != ConstraintProgram.OP_MUL) {
        continue;
      }
      int column = booleanFactor(p, p.arg0(s), p.arg1(s));
      if (column < 0) {
        column = booleanFactor(p, p.arg1(s), p.arg0(s));
      }
      if (column >= 0) {
        out[column] = true;
      }
    }
    return out;
  }

  /** The column b if slot {@code x} reads b on this row and slot {@code y} is b − 1 or 1 − b; else −1. */
  private static int booleanFactor(ConstraintProgram p, int x, int y) {
    if (p.op(x) != ConstraintProgram.OP_VAR || p.kind(x) != VarKind.MAIN || p.op(y) != ConstraintProgram.OP_SUB) {
      return -1;
    }
    int a = p.arg0(y);
    int b = p.arg1(y);
    boolean minusOne = a == x && isConstant(p, b, 1);
    boolean oneMinus = b == x && isConstant(p, a, 1);
    return minusOne || oneMinus ? p.arg1(x) : -1;
  }

  private static boolean isConstant(ConstraintProgram p, int s, int value) {
    return p.op(s) == ConstraintProgram.OP_CONST && p.arg0(s) == value;
  }
}
