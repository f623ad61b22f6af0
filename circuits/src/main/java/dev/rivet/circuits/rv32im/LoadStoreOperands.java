package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;

/**
 * The operand side of a load or store chip (LW/SW and the byte and halfword family): the fetched fields {@code rd},
 * {@code rs1}, {@code rs2}, {@code writes_rd}, the address rs1 + imm in user memory ({@link UserAddress}), the state
 * step to pc + 4, and the four accesses: rs1 read at slot 0, rs2 read at slot 1 on stores only, the memory word at
 * slot 2 and rd written at slot 3. The chip computes only what moves: the values read, written and loaded.
 *
 * <p><b>Constraints.</b> Those of {@link UserAddress}; the chip constrains {@code writes_rd} through
 * {@link Adapter#writesRd}. The rs1 read and the memory access have multiplicity {@code real}; a load's memory
 * access is a read only once the chip constrains the written word to the previous one.
 */
final class LoadStoreOperands {
  private final Column rd;
  private final Column rs1;
  private final Column rs2;
  /** The fetched {@code writes_rd}. */
  final Column writesRd;
  private UserAddress address;
  private Adapter.Access rs1Read;
  private Adapter.Access rs2Read;
  private Adapter.Access memAccess;
  private Adapter.Access rdWrite;

  /** Declares the fetched fields' columns in {@code chip}; {@link #connect} declares the rest. */
  LoadStoreOperands(Chip chip) {
    rd = chip.column("rd");
    rs1 = chip.column("rs1");
    rs2 = chip.column("rs2");
    writesRd = chip.column("writes_rd");
  }

  /**
   * Declares the address, with {@code lane} the byte offset inside the word (see {@link UserAddress}), the state
   * step, the fetch of {@code opcode} (linear in the flags) and the accesses: rs2 read as (bLo, bHi) where
   * {@code stores}, the memory word written with (newLo, newHi), rd with (rdLo, rdHi). Call before
   * {@link Adapter#finish}.
   */
  void connect(Adapter adapter, ByteTable bytes, Expr lane, Expr stores, Expr opcode, Expr bLo, Expr bHi,
      Expr newLo, Expr newHi, Expr rdLo, Expr rdHi) {
    Chip chip = adapter.pc.chip();
    Expr real = adapter.real();
    address = new UserAddress(chip, adapter, bytes, lane, stores);
    adapter.state(adapter.pc.plus(4));
    adapter.fetch(opcode, rd, rs1, rs2, address.immLo, address.immHi(), writesRd);
    rs1Read = adapter.readRegister("rs1", 0, rs1, address.aLo, address.aHi, real);
    rs2Read = adapter.readRegister("rs2", 1, rs2, bLo, bHi, stores);
    memAccess = adapter.write("mem", 2, address.wordIndex(), newLo, newHi, real);
    rdWrite = adapter.writeRegister("rd", 3, rd, rdLo, rdHi, writesRd);
  }

  /** The memory word's access, whose previous halves are the word before it. */
  Adapter.Access memAccess() {
    return memAccess;
  }

  /** Sets the trace's public values: the word bounds of {@code code}'s region, which stores avoid. */
  void fillPublic(Trace t, DecodedCode code) {
    address.fillPublic(t, code);
  }

  /**
   * Writes the fields, the address and the accesses of {@code row} for {@code cycle}, whose memory access is the
   * record's access row {@code access}, a store if {@code store}; returns the byte address. Call after
   * {@link Adapter#fillState}.
   */
  int fill(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle, int access, boolean store) {
    int pc = record.pc(cycle);
    int rdIndex = code.rd(pc);
    t.set(rd, row, rdIndex);
    t.set(rs1, row, code.rs1(pc));
    t.set(rs2, row, code.rs2(pc));
    int addr = address.fill(t, row, record.rs1Value(cycle), code.imm(pc));
    rs1Read.fill(t, row, record.rs1PrevTimestamp(cycle));
    memAccess.fill(t, row, record.accessPrevTimestamp(access), record.accessPrevValue(access));
    if (store) {
      rs2Read.fill(t, row, record.rs2PrevTimestamp(cycle));
      address.fillStore(t, row, addr, code);
    } else {
      rs2Read.skip(t, row);
    }
    rdWrite.fillRd(t, row, record, cycle, rdIndex, writesRd);
    return addr;
  }
}
