package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Trace;
import java.util.List;

/**
 * A 32-bit word held in limbs, least significant first: four bytes ({@link #bytes}) or two 16-bit halves
 * ({@link #halves}), every limb range-checked through the shared {@link ByteTable}. A word never lives in one field
 * element: 2^32 &gt; p, so two words would share a value.
 *
 * <p>Cost: bytes, 4 columns and 2 lookups (two bytes per lookup); halves, 2 columns and 2 lookups (one 16-bit check
 * each). The lookups are under the scope's condition, so rows where it is 0 may hold anything.
 *
 * <p><b>Which limbs.</b> Halves take half the columns and carries for addition, subtraction and comparison, at the
 * same lookup count. Bytes are what AND/OR/XOR look up, what byte and half-word loads and stores split, and what
 * multiplication needs (a product of two 16-bit limbs exceeds p, of two bytes does not); so the machine's words on
 * its buses are bytes, and halves suit chips that only add and compare (timestamps, addresses).
 */
public final class Word {
  /** Bits in a word. */
  public static final int BITS = 32;

  private final List<Column> limbs;
  private final int limbBits;

  private Word(List<Column> limbs, int limbBits) {
    this.limbs = limbs;
    this.limbBits = limbBits;
  }

  /** Declares a word of four byte columns {@code <name>[0..3]}, range-checked two per lookup. */
  public static Word bytes(ConstraintScope where, String name, ByteTable table) {
    Word w = new Word(where.chip().columns(name, 4), 8);
    table.bytes(where, w.limbs);
    return w;
  }

  /** Declares a word of two 16-bit columns {@code <name>[0..1]}, each range-checked by one lookup. */
  public static Word halves(ConstraintScope where, String name, ByteTable table) {
    Word w = new Word(where.chip().columns(name, 2), 16);
    for (Column limb : w.limbs) {
      table.lookup(where, limb);
    }
    return w;
  }

  /** Declares a word shaped like {@code like} (same limb width). */
  static Word like(Word like, ConstraintScope where, String name, ByteTable table) {
    return like.limbBits == 8 ? bytes(where, name, table) : halves(where, name, table);
  }

  /** The limbs, least significant first. */
  public List<Column> limbs() {
    return limbs;
  }

  /** Bits per limb: 8 or 16. */
  public int limbBits() {
    return limbBits;
  }

  /** Writes the word {@code value} (its 32 bits, read unsigned) on {@code row}. */
  public void fill(Trace trace, int row, int value) {
    int mask = (1 << limbBits) - 1;
    for (int i = 0; i < limbs.size(); i++) {
      trace.set(limbs.get(i), row, (value >>> (limbBits * i)) & mask);
    }
  }

  /** The word held on {@code row}, for tests and fillers that read back. */
  public int value(Trace trace, int row) {
    int v = 0;
    for (int i = 0; i < limbs.size(); i++) {
      v |= trace.get(limbs.get(i), row) << (limbBits * i);
    }
    return v;
  }

  void requireSameShape(Word other, String what) {
    if (other.limbBits != limbBits) {
      throw new IllegalArgumentException(what + ": words of " + limbBits + "-bit and " + other.limbBits
          + "-bit limbs");
    }
  }
}
