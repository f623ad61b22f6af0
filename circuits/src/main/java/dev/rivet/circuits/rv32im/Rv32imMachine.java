package dev.rivet.circuits.rv32im;

import dev.rivet.air.AirTable;
import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Lookups;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.SharedTables;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Program;
import dev.rivet.exec.ecall.EcallRegistry;
import dev.rivet.isa.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The RV32IM machine of one program, assembled from its chips in this one place: the instruction chips (one per
 * family, each with its {@link Adapter}), the ECALL tables, the program and image tables (preprocessed from the
 * program), the memory boundary and the shared byte table. A researcher swaps a chip by passing other factories to
 * {@link #Rv32imMachine(Program, List, List)}: a chip is replaceable by any table that speaks the same buses.
 *
 * <p>{@link #traces} turns a recorded run into one trace per table; {@link #publicMessages} gives the boundary
 * messages the verifier supplies from the claim: the start state (entry pc, clock 4), the halt (exit code, journal
 * length) and the journal's bytes; {@link #publicValues} the tables' public values, which the verifier supplies from
 * the program: the code region's word bounds, below which or from which on the words that stores write and the
 * buffers that reads are given must lie.
 */
public final class Rv32imMachine {
  private final Program program;
  private final DecodedCode code;
  private final SharedTables shared = new SharedTables();
  private final List<InstructionChip> instructionChips = new ArrayList<>();
  private final List<EcallTable> ecallTables = new ArrayList<>();
  private final ProgramTable programTable;
  private final ImageTable imageTable;
  private final MemoryBoundaryTable boundary;
  private final int[] chipOf = new int[Opcode.COUNT];

  /** The standard machine for {@code program}. */
  public Rv32imMachine(Program program) {
    this(program, standardChips(), standardEcalls());
  }

  /**
   * A machine for {@code program} made of the given chips and ECALL tables, each built from the machine's shared
   * byte table.
   *
   * @throws IllegalArgumentException if two chips execute one opcode or two tables one ECALL number
   */
  public Rv32imMachine(Program program, List<Function<ByteTable, ? extends InstructionChip>> chips,
      List<Function<ByteTable, ? extends EcallTable>> ecalls) {
    this.program = program;
    this.code = new DecodedCode(program);
    ByteTable bytes = shared.bytes();
    Arrays.fill(chipOf, -1);
    for (Function<ByteTable, ? extends InstructionChip> factory : chips) {
      InstructionChip chip = factory.apply(bytes);
      for (int op : chip.opcodes()) {
        if (chipOf[op] >= 0) {
          throw new IllegalArgumentException(Opcode.mnemonic(op) + " is executed by both '"
              + instructionChips.get(chipOf[op]).name() + "' and '" + chip.name() + "'");
        }
        chipOf[op] = instructionChips.size();
      }
      instructionChips.add(chip);
    }
    for (Function<ByteTable, ? extends EcallTable> factory : ecalls) {
      EcallTable table = factory.apply(bytes);
      if (ecallTable(table.number()) != null) {
        throw new IllegalArgumentException("two tables execute ECALL " + table.number());
      }
      ecallTables.add(table);
    }
    programTable = new ProgramTable(program);
    imageTable = new ImageTable(program.image());
    boundary = new MemoryBoundaryTable(bytes);
  }

  /** The standard instruction chips. */
  public static List<Function<ByteTable, ? extends InstructionChip>> standardChips() {
    return List.of(AddChip::new, BitwiseChip::new, CompareChip::new, ShiftChip::new, UpperChip::new,
        BranchChip::new, JumpChip::new, LoadStoreWordChip::new, LoadStoreSubChip::new, MulChip::new, DivChip::new,
        EcallChip::new);
  }

  /** The standard ECALL tables. */
  public static List<Function<ByteTable, ? extends EcallTable>> standardEcalls() {
    return List.of(HaltTable::new, ReadTable::new, WriteTable::new, CommitTable::new);
  }

  /** The program this machine runs. */
  public Program program() {
    return program;
  }

  /** Every table, in the order {@link #traces} fills them. */
  public List<Chip> chips() {
    List<Chip> all = new ArrayList<>(instructionChips);
    all.addAll(ecallTables);
    all.add(programTable);
    all.add(imageTable);
    all.add(boundary);
    all.addAll(shared.chips());
    return all;
  }

  /** The compiled tables, in {@link #chips()} order. */
  public List<AirTable> tables() {
    return chips().stream().map(Chip::table).toList();
  }

  /**
   * Checks that this machine has a circuit for everything the run did.
   *
   * @throws IllegalArgumentException naming the first instruction or ECALL the machine cannot prove
   */
  public void requireProvable(ExecutionRecord record) {
    boolean[] seen = new boolean[Opcode.COUNT];
    for (int c = 0; c < record.cycleCount(); c++) {
      int op = code.opcode(record.pc(c));
      if (!seen[op]) {
        seen[op] = true;
        if (chipOf[op] < 0) {
          throw new IllegalArgumentException(String.format("cycle %d at pc 0x%08x runs %s, which no chip of this "
              + "machine executes", c, record.pc(c), Opcode.mnemonic(op)));
        }
      }
    }
    for (int e = 0; e < record.ecallCount(); e++) {
      int n = record.ecallNumber(e);
      if (ecallTable(n) == null) {
        throw new IllegalArgumentException(String.format("cycle %d calls ECALL %d (%s), which has no circuit in this "
            + "machine, so the run cannot be proved", record.ecallCycle(e), n, ecallName(n)));
      }
    }
  }

  /**
   * One trace per table ({@link #chips()} order) for the recorded run {@code result}, lookup counters included.
   *
   * @throws IllegalArgumentException if the run did something no chip proves ({@link #requireProvable})
   */
  public List<Trace> traces(ExecutionResult result) {
    ExecutionRecord record = result.record();
    requireProvable(record);
    int[][] cycles = cyclesByChip(record);
    List<Trace> traces = new ArrayList<>();
    for (int i = 0; i < instructionChips.size(); i++) {
      traces.add(instructionChips.get(i).fill(record, code, cycles[i], cycles[i].length));
    }
    for (EcallTable table : ecallTables) {
      int[] calls = new int[record.ecallCount()];
      int n = 0;
      for (int e = 0; e < record.ecallCount(); e++) {
        if (record.ecallNumber(e) == table.number()) {
          calls[n++] = e;
        }
      }
      traces.add(table.fill(record, code, calls, n));
    }
    traces.add(programTable.fill(record));
    traces.add(imageTable.fill());
    traces.add(MemoryFinals.of(result, program.image()).fill(boundary));
    traces.addAll(shared.newTraces());
    Lookups.deriveMultiplicities(traces);
    return traces;
  }

  /** The public messages of a claim: the start at {@code entry}, the halt with its exit code, the journal. */
  public static List<PublicMessage> publicMessages(int entry, int exitCode, byte[] journal) {
    List<PublicMessage> out = new ArrayList<>(journal.length + 2);
    out.add(PublicMessage.send(StateMessage.BUS, 1, entry, 4));
    out.add(PublicMessage.receive(HaltMessage.BUS, 1, exitCode & 0xffff, exitCode >>> 16, journal.length));
    for (int i = 0; i < journal.length; i++) {
      out.add(PublicMessage.receive(JournalMessage.BUS, 1, i, journal[i] & 0xff));
    }
    return out;
  }

  /**
   * The public values of every table ({@link #chips()} order), as the verifier supplies them: the store chips' and
   * the read table's {@code code_start_word} and {@code code_end_word}, the program's code region divided by 4. The
   * traces carry the same values.
   */
  public List<int[]> publicValues() {
    return chips().stream()
        .map(chip -> chip.table().publicValues().stream().mapToInt(this::publicValue).toArray())
        .toList();
  }

  private int publicValue(String name) {
    return switch (name) {
      case CodeGap.CODE_START_WORD -> program.codeStart() >>> 2;
      case CodeGap.CODE_END_WORD -> program.codeEnd() >>> 2;
      default -> throw new IllegalStateException("no value for the public value '" + name + "'");
    };
  }

  private EcallTable ecallTable(int number) {
    for (EcallTable t : ecallTables) {
      if (t.number() == number) {
        return t;
      }
    }
    return null;
  }

  /** The cycles of each instruction chip, in execution order. */
  private int[][] cyclesByChip(ExecutionRecord record) {
    int n = record.cycleCount();
    int[] counts = new int[instructionChips.size()];
    for (int c = 0; c < n; c++) {
      counts[chipOf[code.opcode(record.pc(c))]]++;
    }
    int[][] out = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      out[i] = new int[counts[i]];
    }
    int[] next = new int[counts.length];
    for (int c = 0; c < n; c++) {
      int chip = chipOf[code.opcode(record.pc(c))];
      out[chip][next[chip]++] = c;
    }
    return out;
  }

  private static String ecallName(int number) {
    EcallRegistry.Entry entry = EcallRegistry.standard().lookup(number);
    return entry == null ? "not a standard call" : entry.name();
  }
}
