package dev.rivet.exec;

import dev.rivet.isa.Decoder;
import dev.rivet.isa.Instruction;
import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Opcode;
import java.util.concurrent.CancellationException;

/**
 * The RV32IM interpreter: machine state and the fetch–execute loop.
 *
 * <h2>Design</h2>
 *
 * The code region is decoded once, before the run, into one array of two ints per instruction,
 * indexed by {@code 2 * (pc - codeStart) / 4}: the first packs the opcode and register fields
 * ({@code op | rd << 8 | rs1 << 13 | rs2 << 18}, op 255 for an illegal word), the second is the
 * assembled immediate; side by side, one fetch touches one cache line. Bits 23 to 25 of the first
 * say which registers the instruction accesses, for the recorder. Code is read-only (stores into
 * the code region trap), so the decoded arrays never go stale. The loop keeps pc and the cycle count in locals, registers in an
 * {@code int[32]} (x0 is re-zeroed after every instruction instead of testing rd), and memory in
 * {@link Memory}'s page table, read directly. Loads and stores live in small methods the JIT
 * inlines, which keeps {@link #run} well under the size limits for compiled methods.
 *
 * <p>An instruction that traps has no effect: checks come before any register or memory write.
 *
 * <p>Recording costs one null test per instruction when off; when on, the {@link Recorder} is
 * told each cycle's pc and result, and each memory access; it derives the rest on another core.
 */
final class Interpreter {
  private static final int ILLEGAL = 0xff;
  /**
   * How often the loop looks at its thread's interrupt status: at the cycle-limit test it makes
   * anyway, which stops at the next checkpoint (the limit, or this many cycles on), so watching
   * for cancellation costs nothing per instruction. 2^22 cycles take a few tens of milliseconds.
   */
  private static final long CHECKPOINT_CYCLES = 1 << 22;
  /** Bits of a decoded instruction saying which registers it accesses, for the {@link Recorder}. */
  static final int READS_RS1_BIT = 23;
  static final int READS_RS2_BIT = 24;
  /** Set when the instruction writes a register other than x0. */
  static final int WRITES_RD_BIT = 25;

  final int[] x = new int[32];
  final Memory memory;
  int pc;
  long cycle;
  boolean halted;

  private final int codeStart;
  private final int codeBytes;
  private final int[] words;
  private final int[] decoded;
  /** {@link Memory#pages}, copied to save a load on every access. */
  private final int[][] pages;
  private final long cycleLimit;
  private final boolean limitIsRecordCapacity;
  private final Recorder recorder;
  private final EcallDispatcher ecalls;

  /** An interpreter that records into memory from {@code recordMemory}, or does not if it is null. */
  Interpreter(Program program, long cycleLimit, ChunkPool recordMemory, EcallDispatcher.Host host) {
    this.memory = new Memory(program.image());
    this.pages = memory.pages;
    this.pc = program.entry();
    this.codeStart = program.codeStart();
    this.codeBytes = program.codeEnd() - program.codeStart();
    int n = codeBytes >>> 2;
    this.words = new int[n];
    this.decoded = new int[2 * n];
    for (int i = 0; i < n; i++) {
      int word = memory.loadWord(codeStart + 4 * i);
      words[i] = word;
      int op = Decoder.opcode(word);
      if (op == Decoder.ILLEGAL) {
        decoded[2 * i] = ILLEGAL;
      } else {
        Instruction in = Decoder.decode(word);
        decoded[2 * i] = op | in.rd() << 8 | in.rs1() << 13 | in.rs2() << 18
            | (Opcode.readsRs1(op) ? 1 << READS_RS1_BIT : 0)
            | (Opcode.readsRs2(op) ? 1 << READS_RS2_BIT : 0)
            | (Opcode.writesRd(op) && in.rd() != 0 ? 1 << WRITES_RD_BIT : 0);
        decoded[2 * i + 1] = in.imm();
      }
    }
    this.recorder = recordMemory == null ? null : new Recorder(recordMemory, codeStart, decoded);
    this.limitIsRecordCapacity = recorder != null && cycleLimit > ExecutionRecord.MAX_CYCLES;
    this.cycleLimit = limitIsRecordCapacity ? ExecutionRecord.MAX_CYCLES : cycleLimit;
    this.ecalls = new EcallDispatcher(this, host, recorder);
  }

  /**
   * Runs until the guest halts; a trap ends the run with a {@link TrapException}. ECALLs are
   * handled without leaving the loop: a loop method that returned at every ECALL ran about a
   * third slower from the second execution in one JVM on (the JIT's standard compilation of it
   * was worse than its first on-stack-replacement one; measured with fibonacci, bench/executor.sh).
   */
  void run() {
    final int[] x = this.x;
    final int[] decoded = this.decoded;
    final int codeWords = this.words.length;
    final int codeStart = this.codeStart;
    long checkpoint = 0;
    final Recorder rec = this.recorder;
    int pc = this.pc;
    long cycle = this.cycle;
    while (true) {
      int index = (pc - codeStart) >>> 2;
      if (index >= codeWords) {
        throw trap(TrapCause.FETCH_OUTSIDE_CODE, pc, cycle, String.format(
            "pc is outside [0x%08x, 0x%08x)", codeStart, codeStart + codeBytes));
      }
      if (cycle >= checkpoint) {
        checkpoint = checkpoint(pc, cycle);
      }
      int d = decoded[2 * index];
      int imm = decoded[2 * index + 1];
      int rd = (d >>> 8) & 31;
      int a = x[(d >>> 13) & 31];
      int b = x[(d >>> 18) & 31];
      int op = d & 0xff;
      int next = pc + 4;
      switch (op) {
        case Opcode.LUI: x[rd] = imm; break;
        case Opcode.AUIPC: x[rd] = pc + imm; break;
        case Opcode.JAL:
          next = jumpTarget(pc + imm, pc, cycle, index);
          x[rd] = pc + 4;
          break;
        case Opcode.JALR:
          next = jumpTarget((a + imm) & ~1, pc, cycle, index);
          x[rd] = pc + 4;
          break;
        case Opcode.BEQ: if (a == b) next = jumpTarget(pc + imm, pc, cycle, index); break;
        case Opcode.BNE: if (a != b) next = jumpTarget(pc + imm, pc, cycle, index); break;
        case Opcode.BLT: if (a < b) next = jumpTarget(pc + imm, pc, cycle, index); break;
        case Opcode.BGE: if (a >= b) next = jumpTarget(pc + imm, pc, cycle, index); break;
        case Opcode.BLTU:
          if (Integer.compareUnsigned(a, b) < 0) next = jumpTarget(pc + imm, pc, cycle, index);
          break;
        case Opcode.BGEU:
          if (Integer.compareUnsigned(a, b) >= 0) next = jumpTarget(pc + imm, pc, cycle, index);
          break;
        case Opcode.LB: {
          int addr = a + imm;
          x[rd] = (load(addr, 0, pc, cycle, index) << (24 - ((addr & 3) << 3))) >> 24;
          break;
        }
        case Opcode.LH: {
          int addr = a + imm;
          x[rd] = (load(addr, 1, pc, cycle, index) << (16 - ((addr & 3) << 3))) >> 16;
          break;
        }
        case Opcode.LW: x[rd] = load(a + imm, 3, pc, cycle, index); break;
        case Opcode.LBU: {
          int addr = a + imm;
          x[rd] = (load(addr, 0, pc, cycle, index) >>> ((addr & 3) << 3)) & 0xff;
          break;
        }
        case Opcode.LHU: {
          int addr = a + imm;
          x[rd] = (load(addr, 1, pc, cycle, index) >>> ((addr & 3) << 3)) & 0xffff;
          break;
        }
        case Opcode.SB: store(a + imm, 0, 0xff, b, pc, cycle, index); break;
        case Opcode.SH: store(a + imm, 1, 0xffff, b, pc, cycle, index); break;
        case Opcode.SW: store(a + imm, 3, -1, b, pc, cycle, index); break;
        case Opcode.ADDI: x[rd] = a + imm; break;
        case Opcode.SLTI: x[rd] = a < imm ? 1 : 0; break;
        case Opcode.SLTIU: x[rd] = Integer.compareUnsigned(a, imm) < 0 ? 1 : 0; break;
        case Opcode.XORI: x[rd] = a ^ imm; break;
        case Opcode.ORI: x[rd] = a | imm; break;
        case Opcode.ANDI: x[rd] = a & imm; break;
        case Opcode.SLLI: x[rd] = a << imm; break;
        case Opcode.SRLI: x[rd] = a >>> imm; break;
        case Opcode.SRAI: x[rd] = a >> imm; break;
        // Java masks int shift distances to 5 bits, exactly as RV32 does.
        case Opcode.ADD: x[rd] = a + b; break;
        case Opcode.SUB: x[rd] = a - b; break;
        case Opcode.SLL: x[rd] = a << b; break;
        case Opcode.SLT: x[rd] = a < b ? 1 : 0; break;
        case Opcode.SLTU: x[rd] = Integer.compareUnsigned(a, b) < 0 ? 1 : 0; break;
        case Opcode.XOR: x[rd] = a ^ b; break;
        case Opcode.SRL: x[rd] = a >>> b; break;
        case Opcode.SRA: x[rd] = a >> b; break;
        case Opcode.OR: x[rd] = a | b; break;
        case Opcode.AND: x[rd] = a & b; break;
        case Opcode.FENCE: break;
        case Opcode.ECALL:
          this.pc = pc;
          this.cycle = cycle;
          ecalls.dispatch();
          if (halted) {
            if (rec != null) {
              rec.step(pc, 0);
            }
            this.pc = next;
            this.cycle = cycle + 1;
            return;
          }
          break;
        case Opcode.EBREAK: throw trap(TrapCause.EBREAK, pc, cycle, "");
        case Opcode.MUL: x[rd] = a * b; break;
        case Opcode.MULH: x[rd] = (int) (((long) a * b) >> 32); break;
        case Opcode.MULHSU: x[rd] = (int) (((long) a * (b & 0xffffffffL)) >> 32); break;
        // The low 64 bits of an unsigned 32x32 product are exact in a long; >>> reads them unsigned.
        case Opcode.MULHU: x[rd] = (int) (((a & 0xffffffffL) * (b & 0xffffffffL)) >>> 32); break;
        // RISC-V defines division by zero (quotient all ones, remainder the dividend) and
        // INT_MIN / -1 (quotient INT_MIN, remainder 0); Java's / and % agree on the latter.
        case Opcode.DIV: x[rd] = b == 0 ? -1 : a / b; break;
        case Opcode.DIVU: x[rd] = b == 0 ? -1 : Integer.divideUnsigned(a, b); break;
        case Opcode.REM: x[rd] = b == 0 ? a : a % b; break;
        case Opcode.REMU: x[rd] = b == 0 ? a : Integer.remainderUnsigned(a, b); break;
        default:
          throw trap(TrapCause.ILLEGAL_INSTRUCTION, pc, cycle,
              String.format("0x%08x", words[index]));
      }
      x[0] = 0;
      if (rec != null) {
        rec.step(pc, x[rd]);
      }
      pc = next;
      cycle++;
    }
  }

  /**
   * The slow path of the loop's cycle test: traps at the cycle limit, stops if the thread was interrupted, and
   * otherwise returns the next checkpoint. Out of line, so the loop stays small.
   */
  private long checkpoint(int pc, long cycle) {
    if (cycle >= cycleLimit) {
      throw trap(TrapCause.CYCLE_LIMIT, pc, cycle, limitIsRecordCapacity
          ? "a recorded execution holds at most " + cycleLimit + " cycles"
          : "the limit is " + cycleLimit + " cycles");
    }
    if (Thread.currentThread().isInterrupted()) {
      this.pc = pc;
      this.cycle = cycle;
      throw new CancellationException(String.format(
          "execution interrupted at pc 0x%08x after %d cycles", pc, cycle));
    }
    return Math.min(cycleLimit, cycle + CHECKPOINT_CYCLES);
  }

  private int jumpTarget(int target, int pc, long cycle, int index) {
    if ((target & 3) != 0) {
      throw trap(TrapCause.MISALIGNED_JUMP, pc, cycle,
          String.format("target 0x%08x is not 4-aligned (%s)", target, disassemble(index)));
    }
    return target;
  }

  /**
   * The word containing {@code addr}, for a load of {@code alignMask + 1} bytes.
   */
  private int load(int addr, int alignMask, int pc, long cycle, int index) {
    checkUserAccess(addr, alignMask, TrapCause.MISALIGNED_LOAD, TrapCause.LOAD_OUTSIDE_USER_MEMORY, pc, cycle, index);
    int[] page = pages[addr >>> MemoryMap.PAGE_SHIFT];
    int word = page == null ? 0 : page[(addr >>> 2) & (MemoryMap.PAGE_WORDS - 1)];
    if (recorder != null) {
      recorder.load(addr & ~3, word);
    }
    return word;
  }

  /**
   * Traps with {@code misaligned} unless {@code addr} is {@code alignMask + 1}-aligned, and with {@code outside}
   * unless it is in user memory: what every load and store checks first.
   */
  private void checkUserAccess(int addr, int alignMask, TrapCause misaligned, TrapCause outside, int pc, long cycle,
      int index) {
    if ((addr & alignMask) != 0) {
      throw trap(misaligned, pc, cycle, String.format(
          "address 0x%08x is not %d-aligned (%s)", addr, alignMask + 1, disassemble(index)));
    }
    if (!MemoryMap.isUser(addr)) {
      throw trap(outside, pc, cycle, String.format("address 0x%08x (%s)", addr, disassemble(index)));
    }
  }

  /** Stores the low {@code alignMask + 1} bytes of {@code value} (lanes {@code laneMask}). */
  private void store(int addr, int alignMask, int laneMask, int value, int pc, long cycle,
      int index) {
    checkUserAccess(addr, alignMask, TrapCause.MISALIGNED_STORE, TrapCause.STORE_OUTSIDE_USER_MEMORY, pc, cycle,
        index);
    if (Integer.compareUnsigned(addr - codeStart, codeBytes) < 0) {
      throw trap(TrapCause.STORE_TO_CODE, pc, cycle,
          String.format("address 0x%08x (%s)", addr, disassemble(index)));
    }
    int[] page = pages[addr >>> MemoryMap.PAGE_SHIFT];
    if (page == null) {
      page = memory.page(addr);
    }
    int i = (addr >>> 2) & (MemoryMap.PAGE_WORDS - 1);
    int shift = (addr & 3) << 3;
    int old = page[i];
    int word = (old & ~(laneMask << shift)) | ((value & laneMask) << shift);
    page[i] = word;
    if (recorder != null) {
      recorder.store(addr & ~3, word, old);
    }
  }

  /** Whether a guest buffer may be written by an ECALL: user memory, outside the code region. */
  boolean isWritable(int address, long length) {
    long start = Integer.toUnsignedLong(address);
    long code = Integer.toUnsignedLong(codeStart);
    return MemoryMap.isUser(address, length) && (start + length <= code || start >= code + codeBytes);
  }

  /** Stops recording after a trap; does nothing without a recorder. */
  void abandonRecord() {
    if (recorder != null) {
      recorder.abandon();
    }
  }

  ExecutionRecord finishRecord() {
    return recorder.finish(words);
  }

  int exitCode() {
    return ecalls.exitCode();
  }

  byte[] journal() {
    return ecalls.journal();
  }

  private String disassemble(int index) {
    int op = decoded[2 * index] & 0xff;
    return op == ILLEGAL ? String.format("0x%08x", words[index]) : Decoder.decode(words[index]).toString();
  }

  TrapException trap(TrapCause cause, int pc, long cycle, String detail) {
    this.pc = pc;
    this.cycle = cycle;
    return new TrapException(cause, pc, cycle, detail);
  }
}
