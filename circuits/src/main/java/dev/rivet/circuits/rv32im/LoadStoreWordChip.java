package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.isa.Opcode;

/**
 * LW and SW: {@code rd = mem[rs1 + imm]} and {@code mem[rs1 + imm] = rs2}, whole aligned words of user memory.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link Adapter}'s; one-hot flags {@code is_lw}, {@code is_sw}; the fetched fields
 * {@code rd}, {@code rs1}, {@code rs2}, {@code writes_rd} and the immediate and address of {@link UserAddress}
 * ({@code imm_lo}, {@code imm_neg}, {@code a_lo}, {@code a_hi}, {@code w_lo}, {@code addr_hi}) with no lane offset,
 * so the address is 4·w_lo + 2^16·addr_hi: aligned by construction; the moved word {@code v_lo}, {@code v_hi};
 * UserAddress's store guard {@code below_code}, {@code code_gap_lo}, {@code code_gap_hi}. 31 columns. Public values
 * {@code code_start_word}, {@code code_end_word}: the code region's word bounds.
 *
 * <p><b>Accesses.</b> rs1 read (slot 0, ×real, value a); rs2 read (slot 1, ×is_sw, value v); the memory word
 * w = w_lo + 2^14·addr_hi written at slot 2 with value v (×real); rd written at slot 3 with value v
 * (×writes_rd). For LW the memory access is a read: its previous value (the adapter's {@code mem_prev_lo},
 * {@code mem_prev_hi}) is constrained equal to v under is_lw, so a load and a store share one access and its
 * columns. Interactions: state 2, fetch 1, four accesses 8, their order checks 4 U16 and 2 byte pairs, address
 * range 4, code gap 3 (on SW rows): 24, so about 31 + 2·24 = 79 cells per row.
 *
 * <p><b>Soundness.</b> The address is exact and in user memory ({@link UserAddress}), so no load or store reaches the
 * invalid page, the kernel words or the registers; an SW's word is moreover outside the code region, which the executor
 * traps a store into (UserAddress: the region's bounds are public values the receipt's image ID binds). v needs no
 * range check: for SW it is a received version of rs2, for LW a received version of the memory word (the access
 * consumes (w, v, prev_ts)), each range-checked by its writer or fixed by the image. {@code writes_rd} is Boolean, zero
 * off real rows and fixed by the fetch on real ones (0 for SW and for rd = x0); the opcode is Σ flag·opcode, so a row
 * executes exactly the fetched instruction.
 */
public final class LoadStoreWordChip extends InstructionChip {
  private final Adapter adapter;
  private final Column isLw = column("is_lw");
  private final Column isSw = column("is_sw");
  private final LoadStoreOperands operands = new LoadStoreOperands(this);
  private final Column vLo = column("v_lo");
  private final Column vHi = column("v_hi");

  /** The chip, sending its range checks to {@code bytes}. */
  public LoadStoreWordChip(ByteTable bytes) {
    super("rv32_mem_word");
    Expr real = Adapter.oneHot(this, isLw, isSw);
    adapter = new Adapter(this, real, bytes);
    adapter.writesRd(operands.writesRd);
    operands.connect(adapter, bytes, Expr.ZERO, isSw, isLw.times(Opcode.LW).plus(isSw.times(Opcode.SW)), vLo, vHi,
        vLo, vHi, vLo, vHi);
    adapter.finish();
    Adapter.Access memAccess = operands.memAccess();
    // A load writes back what it found: its access is a read.
    when(isLw).assertEq("LW: the memory word is unchanged (low half)", memAccess.prevLo(), vLo);
    when(isLw).assertEq("LW: the memory word is unchanged (high half)", memAccess.prevHi(), vHi);
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.LW, Opcode.SW};
  }

  @Override
  protected void fillPublic(Trace trace, DecodedCode code) {
    operands.fillPublic(trace, code);
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    boolean load = code.opcode(pc) == Opcode.LW;
    adapter.fillState(t, row, pc, cycle);
    t.set(load ? isLw : isSw, row, 1);
    int access = record.accessOf(cycle);
    operands.fill(t, row, record, code, cycle, access, !load);
    Words.fillHalves(t, row, vLo, vHi, record.accessValue(access));
  }
}
