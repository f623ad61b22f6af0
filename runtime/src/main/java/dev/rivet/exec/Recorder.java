package dev.rivet.exec;

import dev.rivet.isa.Opcode;
import java.util.Arrays;

/**
 * Fills an {@link ExecutionRecord} while the interpreter runs; see there for the layout. Keeps
 * the timestamp of the last access to every register and (in a sparse page table shaped like
 * {@link Memory}'s) every memory word, which is what makes each row carry its previous
 * timestamp.
 */
final class Recorder {
  private static final int RS1 = 1;
  private static final int RS2 = 2;
  private static final int RD = 4;
  /** Which registers each opcode accesses, as RS1 | RS2 | RD bits; 0 for illegal words. */
  private static final byte[] USES = new byte[256];

  static {
    for (int op = 0; op < Opcode.COUNT; op++) {
      USES[op] = (byte) ((Opcode.readsRs1(op) ? RS1 : 0) | (Opcode.readsRs2(op) ? RS2 : 0)
          | (Opcode.writesRd(op) ? RD : 0));
    }
  }

  private static final int W = ExecutionRecord.CYCLE_WIDTH;
  private static final int CHUNK_ROWS = IntRows.CHUNK_ROWS;

  /**
   * The cycle table, managed here rather than through an {@link IntRows} because it grows by one
   * row every instruction: full chunks, the chunk being filled and the offset of the next row.
   */
  private int[][] cycleChunks = new int[8][];
  private int fullCycleChunks;
  private int[] cycleRows = new int[0];
  private int next;

  private final IntRows accesses = new IntRows("access", ExecutionRecord.ACCESS_WIDTH);
  private final IntRows ecalls = new IntRows("ecall", ExecutionRecord.ECALL_WIDTH);
  private final int[] registerTimestamps = new int[32];
  private final int[][] wordTimestamps = new int[MemoryMap.USER_END >>> MemoryMap.PAGE_SHIFT][];

  /** The current cycle's index and the base of its timestamps. */
  private int cycle = -1;
  private int timestamp;
  private int ecallRow = -1;

  /** Starts the row of a cycle; the register values are those before the instruction. */
  void begin(int pc, int op, int rs1, int rs1Value, int rs2, int rs2Value, int rd,
      int rdPrevValue) {
    if (next == cycleRows.length) {
      newCycleChunk();
    }
    final int[] r = cycleRows;
    final int at = next;
    next = at + W;
    final int ts = ExecutionRecord.timestamp(++cycle, 0);
    timestamp = ts;
    final int[] regTs = registerTimestamps;
    r[at] = pc;
    int uses = USES[op];
    if ((uses & RS1) != 0) {
      r[at + 1] = rs1Value;
      r[at + 2] = regTs[rs1];
      regTs[rs1] = ts;
    }
    if ((uses & RS2) != 0) {
      r[at + 3] = rs2Value;
      r[at + 4] = regTs[rs2];
      regTs[rs2] = ts + 1;
    }
    if ((uses & RD) != 0 && rd != 0) {
      r[at + 6] = rdPrevValue;
      r[at + 7] = regTs[rd];
      regTs[rd] = ts + 3;
    }
  }

  /** Ends the cycle's row with the value rd holds after the instruction (0 if not written). */
  void end(int op, int rd, int rdValue) {
    if ((USES[op] & RD) != 0 && rd != 0) {
      cycleRows[next - W + 5] = rdValue;
    }
  }

  private void newCycleChunk() {
    if (cycleRows.length > 0) {
      if (fullCycleChunks == cycleChunks.length) {
        cycleChunks = Arrays.copyOf(cycleChunks, 2 * fullCycleChunks);
      }
      cycleChunks[fullCycleChunks++] = cycleRows;
    }
    cycleRows = new int[CHUNK_ROWS * W];
    next = 0;
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

  ExecutionRecord finish(int codeStart, int[] code) {
    IntRows cycles = new IntRows("cycle", W);
    for (int i = 0; i < fullCycleChunks; i++) {
      cycles.appendChunk(cycleChunks[i], CHUNK_ROWS);
    }
    if (next > 0) {
      cycles.appendChunk(cycleRows, next / W);
    }
    return new ExecutionRecord(cycles, accesses, ecalls, codeStart, code);
  }
}
