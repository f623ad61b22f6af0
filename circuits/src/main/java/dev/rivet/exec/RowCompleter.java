package dev.rivet.exec;

import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Opcode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Completes cycle rows on a second core while the interpreter runs on the first; see {@link
 * Recorder} for the split. Given blocks of rows that hold only the pc and rd's new value, it
 * replays the register file to fill in the operands, rd's previous value and the three previous
 * register timestamps, and gives each ECALL's register accesses their previous timestamps.
 *
 * <p>Blocks go through a queue: everything the interpreter wrote before {@link #submit} is
 * visible to this thread, and everything this thread wrote is visible to the caller of {@link
 * #finish}, which joins it. Nothing else is shared: once submitted, a block's rows and its
 * ECALLs' access rows belong to this thread until the record is finished.
 */
final class RowCompleter implements Runnable {
  private static final int W = ExecutionRecord.CYCLE_WIDTH;

  /** A row of the access table: the chunk that holds it and its offset there. */
  record AccessRow(int[] chunk, int offset) {}

  /** Rows of one chunk to complete, and the ECALL register accesses recorded since the last block. */
  record Block(int[] rows, int from, int to, int firstCycle, List<AccessRow> ecallRegisterAccesses) {}

  private static final Block END = new Block(null, 0, 0, 0, List.of());

  private final LinkedBlockingQueue<Block> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final int codeStart;
  private final int[] decoded;
  private final int[] registers = new int[32];
  private final int[] registerTimestamps = new int[32];
  /** ECALL register accesses received but not yet replayed, in order. */
  private final ArrayDeque<AccessRow> pending = new ArrayDeque<>();
  private volatile Throwable failure;

  /**
   * Starts the completer for code at {@code codeStart} whose decoded form (the interpreter's) is
   * {@code decoded}: its {@link Interpreter#READS_RS1_BIT}, {@link Interpreter#READS_RS2_BIT}
   * and {@link Interpreter#WRITES_RD_BIT} bits say which registers each instruction accesses.
   */
  RowCompleter(int codeStart, int[] decoded) {
    this.codeStart = codeStart;
    this.decoded = decoded;
    this.thread = new Thread(this, "rivet-record");
    thread.setDaemon(true);
    thread.start();
  }

  void submit(Block block) {
    queue.add(block);
  }

  /** Waits until every submitted block is complete. */
  void finish() {
    queue.add(END);
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new IllegalStateException("completing the execution record failed", failure);
    }
  }

  /** Stops without waiting, for a run that ended in a trap and whose record nobody will read. */
  void abandon() {
    queue.clear();
    queue.add(END);
  }

  @Override
  public void run() {
    try {
      while (true) {
        Block block = queue.take();
        if (block == END) {
          return;
        }
        pending.addAll(block.ecallRegisterAccesses());
        complete(block.rows(), block.from(), block.to(), block.firstCycle());
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  /** Every field is stored, unused ones as 0, because the chunk may hold a released record's rows. */
  private void complete(int[] r, int from, int to, int firstCycle) {
    final int[] decoded = this.decoded;
    final int codeStart = this.codeStart;
    final int[] regs = registers;
    final int[] regTs = registerTimestamps;
    int ts = ExecutionRecord.timestamp(firstCycle, 0);
    for (int at = from; at < to; at += W, ts += 4) {
      final int d = decoded[2 * ((r[at] - codeStart) >>> 2)];
      if ((d & (1 << Interpreter.READS_RS1_BIT)) != 0) {
        final int rs1 = (d >>> 13) & 31;
        r[at + 1] = regs[rs1];
        r[at + 2] = regTs[rs1];
        regTs[rs1] = ts;
      } else {
        r[at + 1] = 0;
        r[at + 2] = 0;
      }
      if ((d & (1 << Interpreter.READS_RS2_BIT)) != 0) {
        final int rs2 = (d >>> 18) & 31;
        r[at + 3] = regs[rs2];
        r[at + 4] = regTs[rs2];
        regTs[rs2] = ts + 1;
      } else {
        r[at + 3] = 0;
        r[at + 4] = 0;
      }
      if ((d & (1 << Interpreter.WRITES_RD_BIT)) != 0) {
        final int rd = (d >>> 8) & 31;
        r[at + 6] = regs[rd];
        r[at + 7] = regTs[rd];
        regTs[rd] = ts + 3;
        regs[rd] = r[at + 5];
      } else {
        r[at + 5] = 0;
        r[at + 6] = 0;
        r[at + 7] = 0;
      }
      if ((d & 0xff) == Opcode.ECALL) {
        ecallRegisters(firstCycle + (at - from) / W);
      }
    }
  }

  /** Replays the register accesses of the ECALL in {@code cycle}, giving each its previous timestamp. */
  private void ecallRegisters(int cycle) {
    while (!pending.isEmpty() && pending.peek().chunk()[pending.peek().offset()] == cycle) {
      AccessRow access = pending.poll();
      int[] row = access.chunk();
      int at = access.offset();
      int index = (row[at + 1] - MemoryMap.REGISTER_BASE) >>> 2;
      row[at + 4] = registerTimestamps[index];
      registerTimestamps[index] = row[at + 5];
      registers[index] = row[at + 2];
    }
  }
}
