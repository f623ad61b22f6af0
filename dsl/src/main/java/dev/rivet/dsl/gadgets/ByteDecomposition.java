package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import java.util.List;

/**
 * The little-endian bytes of a value: n ≤ 3 columns {@code <name>[i]}, range-checked through the shared
 * {@link ByteTable} (two bytes per lookup), and "{@code <name>: value = Σ 256^i·byte[i]}" (degree of the value).
 * Bytes pack into [0, 2^(8n)) ⊂ [0, p) for n ≤ 3, so the bytes are unique and the decomposition range-checks the
 * value to 8n bits; four bytes could wrap around p (2^32 &gt; p), so 32-bit quantities are held as a {@link Word}
 * instead. Cost: n columns, 1 constraint, ⌈n/2⌉ lookups.
 */
public final class ByteDecomposition {
  /** At most 3 bytes: 256^3 &lt; p &lt; 256^4. */
  public static final int MAX_BYTES = 3;

  private final List<Column> bytes;

  private ByteDecomposition(List<Column> bytes) {
    this.bytes = bytes;
  }

  /** Declares the n bytes of {@code value} on the scope's chip and constrains them under its condition. */
  public static ByteDecomposition of(ConstraintScope where, String name, Expr value, int n, ByteTable table) {
    if (n < 1 || n > MAX_BYTES) {
      throw new IllegalArgumentException("byte decomposition '" + name + "' of " + n + " bytes: must be 1 … "
          + MAX_BYTES + " to pack into the field exactly");
    }
    List<Column> bytes = where.chip().columns(name, n);
    table.bytes(where, bytes);
    Expr packed = Expr.ZERO;
    for (int i = n - 1; i >= 0; i--) {
      packed = packed.times(256).plus(bytes.get(i));
    }
    where.assertEq(name + ": value = Σ 256^i·byte[i]", value, packed);
    return new ByteDecomposition(bytes);
  }

  /** The bytes, least significant first. */
  public List<Column> bytes() {
    return bytes;
  }

  /**
   * Writes the bytes of {@code value} on {@code row}.
   *
   * @throws IllegalArgumentException if the value does not fit in the bytes (no witness exists)
   */
  public void fill(Trace trace, int row, long value) {
    if (value < 0 || value >>> (8 * bytes.size()) != 0) {
      throw new IllegalArgumentException(value + " does not fit in " + bytes.size() + " bytes");
    }
    for (int i = 0; i < bytes.size(); i++) {
      trace.set(bytes.get(i), row, (int) (value >>> (8 * i)) & 0xff);
    }
  }
}
