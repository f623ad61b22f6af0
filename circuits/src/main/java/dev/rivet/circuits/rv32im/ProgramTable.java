package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Parallel;
import dev.rivet.dsl.PreprocessedColumn;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.Program;
import dev.rivet.isa.Decoder;
import dev.rivet.isa.Instruction;

/**
 * The program as a lookup table: one preprocessed row per word of the code region, holding the word's pc and its
 * decoded fields, received on the {@link FetchMessage#BUS fetch bus} as often as the run fetched it.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> Preprocessed (fixed by the program, so by its image ID): {@code pc}, {@code opcode},
 * {@code rd}, {@code rs1}, {@code rs2}, {@code imm_lo}, {@code imm_hi}, {@code writes_rd} (the
 * {@link FetchMessage} fields, encoded by {@link FetchMessage#immLo} and {@link FetchMessage#immHi}) and
 * {@code fetchable}, 1 on rows holding an instruction. Main: {@code fetches}, a lookup counter. Row i holds the
 * word at {@code codeStart + 4i}; the height is the number of code words rounded up to a power of two (at least
 * {@link InstructionChip#MIN_HEIGHT}).
 * Rows that hold no instruction (a data word in the code region, which {@link Decoder} refuses, and the padding
 * rows, whose pcs continue past the code's end so that every row's message is distinct) keep their pc, zeros
 * elsewhere, and {@code fetchable} = 0.
 *
 * <p><b>Constraints.</b> One, "only instructions are fetched": {@code fetches · (1 − fetchable) = 0} (degree 2).
 * Interaction: receive the row's {@link FetchMessage} with multiplicity {@code fetches} (fields degree 1).
 *
 * <p><b>Soundness.</b> The messages are preprocessed, and every sender's multiplicity is bounded (0 or 1 per row),
 * so a fetch that no row holds can never be cancelled by any counter: the fetch bus balances only if every
 * fetched (pc, fields) is a row whose {@code fetchable} is 1, i.e. an instruction of the program at that pc,
 * decoded as the executor decodes it. Consequences the other chips rely on:
 * <ul>
 *   <li>every executed pc is 4-aligned and inside the code region (rows exist only at {@code codeStart + 4i});</li>
 *   <li>illegal words and addresses past the code are never executed;</li>
 *   <li>pc &lt; 2^30: the constructor refuses code that ends above 2^30, so a pc is one field element with no
 *       wraparound, and pc ± an offset of a branch or JAL (below 2^20 in magnitude) is computed exactly in the
 *       field;</li>
 *   <li>no instruction writes x0 ({@code writes_rd} is 0 when rd = 0) and register indices are below 32.</li>
 * </ul>
 *
 * <p><b>Filling.</b> {@link #fill} counts the record's fetches per pc, in parallel over cycle ranges, each worker
 * into its own array (one per worker, none per cycle); {@code Lookups.deriveMultiplicities} would derive the same
 * counts.
 */
public final class ProgramTable extends Chip {
  /** Code must end at or below this address: pcs then fit a field element with room for offsets. */
  public static final long CODE_LIMIT = 1L << 30;

  private final int codeStart;
  private final int codeWords;

  public final PreprocessedColumn pc;
  public final PreprocessedColumn opcode;
  public final PreprocessedColumn rd;
  public final PreprocessedColumn rs1;
  public final PreprocessedColumn rs2;
  public final PreprocessedColumn immLo;
  public final PreprocessedColumn immHi;
  public final PreprocessedColumn writesRd;
  public final PreprocessedColumn fetchable;
  public final Column fetches;

  /**
   * The table of {@code program}'s code region.
   *
   * @throws IllegalArgumentException if the code region ends above {@link #CODE_LIMIT}
   */
  public ProgramTable(Program program) {
    super("rv32_program");
    if (Integer.toUnsignedLong(program.codeEnd()) > CODE_LIMIT) {
      throw new IllegalArgumentException(String.format(
          "code region [0x%08x, 0x%08x) ends above 0x%08x, the highest code address the circuits support",
          program.codeStart(), program.codeEnd(), CODE_LIMIT));
    }
    codeStart = program.codeStart();
    codeWords = (program.codeEnd() - program.codeStart()) >>> 2;
    int height = InstructionChip.heightFor(codeWords);
    int[][] v = new int[9][height];
    for (int row = 0; row < height; row++) {
      int address = codeStart + 4 * row;
      v[0][row] = address;
      int word = row < codeWords ? program.image().word(address) : 0;
      if (row < codeWords && Decoder.opcode(word) != Decoder.ILLEGAL) {
        Instruction in = Decoder.decode(word);
        v[1][row] = in.opcode();
        v[2][row] = in.rd();
        v[3][row] = in.rs1();
        v[4][row] = in.rs2();
        v[5][row] = (int) FetchMessage.immLo(in.opcode(), in.imm()); // preprocessed() maps a negative one to p − |x|
        v[6][row] = (int) FetchMessage.immHi(in.opcode(), in.imm());
        v[7][row] = in.rd() != 0 ? 1 : 0; // Decoder gives rd = 0 to operations that write none
        v[8][row] = 1;
      }
    }
    pc = preprocessed("pc", v[0]);
    opcode = preprocessed("opcode", v[1]);
    rd = preprocessed("rd", v[2]);
    rs1 = preprocessed("rs1", v[3]);
    rs2 = preprocessed("rs2", v[4]);
    immLo = preprocessed("imm_lo", v[5]);
    immHi = preprocessed("imm_hi", v[6]);
    writesRd = preprocessed("writes_rd", v[7]);
    fetchable = preprocessed("fetchable", v[8]);
    fetches = multiplicity("fetches");
    assertZero("only instructions are fetched", fetches.times(fetchable.not()));
    receive(FetchMessage.BUS, new FetchMessage(pc, opcode, rd, rs1, rs2, immLo, immHi, writesRd), fetches);
  }

  /** Rows, a power of two: the code words and the padding after them. */
  public int height() {
    return table().preprocessedHeight();
  }

  /**
   * The table's trace for {@code record}: each row's {@code fetches} is the number of cycles whose pc is the row's.
   *
   * @throws IllegalArgumentException if the record executed a pc outside this program's code region
   */
  public Trace fill(ExecutionRecord record) {
    Trace trace = newTrace(height());
    int[] total = trace.column(fetches);
    Object lock = new Object();
    Parallel.forEachRange(record.cycleCount(), (from, to) -> {
      int[] counts = new int[codeWords];
      for (int c = from; c < to; c++) {
        int offset = record.pc(c) - codeStart;
        int row = offset >>> 2;
        if ((offset & 3) != 0 || Integer.compareUnsigned(row, codeWords) >= 0) {
          throw new IllegalArgumentException(String.format(
              "cycle %d ran pc 0x%08x, outside the code region of this program table", c, record.pc(c)));
        }
        counts[row]++;
      }
      synchronized (lock) {
        for (int row = 0; row < codeWords; row++) {
          total[row] += counts[row]; // at most 2^28 cycles per record: no reduction needed
        }
      }
    });
    return trace;
  }
}
