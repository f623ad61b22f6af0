package dev.rivet.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Bit-level building blocks for circuits over words that do not fit one field element: Boolean operations on
 * expressions that hold bits, packing bits into limbs, and rotations as index permutations.
 *
 * <p>The operations are the polynomials that agree with the Boolean function on {0, 1}; they say nothing about
 * inputs outside {0, 1}, so every bit they read must be constrained Boolean somewhere (for a column, with
 * {@link ConstraintScope#assertBool}; an expression built here from such bits is Boolean by construction).
 * Degrees add up: {@code xor(a, b)} and {@code andNot(a, b)} of two columns have degree 2, {@code xor(a, b, c)}
 * degree 3.
 *
 * <pre>{@code
 * Expr chi = Bits.xor(b0, Bits.andNot(b1, b2));   // b0 ⊕ (¬b1 ∧ b2), degree 3
 * Expr limb = Bits.pack(bits.subList(0, 16));      // Σ 2^i·bits[i], exact for up to 30 bits
 * }</pre>
 */
public final class Bits {
  /**
   * The most bits {@link #pack} accepts: 2^30 < p, so 30 Boolean bits pack into distinct field elements, while 31
   * bits could wrap around p and two bit strings would share a value.
   */
  public static final int MAX_PACKED_BITS = 30;

  private Bits() {}

  /** {@code a ⊕ b} for bits: {@code a + b − 2ab}. */
  public static Expr xor(Expr a, Expr b) {
    return a.plus(b).minus(a.times(b).times(2));
  }

  /**
   * {@code a ⊕ b ⊕ c} for bits, as {@code xor(xor(a, b), c)}: the inner {@code a ⊕ b} is one shared slot when the
   * same pair is xored with several {@code c}, so put the pair that repeats first.
   */
  public static Expr xor(Expr a, Expr b, Expr c) {
    return xor(xor(a, b), c);
  }

  /** {@code a ∧ b} for bits: {@code a·b}. */
  public static Expr and(Expr a, Expr b) {
    return a.times(b);
  }

  /** {@code ¬a ∧ b} for bits: {@code (1 − a)·b}. */
  public static Expr andNot(Expr a, Expr b) {
    return a.not().times(b);
  }

  /**
   * The field element whose little-endian binary digits are {@code bits}: {@code Σ 2^i·bits[i]}. For Boolean bits
   * the result is in [0, 2^n), so equating it with a limb pins the limb and its bits to each other exactly.
   *
   * @throws IllegalArgumentException for more than {@link #MAX_PACKED_BITS} bits, which would not be exact
   */
  public static Expr pack(List<? extends Expr> bits) {
    if (bits.size() > MAX_PACKED_BITS) {
      throw new IllegalArgumentException(Sources.caller() + ": cannot pack " + bits.size() + " bits into one field"
          + " element exactly (at most " + MAX_PACKED_BITS + "); split them into limbs with Bits.limbs");
    }
    // Horner from the top bit: n additions and n doublings, no large constants.
    Expr acc = Expr.ZERO;
    for (int i = bits.size() - 1; i >= 0; i--) {
      acc = acc.times(2).plus(bits.get(i));
    }
    return acc;
  }

  /**
   * Splits a little-endian bit vector into consecutive limbs of {@code width} bits (the last may be shorter), each
   * ready for {@link #pack}.
   */
  public static <T> List<List<T>> limbs(List<T> bits, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("limb width " + width + " < 1");
    }
    List<List<T>> out = new ArrayList<>((bits.size() + width - 1) / width);
    for (int from = 0; from < bits.size(); from += width) {
      out.add(List.copyOf(bits.subList(from, Math.min(from + width, bits.size()))));
    }
    return List.copyOf(out);
  }

  /** Each limb of {@code bits} packed: {@code pack(limb)} for every limb of {@link #limbs(List, int)}. */
  public static List<Expr> packLimbs(List<? extends Expr> bits, int width) {
    List<Expr> out = new ArrayList<>();
    for (List<? extends Expr> limb : limbs(bits, width)) {
      out.add(pack(limb));
    }
    return List.copyOf(out);
  }

  /**
   * The little-endian bit vector rotated left by {@code n} (towards the more significant end), as a permutation of
   * the same elements: {@code out[i] = bits[(i − n) mod size]}. Rotations cost nothing in a circuit.
   */
  public static <T> List<T> rotateLeft(List<T> bits, int n) {
    int size = bits.size();
    List<T> out = new ArrayList<>(size);
    int shift = Math.floorMod(n, Math.max(size, 1));
    for (int i = 0; i < size; i++) {
      out.add(bits.get(Math.floorMod(i - shift, size)));
    }
    return List.copyOf(out);
  }

  /** The bit vector rotated right by {@code n}: {@code out[i] = bits[(i + n) mod size]}. */
  public static <T> List<T> rotateRight(List<T> bits, int n) {
    return rotateLeft(bits, -n);
  }
}
