package dev.rivet.exec;

import dev.rivet.isa.Opcode;

/**
 * Fills an {@link ExecutionRecord} while the interpreter runs; see there for the layout. Keeps
 * the timestamp of the last access to every register and (in a sparse page table shaped like
 * {@link Memory}'s) every memory word, which is what makes each row carry its previous
 * timestamp.
 */
final class Recorder {
  private static final boolean[] READS_RS1 = new boolean[256];
  private static final boolean[] READS_RS2 = new boolean[256];
  private static final boolean[] WRITES_RD = new boolean[256];

  static {
    for (int op = 0; op < Opcode.COUNT; op++) {
      READS_RS1[op] = Opcode.readsRs1(op);
      READS_RS2[op] = Opcode.readsRs2(op);
      WRITES_RD[op] = Opcode.writesRd(op);
    }
  }

  private final IntRows cycles = new IntRows("cycle", ExecutionRecord.CYCLE_WIDTH);
  private final IntRows accesses = new IntRows("access", ExecutionRecord.ACCESS_WIDTH);
  private final IntRows ecalls = new IntRows("ecall", ExecutionRecord.ECALL_WIDTH);
  private final int[] registerTimestamps = new int[32];
  private final int[][] wordTimestamps = new int[MemoryMap.USER_END >>> MemoryMap.PAGE_SHIFT][];

  /** The current cycle: its index, the base of its timestamps, its row and pending rd. */
  private int cycle = -1;
  private int timestamp;
  private int[] row;
  private int rowOffset;
  private int rd;
  private int ecallRow = -1;

  /** Starts the row of a cycle; the register values are those before the instruction. */
  void begin(int pc, int word, int op, int rs1, int rs1Value, int rs2, int rs2Value, int rd,
      int rdPrevValue) {
    int at = cycles.append();
    int[] r = cycles.chunk;
    cycle++;
    timestamp = ExecutionRecord.timestamp(cycle, 0);
    r[at] = pc;
    r[at + 1] = word;
    if (READS_RS1[op]) {
      r[at + 2] = rs1Value;
      r[at + 3] = registerTimestamps[rs1];
      registerTimestamps[rs1] = timestamp;
    }
    if (READS_RS2[op]) {
      r[at + 4] = rs2Value;
      r[at + 5] = registerTimestamps[rs2];
      registerTimestamps[rs2] = timestamp + 1;
    }
    if (WRITES_RD[op] && rd != 0) {
      r[at + 7] = rdPrevValue;
      r[at + 8] = registerTimestamps[rd];
      registerTimestamps[rd] = timestamp + 3;
      this.rd = rd;
    } else {
      this.rd = 0;
    }
    row = r;
    rowOffset = at;
  }

  /** Ends the cycle's row with the value rd holds after the instruction. */
  void end(int rdValue) {
    if (rd != 0) {
      row[rowOffset + 6] = rdValue;
    }
  }

  /** A load's access to the word at {@code address}. */
  void load(int address, int value) {
    access(address, value, value, swapTimestamp(address, timestamp + 2), timestamp + 2);
  }

  /** A store's access to the word at {@code address}. */
  void store(int address, int value, int prevValue) {
    access(address, value, prevValue, swapTimestamp(address, timestamp + 2), timestamp + 2);
  }

  void beginEcall(int number) {
    ecallRow = ecalls.rows();
    int at = ecalls.append();
    int[] r = ecalls.chunk;
    r[at] = cycle;
    r[at + 1] = number;
    r[at + 2] = accesses.rows();
    r[at + 3] = accesses.rows();
  }

  void endEcall() {
    ecalls.set(ecallRow, 3, accesses.rows());
  }

  void ecallReadRegister(int index, int value) {
    int prev = registerTimestamps[index];
    if (prev < timestamp + 1) {
      registerTimestamps[index] = timestamp + 1;
      access(MemoryMap.registerAddress(index), value, value, prev, timestamp + 1);
    }
  }

  void ecallWriteRegister(int index, int value, int prevValue) {
    int prev = registerTimestamps[index];
    if (prev == timestamp + 2) {
      rewriteEcallWrite(MemoryMap.registerAddress(index), value);
    } else {
      registerTimestamps[index] = timestamp + 2;
      access(MemoryMap.registerAddress(index), value, prevValue, prev, timestamp + 2);
    }
  }

  void ecallReadWord(int address, int value) {
    int[] page = timestampPage(address);
    int i = (address >>> 2) & (MemoryMap.PAGE_WORDS - 1);
    int prev = page[i];
    if (prev < timestamp + 1) {
      page[i] = timestamp + 1;
      access(address, value, value, prev, timestamp + 1);
    }
  }

  void ecallWriteWord(int address, int value, int prevValue) {
    int[] page = timestampPage(address);
    int i = (address >>> 2) & (MemoryMap.PAGE_WORDS - 1);
    int prev = page[i];
    if (prev == timestamp + 2) {
      rewriteEcallWrite(address, value);
    } else {
      page[i] = timestamp + 2;
      access(address, value, prevValue, prev, timestamp + 2);
    }
  }

  /** A second write of one word in one ECALL: the record keeps one write with the last value. */
  private void rewriteEcallWrite(int address, int value) {
    for (int a = accesses.rows() - 1; ; a--) {
      if (accesses.get(a, 1) == address && accesses.get(a, 5) == timestamp + 2) {
        accesses.set(a, 2, value);
        return;
      }
    }
  }

  private void access(int address, int value, int prevValue, int prevTimestamp, int timestamp) {
    int at = accesses.append();
    int[] r = accesses.chunk;
    r[at] = cycle;
    r[at + 1] = address;
    r[at + 2] = value;
    r[at + 3] = prevValue;
    r[at + 4] = prevTimestamp;
    r[at + 5] = timestamp;
  }

  private int swapTimestamp(int address, int now) {
    int[] page = timestampPage(address);
    int i = (address >>> 2) & (MemoryMap.PAGE_WORDS - 1);
    int prev = page[i];
    page[i] = now;
    return prev;
  }

  private int[] timestampPage(int address) {
    int index = address >>> MemoryMap.PAGE_SHIFT;
    int[] page = wordTimestamps[index];
    if (page == null) {
      page = new int[MemoryMap.PAGE_WORDS];
      wordTimestamps[index] = page;
    }
    return page;
  }

  ExecutionRecord finish() {
    return new ExecutionRecord(cycles, accesses, ecalls);
  }
}
