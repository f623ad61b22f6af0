package dev.rivet.exec;

import dev.rivet.isa.MemoryMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fills an {@link ExecutionRecord} while the interpreter runs; see there for the layout.
 *
 * <h2>Two cores</h2>
 *
 * A complete cycle row costs the interpreter about as much again as executing the instruction:
 * its loop is short of registers, so every operand kept alive for the recorder is a spill, and
 * every register timestamp a load and a store. So the interpreter's thread writes into each
 * cycle row only what it alone knows, the pc and the value rd holds afterwards ({@link #step}),
 * and records loads, stores and ECALL accesses in full (they are a minority of cycles). Every
 * {@value #BLOCK_ROWS} rows it hands the block to a {@link RowCompleter} on another thread,
 * which replays the register file over the block to fill in the operands, rd's previous value
 * and the previous register timestamps, and the previous timestamps of ECALL register accesses.
 * A recorded run returns when both are done; on a machine with two cores they overlap, and
 * recording costs the interpreter two stores and a compare per instruction.
 *
 * <p>Memory words keep the timestamp of their last access in a sparse page table shaped like
 * {@link Memory}'s, on the interpreter's thread, because loads and stores are recorded in full.
 */
final class Recorder {
  private static final int W = ExecutionRecord.CYCLE_WIDTH;
  private static final int CHUNK_ROWS = IntRows.CHUNK_ROWS;

  private final ChunkPool pool;

  /**
   * The cycle table, managed here rather than through an {@link IntRows} because it grows by one
   * row every instruction: full chunks, the chunk being filled and the offset of the next row.
   */
  private int[][] cycleChunks = new int[8][];
  private int fullCycleChunks;
  private int[] cycleRows = new int[0];
  private int next;
  /** Where {@link #step} next stops to call {@link #reachedLimit}. */
  private int limit;
  /** The offset in {@link #cycleRows} up to which rows went to the completer. */
  private int submitted;

  /**
   * Rows handed to the completer at a time: few enough (8,192 rows are 256 KB) that they are
   * likely still in a shared cache when it reads them, many enough that the hand-off, a queue
   * operation, costs nothing per instruction.
   */
  private static final int BLOCK_ROWS = 8192;

  private final RowCompleter completer;
  private final int codeStart;
  /** The access rows of ECALL register accesses since the last block, for the completer. */
  private List<RowCompleter.AccessRow> ecallRegisterAccesses = new ArrayList<>();

  private final IntRows accesses;
  private final IntRows ecalls;
  private final int[][] wordTimestamps = new int[MemoryMap.USER_END >>> MemoryMap.PAGE_SHIFT][];
  /**
   * Timestamps of the kernel page that holds {@link MemoryMap#JOURNAL_CURSOR} and {@link
   * MemoryMap#INPUT_EOF}, the only kernel words recorded as memory words (registers are the
   * completer's): {@link #wordTimestamps} covers user memory only, and only ECALLs reach this
   * page, so loads and stores never test for it.
   */
  private final int[] kernelTimestamps = new int[MemoryMap.PAGE_WORDS];

  /** The ECALL being run: its row, its cycle, and the registers it has accessed and written. */
  private int ecallRow = -1;
  private int ecallCycle;
  private int ecallAccessed;
  private int ecallWritten;
  /** The offset of the last access row in the access table's current chunk. */
  private int lastAccess;

  /**
   * A recorder for a run of the code at {@code codeStart}, whose decoded form (the
   * interpreter's) is {@code decoded}: its {@link Interpreter#READS_RS1_BIT}, {@link
   * Interpreter#READS_RS2_BIT} and {@link Interpreter#WRITES_RD_BIT} bits say which registers
   * each instruction accesses.
   */
  Recorder(ChunkPool pool, int codeStart, int[] decoded) {
    this.pool = pool;
    this.codeStart = codeStart;
    this.completer = new RowCompleter(codeStart, decoded);
    this.accesses = new IntRows("access", ExecutionRecord.ACCESS_WIDTH, pool);
    this.ecalls = new IntRows("ecall", ExecutionRecord.ECALL_WIDTH, pool);
  }

  /** Ends a cycle: the instruction at {@code pc} left {@code rdValue} in its rd field's register. */
  void step(int pc, int rdValue) {
    if (next == limit) {
      reachedLimit();
    }
    final int[] r = cycleRows;
    final int at = next;
    r[at] = pc;
    r[at + 5] = rdValue;
    next = at + W;
  }

  /** Completes the rows written since the last time, and starts a new chunk when one is full. */
  private void reachedLimit() {
    submit();
    if (next == cycleRows.length) {
      if (cycleRows.length > 0) {
        if (fullCycleChunks == cycleChunks.length) {
          cycleChunks = Arrays.copyOf(cycleChunks, 2 * fullCycleChunks);
        }
        cycleChunks[fullCycleChunks++] = cycleRows;
      }
      cycleRows = pool.take(CHUNK_ROWS * W);
      next = 0;
      submitted = 0;
    }
    limit = Math.min(next + BLOCK_ROWS * W, cycleRows.length);
  }

  /** The index of the cycle being executed: the rows recorded so far. */
  private int cycle() {
    return fullCycleChunks * CHUNK_ROWS + next / W;
  }

  /** A load's access to the word at {@code address}. */
  void load(int address, int value) {
    int cycle = cycle();
    int ts = ExecutionRecord.timestamp(cycle, 2);
    access(cycle, address, value, value, swapTimestamp(address, ts), ts);
  }

  /** A store's access to the word at {@code address}. */
  void store(int address, int value, int prevValue) {
    int cycle = cycle();
    int ts = ExecutionRecord.timestamp(cycle, 2);
    access(cycle, address, value, prevValue, swapTimestamp(address, ts), ts);
  }

  void beginEcall(int number) {
    ecallCycle = cycle();
    ecallAccessed = 0;
    ecallWritten = 0;
    ecallRow = ecalls.rows();
    int at = ecalls.append();
    int[] r = ecalls.chunk;
    r[at] = ecallCycle;
    r[at + 1] = number;
    r[at + 2] = accesses.rows();
    r[at + 3] = accesses.rows();
  }

  void endEcall() {
    ecalls.set(ecallRow, 3, accesses.rows());
  }

  /**
   * An ECALL's read of a register: recorded unless this ECALL accessed the register already. Its
   * previous timestamp is filled in by {@link #finish}.
   */
  void ecallReadRegister(int index, int value) {
    int bit = 1 << index;
    if ((ecallAccessed & bit) == 0) {
      ecallAccessed |= bit;
      access(ecallCycle, MemoryMap.registerAddress(index), value, value, 0,
          ExecutionRecord.timestamp(ecallCycle, 1));
      forCompleter();
    }
  }

  /** An ECALL's write of a register: a second write of one register rewrites the first. */
  void ecallWriteRegister(int index, int value, int prevValue) {
    int bit = 1 << index;
    if ((ecallWritten & bit) != 0) {
      rewriteEcallWrite(MemoryMap.registerAddress(index), value);
    } else {
      ecallAccessed |= bit;
      ecallWritten |= bit;
      access(ecallCycle, MemoryMap.registerAddress(index), value, prevValue, 0,
          ExecutionRecord.timestamp(ecallCycle, 2));
      forCompleter();
    }
  }

  /**
   * An ECALL's read of the word at {@code address} (user memory or a kernel word): recorded
   * unless this ECALL accessed the word already.
   */
  void ecallReadWord(int address, int value) {
    int[] page = ecallTimestampPage(address);
    int i = (address >>> 2) & (MemoryMap.PAGE_WORDS - 1);
    int prev = page[i];
    int ts = ExecutionRecord.timestamp(ecallCycle, 1);
    if (prev < ts) {
      page[i] = ts;
      access(ecallCycle, address, value, value, prev, ts);
    }
  }

  /**
   * An ECALL's write of the word at {@code address} (user memory or a kernel word): a second
   * write of one word rewrites the first.
   */
  void ecallWriteWord(int address, int value, int prevValue) {
    int[] page = ecallTimestampPage(address);
    int i = (address >>> 2) & (MemoryMap.PAGE_WORDS - 1);
    int prev = page[i];
    int ts = ExecutionRecord.timestamp(ecallCycle, 2);
    if (prev == ts) {
      rewriteEcallWrite(address, value);
    } else {
      page[i] = ts;
      access(ecallCycle, address, value, prevValue, prev, ts);
    }
  }

  /** Leaves the access row just appended, a register's, for the completer to finish. */
  private void forCompleter() {
    ecallRegisterAccesses.add(new RowCompleter.AccessRow(accesses.chunk, lastAccess));
  }

  /** Stops the completer of a run that trapped, whose record nobody will read. */
  void abandon() {
    completer.abandon();
  }

  /** A second write of one word in one ECALL: the record keeps one write with the last value. */
  private void rewriteEcallWrite(int address, int value) {
    int ts = ExecutionRecord.timestamp(ecallCycle, 2);
    for (int a = accesses.rows() - 1; ; a--) {
      if (accesses.get(a, 1) == address && accesses.get(a, 5) == ts) {
        accesses.set(a, 2, value);
        return;
      }
    }
  }

  private void access(int cycle, int address, int value, int prevValue, int prevTimestamp,
      int timestamp) {
    int at = accesses.append();
    lastAccess = at;
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

  /** {@link #timestampPage}, or for the journal cursor and the end-of-input word their kernel page. */
  private int[] ecallTimestampPage(int address) {
    if (Integer.compareUnsigned(address, MemoryMap.USER_END) < 0) {
      return timestampPage(address);
    }
    if (address >>> MemoryMap.PAGE_SHIFT != MemoryMap.JOURNAL_CURSOR >>> MemoryMap.PAGE_SHIFT) {
      throw new IllegalArgumentException(String.format(
          "0x%08x is neither user memory nor the kernel words' page", address));
    }
    return kernelTimestamps;
  }

  /** Hands the rows written since the last block to the completer. */
  private void submit() {
    if (next > submitted) {
      // The list goes to the other thread, so it is never appended to after this.
      List<RowCompleter.AccessRow> handedOver = List.of();
      if (!ecallRegisterAccesses.isEmpty()) {
        handedOver = ecallRegisterAccesses;
        ecallRegisterAccesses = new ArrayList<>();
      }
      completer.submit(new RowCompleter.Block(cycleRows, submitted, next,
          fullCycleChunks * CHUNK_ROWS + submitted / W, handedOver));
      submitted = next;
    }
  }

  /** Waits for the completer and hands the tables over. */
  ExecutionRecord finish(int[] code) {
    submit();
    completer.finish();
    IntRows cycles = new IntRows("cycle", W, pool);
    for (int i = 0; i < fullCycleChunks; i++) {
      cycles.appendChunk(cycleChunks[i], CHUNK_ROWS);
    }
    if (next > 0) {
      cycles.appendChunk(cycleRows, next / W);
    }
    return new ExecutionRecord(cycles, accesses, ecalls, codeStart, code);
  }
}
