package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Parallel;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.ExecutionRecord;

/**
 * A table that executes a family of instructions, one per row, through an {@link Adapter}: the unit a researcher
 * swaps for another design. The machine hands each chip the cycles whose opcode it {@link #opcodes() executes};
 * the chip fills one row per cycle, in parallel, and pads with zero rows, on which every flag and so every
 * interaction is 0.
 */
public abstract class InstructionChip extends Chip {
  /** A chip named {@code name}. */
  protected InstructionChip(String name) {
    super(name);
  }

  /** The {@link dev.rivet.isa.Opcode}s this chip executes; no two chips of a machine share one. */
  public abstract int[] opcodes();

  /**
   * Writes the row that executes {@code cycle} of the record. Runs on several threads at once, each on its own
   * rows: it may write only row {@code row}, and allocate nothing.
   */
  protected abstract void fillRow(Trace trace, int row, ExecutionRecord record, DecodedCode code, int cycle);

  /** The chip's trace: one row per cycle of {@code cycles[0..count)}, padded to a power of two. */
  public Trace fill(ExecutionRecord record, DecodedCode code, int[] cycles, int count) {
    Trace trace = newTrace(heightFor(count));
    Parallel.forEachRange(count, (from, to) -> {
      for (int i = from; i < to; i++) {
        fillRow(trace, i, record, code, cycles[i]);
      }
    });
    fillPublic(trace, code);
    return trace;
  }

  /** Sets the trace's public values, for a chip that has some; the program's code is what they can depend on. */
  protected void fillPublic(Trace trace, DecodedCode code) {}

  /**
   * The least height of a machine table. FRI's final polynomial (2^6 coefficients under the default parameters)
   * bounds only the largest table, and the machine's byte table alone has 2^16 rows; the floor stays because the
   * program table's height, which it sets for short programs, is part of their image ID.
   */
  public static final int MIN_HEIGHT = 16;

  /** The smallest power of two holding {@code rows} rows, at least {@link #MIN_HEIGHT}. */
  public static int heightFor(int rows) {
    return Math.max(MIN_HEIGHT, Integer.highestOneBit(Math.max(1, rows - 1)) << 1);
  }
}
