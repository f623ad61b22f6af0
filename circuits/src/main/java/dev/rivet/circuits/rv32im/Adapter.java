package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.MemoryMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The part every instruction chip shares: it receives the machine state, fetches its instruction, makes its
 * register and memory accesses, and sends the next state. A family chip (the <i>core</i>) instantiates one adapter
 * and computes only its result; see docs/circuits.md, "The adapter".
 *
 * <h2>Design note</h2>
 *
 * <p><b>State.</b> Columns {@code pc} and {@code clk}; {@link #state} receives (pc, clk) and sends
 * (next pc, clk + 4), both with multiplicity {@code real}, the chip's Σ of one-hot operation flags (0 on padding
 * rows, which therefore take part in no interaction).
 *
 * <p><b>Accesses.</b> Every register or memory access at slot s of the cycle receives the accessed word's previous
 * version (address, previous value, {@code prev_ts}) and sends its new version (address, value, clk + s) on the
 * {@link MemoryMessage#BUS memory bus}. It costs two columns, {@code prev_ts} and {@code dlo}, and proves
 * prev_ts &lt; clk + s: d = clk + s − prev_ts − 1 = dlo + 2^16·dhi with dlo a 16-bit lookup and dhi (an expression,
 * not a column) a byte, two accesses' dhi sharing one byte-pair lookup. So d ∈ [0, 2^24), and since every timestamp
 * a sender can produce is below 2^24 ≪ p, the order is the integers' and the version chain of a word cannot loop.
 * The lookups run with multiplicity {@code real}; on a real row whose access has multiplicity 0 (rd = x0) the filler
 * sets prev_ts = clk + s − 1 so that they hold ({@link Access#skip}).
 *
 * <p>Values are 16-bit halves. A read needs no range check (what it receives is a version some writer checked, or
 * the image); the core range-checks what it writes.
 *
 * <p>Registers are the words {@code REGISTER_BASE / 4 + i} of the same memory argument (word indices, not byte
 * addresses: a byte address above p would alias).
 */
public final class Adapter {
  /** The word index of register x0; xi is at this plus i. */
  public static final int REGISTER_WORD = MemoryMap.REGISTER_BASE >>> 2;
  private static final Expr INV_2_16 = Expr.constant(BabyBear.inv(1 << 16));

  private final Chip chip;
  private final Expr real;
  private final ConstraintScope onReal;
  private final ByteTable bytes;
  private final List<Expr> highs = new ArrayList<>();

  /** The instruction's address. */
  public final Column pc;
  /** The cycle's clock, 4(c + 1) for cycle c. */
  public final Column clk;

  /**
   * An adapter declaring its columns in {@code chip}; {@code real} is 1 on rows that execute an instruction and 0 on
   * padding (a linear expression of Boolean flags, so the multiplicities stay degree 1).
   */
  public Adapter(Chip chip, Expr real, ByteTable bytes) {
    this.chip = chip;
    this.real = real;
    this.onReal = chip.when(real);
    this.bytes = bytes;
    this.pc = chip.column("pc");
    this.clk = chip.column("clk");
  }

  /** 1 on rows that execute an instruction. */
  public Expr real() {
    return real;
  }

  /** The scope of real rows, for the core's lookups. */
  public ConstraintScope onReal() {
    return onReal;
  }

  /** Receives (pc, clk) and sends (nextPc, clk + 4). */
  public void state(Expr nextPc) {
    chip.receive(StateMessage.BUS, new StateMessage(pc, clk), real);
    chip.send(StateMessage.BUS, new StateMessage(nextPc, clk.plus(4)), real);
  }

  /** Receives (pc, clk) and sends nothing: the state moves on through the {@link EcallMessage ECALL bus}. */
  public void stateEndsHere() {
    chip.receive(StateMessage.BUS, new StateMessage(pc, clk), real);
  }

  /** Sends the fetch of the row's instruction; the fields must be linear for the LogUp batching. */
  public void fetch(Expr opcode, Expr rd, Expr rs1, Expr rs2, Expr immLo, Expr immHi, Expr writesRd) {
    chip.send(FetchMessage.BUS, new FetchMessage(pc, opcode, rd, rs1, rs2, immLo, immHi, writesRd), real);
  }

  /** Reads the word at {@code address} (a word index) at slot {@code slot}: the value is (lo, hi). */
  public Access read(String name, int slot, Expr address, Expr lo, Expr hi, Expr multiplicity) {
    Column prevTs = chip.column(name + "_prev_ts");
    chip.receive(MemoryMessage.BUS, new MemoryMessage(address, lo, hi, prevTs), multiplicity);
    chip.send(MemoryMessage.BUS, new MemoryMessage(address, lo, hi, clk.plus(slot)), multiplicity);
    return new Access(slot, prevTs, order(name, slot, prevTs), null, null);
  }

  /** Reads register {@code index} at slot {@code slot}. */
  public Access readRegister(String name, int slot, Expr index, Expr lo, Expr hi, Expr multiplicity) {
    return read(name, slot, index.plus(REGISTER_WORD), lo, hi, multiplicity);
  }

  /**
   * Writes (lo, hi) to the word at {@code address} at slot {@code slot}, consuming its previous version, held in
   * the columns {@code <name>_prev[0..1]}.
   */
  public Access write(String name, int slot, Expr address, Expr lo, Expr hi, Expr multiplicity) {
    Column prevTs = chip.column(name + "_prev_ts");
    Column prevLo = chip.column(name + "_prev_lo");
    Column prevHi = chip.column(name + "_prev_hi");
    chip.receive(MemoryMessage.BUS, new MemoryMessage(address, prevLo, prevHi, prevTs), multiplicity);
    chip.send(MemoryMessage.BUS, new MemoryMessage(address, lo, hi, clk.plus(slot)), multiplicity);
    return new Access(slot, prevTs, order(name, slot, prevTs), prevLo, prevHi);
  }

  /** Writes register {@code index} at slot {@code slot}. */
  public Access writeRegister(String name, int slot, Expr index, Expr lo, Expr hi, Expr multiplicity) {
    return write(name, slot, index.plus(REGISTER_WORD), lo, hi, multiplicity);
  }

  private Column order(String name, int slot, Column prevTs) {
    Column dlo = chip.column(name + "_dlo");
    Expr d = clk.plus(slot - 1).minus(prevTs);
    bytes.lookup(onReal, dlo);
    highs.add(d.minus(dlo).times(INV_2_16));
    return dlo;
  }

  /** Emits the pending byte checks of the accesses' high parts; call once, after the last access. */
  public void finish() {
    bytes.bytes(onReal, highs);
    highs.clear();
  }

  /** Writes the state columns of {@code row}: the cycle's pc and clock. */
  public void fillState(Trace trace, int row, int pc, int cycle) {
    trace.set(this.pc, row, pc);
    trace.set(clk, row, 4L * (cycle + 1));
  }

  /**
   * One access's columns. Its fill methods take the access's timestamp from the row's clock, so call
   * {@link #fillState} first.
   */
  public final class Access {
    private final int slot;
    private final Column prevTs;
    private final Column dlo;
    private final Column prevLo;
    private final Column prevHi;

    private Access(int slot, Column prevTs, Column dlo, Column prevLo, Column prevHi) {
      this.slot = slot;
      this.prevTs = prevTs;
      this.dlo = dlo;
      this.prevLo = prevLo;
      this.prevHi = prevHi;
    }

    /** A write's column of the previous value's low half (a core may decompose it); null for a read. */
    public Column prevLo() {
      return prevLo;
    }

    /** A write's column of the previous value's high half; null for a read. */
    public Column prevHi() {
      return prevHi;
    }

    /** Fills a read, or a write whose previous value is {@code prevValue}, made after {@code prevTimestamp}. */
    public void fill(Trace trace, int row, int prevTimestamp, int prevValue) {
      long d = trace.get(clk, row) + slot - 1L - prevTimestamp;
      trace.set(prevTs, row, prevTimestamp);
      trace.set(dlo, row, (int) (d & 0xffff));
      if (prevLo != null) {
        trace.set(prevLo, row, prevValue & 0xffff);
        trace.set(prevHi, row, prevValue >>> 16);
      }
    }

    /** Fills a read, which has no previous value columns. */
    public void fill(Trace trace, int row, int prevTimestamp) {
      fill(trace, row, prevTimestamp, 0);
    }

    /** Fills an access that this row does not make (multiplicity 0), so that its order check still holds. */
    public void skip(Trace trace, int row) {
      fill(trace, row, (int) (trace.get(clk, row) + slot - 1), 0);
    }
  }
}
