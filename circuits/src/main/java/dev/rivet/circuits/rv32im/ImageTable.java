package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.PreprocessedColumn;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.MemoryImage;
import dev.rivet.isa.MemoryMap;
import java.util.Arrays;

/**
 * The program's initial memory as the first version of every word it holds: one preprocessed row per non-zero word
 * of the image, sending (word index, value, timestamp 0) on the {@link MemoryMessage#BUS memory bus}. Preprocessed,
 * so committed with the program (the image ID), not by the prover.
 *
 * <p>Every image word gets its initial version whether the run touches it or not; the
 * {@link MemoryBoundaryTable} receives the final version of each. An image word cannot also be zero-initialised:
 * it would have two first versions and one final, and the bus would not balance. Words the image does not hold
 * start at 0 through the boundary table.
 */
public final class ImageTable extends Chip {
  private final int words;
  private final Column sent;
  private final int[] real;

  /** The table of {@code image}. */
  public ImageTable(MemoryImage image) {
    super("rv32_image");
    int[] addresses = nonZeroWords(image);
    words = addresses.length;
    int height = InstructionChip.heightFor(words);
    int[][] v = new int[4][height];
    for (int i = 0; i < words; i++) {
      int value = image.word(addresses[i]);
      v[0][i] = addresses[i] >>> 2;
      v[1][i] = value & 0xffff;
      v[2][i] = value >>> 16;
      v[3][i] = 1;
    }
    PreprocessedColumn address = preprocessed("address", v[0]);
    PreprocessedColumn lo = preprocessed("value_lo", v[1]);
    PreprocessedColumn hi = preprocessed("value_hi", v[2]);
    PreprocessedColumn real = preprocessed("real", v[3]);
    // A table commits at least one main column; this one is the multiplicity, pinned to the preprocessed flag.
    sent = column("sent");
    assertBool("sent is a bit", sent);
    assertEq("every image word is sent once", sent, real);
    send(MemoryMessage.BUS, new MemoryMessage(address, lo, hi, Expr.ZERO), sent);
    this.real = v[3];
  }

  /** The table's trace: its only main column copies the preprocessed {@code real}. */
  public Trace fill() {
    Trace trace = newTrace(table().preprocessedHeight());
    System.arraycopy(real, 0, trace.column(sent), 0, real.length);
    return trace;
  }

  /** The byte addresses of the image's non-zero words, ascending. */
  public static int[] nonZeroWords(MemoryImage image) {
    int[] out = new int[image.pageCount() * MemoryMap.PAGE_WORDS];
    int n = 0;
    for (int p = 0; p < image.pageCount(); p++) {
      int page = image.pageAddress(p);
      for (int w = 0; w < MemoryMap.PAGE_WORDS; w++) {
        if (image.word(page + 4 * w) != 0) {
          out[n++] = page + 4 * w;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }
}
