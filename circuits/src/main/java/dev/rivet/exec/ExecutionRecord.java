package dev.rivet.exec;

import dev.rivet.isa.MemoryMap;

/**
 * What the circuits need to know about one execution, cycle by cycle: the witness the trace
 * tables are filled from.
 *
 * <h2>Design</h2>
 *
 * The record is laid out for an offline memory-checking argument (as in Blum et al. and the
 * "memory in the head" arguments of SP1 and RISC Zero): every access to a memory word or a
 * register is a tuple (address, previous value, previous timestamp, new value, timestamp), where a
 * read has new value = previous value. The argument receives (address, previous value, previous
 * timestamp) and sends (address, new value, timestamp) on a bus, checks that each timestamp is
 * greater than the previous one, and closes the books with an initial table (the program's image,
 * timestamp 0) and a final table (the last value and timestamp of every word).
 *
 * <p><b>Timestamps.</b> Cycle {@code c} (0-based) owns the four timestamps {@code 4(c+1) + slot}
 * ({@link #timestamp}); timestamp 0 is the initial image. Slot 0 reads rs1, slot 1 reads rs2,
 * slot 2 is the load or store, slot 3 writes rd. An ECALL reads (registers and memory) at slot 1
 * and writes at slot 2; it reads each word at most once and records only its last write of a
 * word, so no address gets two accesses with one timestamp. Timestamps fit an {@code int}
 * because a record holds at most {@link #MAX_CYCLES} cycles (a prover segments long runs far
 * earlier).
 *
 * <p><b>Registers</b> are memory words at {@link MemoryMap#registerAddress}. Which of rs1, rs2
 * and rd an instruction accesses follows from its opcode ({@link dev.rivet.isa.Opcode#readsRs1}
 * etc.); a read of x0 is an access (value 0), a write to x0 is not. Register accesses of ordinary
 * instructions are in the cycle table; those of ECALLs in the access table.
 *
 * <h2>Layout</h2>
 *
 * Three tables of {@code int} rows, held row-major in chunked primitive arrays (no object per
 * cycle). Fields an instruction does not use are 0.
 *
 * <p>Cycle table, one row per executed instruction, including the ECALL that halts:
 *
 * <pre>
 * | field | accessor               | meaning                                                |
 * |-------|------------------------|--------------------------------------------------------|
 * | 0     | pc                     | address of the instruction                             |
 * | 1     | rs1Value               | value read from rs1                                    |
 * | 2     | rs1PrevTimestamp       | timestamp of rs1's previous access                     |
 * | 3     | rs2Value               | value read from rs2                                    |
 * | 4     | rs2PrevTimestamp       | timestamp of rs2's previous access                     |
 * | 5     | rdValue                | value written to rd (the instruction's result)         |
 * | 6     | rdPrevValue            | rd's value before the write                            |
 * | 7     | rdPrevTimestamp        | timestamp of rd's previous access                      |
 * </pre>
 *
 * The instruction word ({@link #instruction}) is not stored per cycle: code is read-only, so it
 * is the program's word at the pc, which saves a ninth of the cycle table.
 *
 * <p>Access table, one row per word access by a load, a store or an ECALL, in execution order:
 *
 * <pre>
 * | field | accessor               | meaning                                                |
 * |-------|------------------------|--------------------------------------------------------|
 * | 0     | accessCycle            | the cycle that made the access                         |
 * | 1     | accessAddress          | word address (user memory, a register, a kernel word)  |
 * | 2     | accessValue            | the word after the access (= previous for a read)      |
 * | 3     | accessPrevValue        | the word before the access                             |
 * | 4     | accessPrevTimestamp    | timestamp of the word's previous access (0: image)     |
 * | 5     | accessTimestamp        | timestamp of this access                               |
 * </pre>
 *
 * A byte or halfword store is a word access whose value differs from the previous value only in
 * the stored lanes; a load's value is the whole word, from which the circuit extracts the lane.
 *
 * <p>ECALL table, one row per executed ECALL:
 *
 * <pre>
 * | field | accessor               | meaning                                                |
 * |-------|------------------------|--------------------------------------------------------|
 * | 0     | ecallCycle             | the cycle of the ECALL instruction                     |
 * | 1     | ecallNumber            | the call number (a7)                                   |
 * | 2     | ecallFirstAccess       | index of its first row in the access table             |
 * | 3     | ecallEndAccess         | index one past its last row in the access table        |
 * </pre>
 *
 * <h2>ECALL accesses</h2>
 *
 * The access rows of an ECALL, from {@code ecallFirstAccess} to {@code ecallEndAccess}, come in
 * a fixed order that the ECALL circuits replay. Every ECALL starts with the read of a7 (the
 * call number), made before the handler runs. The built-in calls then record exactly these
 * accesses, in this order ({@code J} is the journal cursor, {@link MemoryMap#JOURNAL_CURSOR}, the
 * journal's length before the call, 0 at the start of a run; {@code E} the end-of-input word,
 * {@link MemoryMap#INPUT_EOF}, 1 once a read returned fewer bytes than its length, 0 before):
 *
 * <pre>
 * | call                 | rows, in order: address (slot) = value                               |
 * |----------------------|----------------------------------------------------------------------|
 * | halt (93)            | a7 (1); a0 (1) = exit code; J (1)                                    |
 * | read (63)            | a7 (1); a0 (1) = fd; a1 (1) = buffer; a2 (1) = length; E (1);        |
 * |                      | the words of [a1, a1 + n) (2), ascending, once each, bytes outside   |
 * |                      | the range kept; a0 (2) = n, the bytes read (no word rows if n = 0);  |
 * |                      | E (2) = 1 if n &lt; length, else E (also when a2 = 0)               |
 * | write (64)           | a7 (1); a0 (1) = fd; a1 (1) = buffer; a2 (1) = length; a0 (2) = a2;  |
 * |                      | no rows for the buffer, whose content is not proved                  |
 * | commit (256)         | a7 (1); a0 (1) = buffer; a1 (1) = length; J (1);                     |
 * |                      | the words of [a0, a0 + a1) (1), ascending, once each;                |
 * |                      | a0 (2) = 0; J (2) = J + a1 (also when a1 = 0)                        |
 * | sha256_compress (257)| a7 (1); a0 (1) = state; a1 (1) = block; the 8 state words (1),       |
 * |                      | ascending; the 16 block words (1), ascending, less any state word    |
 * |                      | already read; the 8 state words (2), ascending; a0 (2) = 0           |
 * </pre>
 *
 * A register's address is {@link MemoryMap#registerAddress} of its index (a0 = x10, a1 = x11,
 * a2 = x12, a7 = x17). A call that faults on its arguments traps and leaves no record to read.
 * For other ECALLs the order is that of the handler's calls on its {@link
 * dev.rivet.exec.ecall.EcallContext}, with a word's repeated reads dropped, its repeated writes
 * merged into the first, and a commit's cursor write and then a read's end-of-input write last;
 * it is deterministic as long as the handler is.
 */
public final class ExecutionRecord {
  /** The most cycles one record holds. */
  public static final int MAX_CYCLES = 1 << 28;

  static final int CYCLE_WIDTH = 8;
  static final int ACCESS_WIDTH = 6;
  static final int ECALL_WIDTH = 4;

  private final IntRows cycles;
  private final IntRows accesses;
  private final IntRows ecalls;
  private final int codeStart;
  private final int[] code;

  ExecutionRecord(IntRows cycles, IntRows accesses, IntRows ecalls, int codeStart, int[] code) {
    this.codeStart = codeStart;
    this.code = code;
    this.cycles = cycles;
    this.accesses = accesses;
    this.ecalls = ecalls;
  }

  /** The timestamp of {@code slot} (0 to 3) in {@code cycle}; see the class comment. */
  public static int timestamp(int cycle, int slot) {
    return 4 * (cycle + 1) + slot;
  }

  public int cycleCount() {
    return cycles.rows();
  }

  public int pc(int cycle) {
    return cycles.get(cycle, 0);
  }

  /** The instruction word executed in {@code cycle}: the program's code at {@link #pc}. */
  public int instruction(int cycle) {
    return code[(pc(cycle) - codeStart) >>> 2];
  }

  public int rs1Value(int cycle) {
    return cycles.get(cycle, 1);
  }

  public int rs1PrevTimestamp(int cycle) {
    return cycles.get(cycle, 2);
  }

  public int rs2Value(int cycle) {
    return cycles.get(cycle, 3);
  }

  public int rs2PrevTimestamp(int cycle) {
    return cycles.get(cycle, 4);
  }

  public int rdValue(int cycle) {
    return cycles.get(cycle, 5);
  }

  public int rdPrevValue(int cycle) {
    return cycles.get(cycle, 6);
  }

  public int rdPrevTimestamp(int cycle) {
    return cycles.get(cycle, 7);
  }

  public int accessCount() {
    return accesses.rows();
  }

  public int accessCycle(int access) {
    return accesses.get(access, 0);
  }

  public int accessAddress(int access) {
    return accesses.get(access, 1);
  }

  public int accessValue(int access) {
    return accesses.get(access, 2);
  }

  public int accessPrevValue(int access) {
    return accesses.get(access, 3);
  }

  public int accessPrevTimestamp(int access) {
    return accesses.get(access, 4);
  }

  public int accessTimestamp(int access) {
    return accesses.get(access, 5);
  }

  /**
   * The access row of the load or store executed in {@code cycle}: the first access row of that cycle, found by
   * binary search (the table is in execution order, so {@code accessCycle} never decreases), without allocating, so
   * trace fillers may call it once per row.
   *
   * @throws IllegalArgumentException if {@code cycle} made no access
   */
  public int accessOf(int cycle) {
    int lo = 0;
    int hi = accessCount();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (accessCycle(mid) < cycle) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == accessCount() || accessCycle(lo) != cycle) {
      throw new IllegalArgumentException("cycle " + cycle + " made no memory access");
    }
    return lo;
  }

  public int ecallCount() {
    return ecalls.rows();
  }

  public int ecallCycle(int ecall) {
    return ecalls.get(ecall, 0);
  }

  public int ecallNumber(int ecall) {
    return ecalls.get(ecall, 1);
  }

  public int ecallFirstAccess(int ecall) {
    return ecalls.get(ecall, 2);
  }

  public int ecallEndAccess(int ecall) {
    return ecalls.get(ecall, 3);
  }

  /**
   * Gives this record's memory back to the {@link Executor} that made it, for its next recorded
   * run; every per-cycle, per-access and per-ECALL accessor fails afterwards with an
   * {@link IllegalStateException}. Optional: a
   * record that is never released is garbage like any other object. Release when the record has
   * been consumed (a prover, once it has filled the segment's trace tables), because writing a
   * record into memory already in use is several times faster than into fresh memory. Releasing
   * twice does nothing.
   */
  public void release() {
    cycles.release();
    accesses.release();
    ecalls.release();
  }

  @Override
  public String toString() {
    return "ExecutionRecord[" + cycleCount() + " cycles, " + accessCount() + " accesses, "
        + ecallCount() + " ecalls]";
  }
}
