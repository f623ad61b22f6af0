package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Parallel;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.field.BabyBear;

/**
 * Closes the books of the memory argument: one row per word the run touched or the image holds, sorted by word
 * index, that receives the word's final version and, for a word the image does not hold, sends its first version
 * (value 0, timestamp 0).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> {@code address} (word index) with its low half {@code a_lo}; {@code real}; {@code zero_init};
 * {@code final_lo}, {@code final_hi}, {@code final_ts}; {@code has_next} (the next row is real) and the gap to the
 * next address, {@code gap_lo} + 2^16·{@code gap_hi}.
 *
 * <p><b>Constraints.</b> Booleans; zero_init and has_next only on real rows; has_next = next row's real, and 0 on
 * the last row (so real rows are a prefix); where has_next: next address = address + 1 + gap. Range checks:
 * address &lt; 2^30 (a_lo 16 bits, the rest 14), gap &lt; 2^30.
 *
 * <p><b>Soundness.</b> Both addresses of a step are below 2^30, so their integer difference lies in (−2^30, 2^30);
 * a difference ≤ 0 would make the gap a field element ≥ p − 2^30 &gt; 2^30, which the range check refuses. So the
 * real rows' addresses strictly increase: each address has at most one final version. With the chips' accesses
 * (each consumes one version and produces one with a larger timestamp) and the image table, balance on the memory
 * bus then leaves every touched word exactly one chain from its single first version to its single final one
 * (docs/circuits.md, "Memory: offline memory checking").
 */
public final class MemoryBoundaryTable extends Chip {
  private static final long TWO_16 = 1 << 16;
  private final Column address = column("address");
  private final Column aLo = column("a_lo");
  private final Column real = column("real");
  private final Column zeroInit = column("zero_init");
  private final Column finalLo = column("final_lo");
  private final Column finalHi = column("final_hi");
  private final Column finalTs = column("final_ts");
  private final Column hasNext = column("has_next");
  private final Column gapLo = column("gap_lo");
  private final Column gapHi = column("gap_hi");

  /** The table, sending its range checks to {@code bytes}. */
  public MemoryBoundaryTable(ByteTable bytes) {
    super("rv32_memory_boundary");
    assertBool("real is a bit", real);
    assertBool("zero_init is a bit", zeroInit);
    assertBool("has_next is a bit", hasNext);
    assertZero("only real rows initialise", zeroInit.times(real.not()));
    assertZero("only real rows have a successor", hasNext.times(real.not()));
    whenTransition().assertEq("has_next is the next row's real", hasNext, real.next());
    whenLastRow().assertZero("the last row has no successor", hasNext);
    whenTransition().when(hasNext).assertEq("addresses increase",
        address.next().minus(address).minus(1), gapLo.plus(gapHi.times(TWO_16)));
    ConstraintScope onReal = when(real);
    bytes.lookup(onReal, aLo);
    RangeCheck.assertBits(onReal, bytes, address.minus(aLo).times(BabyBear.inv(1 << 16)), 14);
    ConstraintScope onNext = when(hasNext);
    bytes.lookup(onNext, gapLo);
    RangeCheck.assertBits(onNext, bytes, gapHi, 14);
    send(MemoryMessage.BUS, new MemoryMessage(address, Expr.ZERO, Expr.ZERO, Expr.ZERO), zeroInit);
    receive(MemoryMessage.BUS, new MemoryMessage(address, finalLo, finalHi, finalTs), real);
  }

  /**
   * The table's trace for the words {@code words[0..count)} (word indices, strictly increasing), whose final
   * values and timestamps are {@code values} and {@code timestamps}; {@code zeroInits[i]} for words the image does
   * not hold.
   */
  public Trace fill(int[] words, int[] values, int[] timestamps, boolean[] zeroInits, int count) {
    Trace t = newTrace(InstructionChip.heightFor(count));
    Parallel.forEachRange(count, (from, to) -> {
      for (int i = from; i < to; i++) {
        t.set(address, i, words[i]);
        t.set(aLo, i, words[i] & 0xffff);
        t.set(real, i, 1);
        t.set(zeroInit, i, zeroInits[i] ? 1 : 0);
        Words.fillHalves(t, i, finalLo, finalHi, values[i]);
        t.set(finalTs, i, timestamps[i]);
        if (i + 1 < count) {
          int gap = words[i + 1] - words[i] - 1;
          t.set(hasNext, i, 1);
          t.set(gapLo, i, gap & 0xffff);
          t.set(gapHi, i, gap >>> 16);
        }
      }
    });
    return t;
  }
}
