package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Bits;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.field.BabyBear;
import java.util.List;

/**
 * The little-endian bits of a value: n ≤ 30 columns {@code <name>[i]}, each constrained Boolean
 * ("{@code <name>: bit is Boolean}", degree 2), and "{@code <name>: value = Σ 2^i·bit[i]}" (degree of the value).
 * Boolean bits pack into [0, 2^n) ⊂ [0, p) without wrapping ({@link Bits#MAX_PACKED_BITS}), so the bits are unique
 * and the decomposition is also a range check of n bits: a value outside [0, 2^n) has no satisfying bits. Cost: n
 * columns, n + 1 constraints, no lookups. For bytes of a wide value, {@link ByteDecomposition} is cheaper per bit.
 */
public final class BitDecomposition {
  private final List<Column> bits;

  private BitDecomposition(List<Column> bits) {
    this.bits = bits;
  }

  /** Declares the n bits of {@code value} on the scope's chip and constrains them under its condition. */
  public static BitDecomposition of(ConstraintScope where, String name, Expr value, int n) {
    if (n < 1 || n > Bits.MAX_PACKED_BITS) {
      throw new IllegalArgumentException("bit decomposition '" + name + "' of " + n + " bits: must be 1 … "
          + Bits.MAX_PACKED_BITS + " to pack into the field exactly");
    }
    List<Column> bits = where.chip().columns(name, n);
    for (Column b : bits) {
      where.assertBool(name + ": bit is Boolean", b);
    }
    where.assertEq(name + ": value = Σ 2^i·bit[i]", value, Bits.pack(bits));
    return new BitDecomposition(bits);
  }

  /** The bits, least significant first. */
  public List<Column> bits() {
    return bits;
  }

  /**
   * Writes the bits of {@code value} on {@code row}.
   *
   * @throws IllegalArgumentException if the value does not fit in the bits (no witness exists)
   */
  public void fill(Trace trace, int row, long value) {
    if (value < 0 || value >>> bits.size() != 0) {
      throw new IllegalArgumentException(value + " does not fit in " + bits.size() + " bits");
    }
    for (int i = 0; i < bits.size(); i++) {
      trace.set(bits.get(i), row, (int) (value >>> i) & 1);
    }
  }
}
