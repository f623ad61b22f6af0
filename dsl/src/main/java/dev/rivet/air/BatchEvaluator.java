package dev.rivet.air;

import dev.rivet.field.BabyBear;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Evaluates a {@link ConstraintProgram} over {@value #BATCH} consecutive rows at a time: the one batch evaluator behind the
 * checker (trace rows), the prover's quotient (LDE rows read with a stride) and its LogUp trace (only the bus
 * fields). Where variables come from is a {@link Source}; constraint values go to a {@link Sink} batch by batch.
 *
 * <h2>Design note</h2>
 * Row-at-a-time interpretation pays a dispatch per slot per row; a wide chip (Keccak: 36,670 slots) on 2^15 rows is
 * 1.2 G dispatches, about 9 s. Here each slot is dispatched once per batch and runs a tight loop over the batch,
 * which the JIT compiles to straight array arithmetic.
 * <ul>
 *   <li><b>Registers.</b> A slot's batch of values lives in a register ({@code int[BATCH]}). Registers are assigned
 *       by a linear scan over the slots: a register is freed after the last slot that reads it, so only the values
 *       still needed are held (a few thousand registers for Keccak instead of one per slot). Constants (with their
 *       own registers, filled once) and the {@code kept} slots (bus fields and multiplicities, read after the
 *       batch) are never freed. An operation may write the register of an operand it is the last reader of: every
 *       loop reads element i before writing it.
 *   <li><b>Constraints</b> are reported through {@link Sink} as soon as their slot is computed, so their registers
 *       are freed like any other.
 *   <li><b>Only what is asked.</b> A plan evaluates the slots its constraints and kept slots depend on, nothing
 *       else: the LogUp trace asks for the bus fields of a 36,670-slot Keccak program and gets a few hundred.
 * </ul>
 * A plan is immutable and shared; each thread makes its own evaluator with {@link #BatchEvaluator(Plan)}.
 */
public final class BatchEvaluator {
  /** Rows per batch. */
  public static final int BATCH = 64;
  private static final VarKind[] KINDS = VarKind.values();
  /** A product by a constant, {@code arg0} the other operand and {@code arg1} the constant's value. */
  private static final byte OP_SCALE = 6;

  /** Supplies a variable's values for rows {@code row0 … row0 + n − 1} of the caller's domain. */
  @FunctionalInterface
  public interface Source {
    void load(VarKind kind, int index, int row0, int n, int[] out);
  }

  /** Receives each constraint's values for a batch: {@code values[0 … n−1]} for rows {@code row0 …}. */
  @FunctionalInterface
  public interface Sink {
    void constraint(int constraint, int[] values, int row0, int n);
  }

  /** The register assignment of one program; see the class note. Immutable, shared by threads. */
  public static final class Plan {
    final int[] order;
    final byte[] ops;
    final int[] arg0;
    final int[] arg1;
    final int[] register;
    /** For each slot, the constraints whose slot it is (usually none or one). */
    final int[][] constraintsAt;
    final int registers;

    /**
     * @param constraintSlots the slots reported to the {@link Sink}, as constraints 0, 1, …
     * @param keptSlots slots whose batch values stay readable through {@link #kept(int)} after each batch
     */
    public Plan(ConstraintProgram program, int[] constraintSlots, int[] keptSlots) {
      int n = program.size();
      ops = program.ops();
      arg0 = program.arg0();
      arg1 = program.arg1();
      int[] roots = Arrays.copyOf(constraintSlots, constraintSlots.length + keptSlots.length);
      System.arraycopy(keptSlots, 0, roots, constraintSlots.length, keptSlots.length);
      order = program.dependencies(roots);
      int[] lastUse = new int[n];
      Arrays.fill(lastUse, -1);
      for (int s : order) {
        if (ops[s] >= ConstraintProgram.OP_ADD) {
          lastUse[arg0[s]] = s;
          if (ops[s] != ConstraintProgram.OP_NEG) {
            lastUse[arg1[s]] = s;
          }
        }
      }
      for (int s : order) {
        if (ops[s] == ConstraintProgram.OP_CONST) {
          lastUse[s] = Integer.MAX_VALUE;
        }
      }
      for (int s : keptSlots) {
        lastUse[s] = Integer.MAX_VALUE;
      }
      // Products by a constant (2ab in every XOR, the doublings of every packing: ~40% of Keccak's products) read
      // one register and keep the constant in a local; doubling is an addition.
      for (int s : order) {
        if (ops[s] == ConstraintProgram.OP_MUL && (ops[arg0[s]] == ConstraintProgram.OP_CONST || ops[arg1[s]] == ConstraintProgram.OP_CONST)) {
          boolean constFirst = ops[arg0[s]] == ConstraintProgram.OP_CONST;
          int other = constFirst ? arg1[s] : arg0[s];
          int value = arg0[constFirst ? arg0[s] : arg1[s]];
          ops[s] = OP_SCALE;
          arg0[s] = other;
          arg1[s] = value;
        }
      }
      int[][] at = new int[n][];
      for (int c = 0; c < constraintSlots.length; c++) {
        int s = constraintSlots[c];
        at[s] = at[s] == null ? new int[] {c} : append(at[s], c);
      }
      constraintsAt = at;
      register = new int[n];
      ArrayDeque<Integer> free = new ArrayDeque<>();
      int next = 0;
      for (int s : order) { // constants first: their registers are filled once and must never be shared
        if (ops[s] == ConstraintProgram.OP_CONST) {
          register[s] = next++;
        }
      }
      for (int s : order) {
        if (ops[s] == ConstraintProgram.OP_CONST) {
          continue;
        }
        if (ops[s] >= ConstraintProgram.OP_ADD) {
          release(arg0[s], s, lastUse, free);
          if (ops[s] != ConstraintProgram.OP_NEG && ops[s] != OP_SCALE && arg1[s] != arg0[s]) {
            release(arg1[s], s, lastUse, free);
          }
        }
        register[s] = free.isEmpty() ? next++ : free.pop();
        if (lastUse[s] < s) { // read by nothing later: a constraint, checked right away, or dead
          free.push(register[s]);
        }
      }
      registers = next;
    }

    private void release(int operand, int s, int[] lastUse, ArrayDeque<Integer> free) {
      if (lastUse[operand] == s) {
        free.push(register[operand]);
      }
    }

    private static int[] append(int[] a, int v) {
      int[] out = Arrays.copyOf(a, a.length + 1);
      out[a.length] = v;
      return out;
    }
  }

  private final Plan plan;
  private final int[][] regs;

  /** An evaluator with its own registers: one per thread. */
  public BatchEvaluator(Plan plan) {
    this.plan = plan;
    this.regs = new int[plan.registers][BATCH];
    for (int s : plan.order) {
      if (plan.ops[s] == ConstraintProgram.OP_CONST) {
        Arrays.fill(regs[plan.register[s]], plan.arg0[s]);
      }
    }
  }

  /** The values of a kept slot for the last batch evaluated, by row offset in the batch. */
  public int[] kept(int slot) {
    return regs[plan.register[slot]];
  }

  /** Evaluates rows {@code [row0, row0 + n)}, {@code n ≤ BATCH}, of the source's domain. */
  public void evaluate(Source source, int row0, int n, Sink sink) {
    final int[] order = plan.order;
    final byte[] ops = plan.ops;
    final int[] arg0 = plan.arg0;
    final int[] arg1 = plan.arg1;
    final int[] register = plan.register;
    final int[][] constraintsAt = plan.constraintsAt;
    final int[][] r = regs;
    for (int s : order) {
      int[] out = r[register[s]];
      int a = arg0[s];
      int b = arg1[s];
      switch (ops[s]) {
        case ConstraintProgram.OP_CONST:
          break; // filled once in the constructor; still checked below, for a constraint folded to a constant
        case ConstraintProgram.OP_VAR:
          source.load(KINDS[a], b, row0, n, out);
          break;
        case ConstraintProgram.OP_ADD: {
          int[] x = r[register[a]];
          int[] y = r[register[b]];
          for (int i = 0; i < n; i++) {
            out[i] = BabyBear.add(x[i], y[i]);
          }
          break;
        }
        case ConstraintProgram.OP_SUB: {
          int[] x = r[register[a]];
          int[] y = r[register[b]];
          for (int i = 0; i < n; i++) {
            out[i] = BabyBear.sub(x[i], y[i]);
          }
          break;
        }
        case ConstraintProgram.OP_MUL: {
          int[] x = r[register[a]];
          int[] y = r[register[b]];
          for (int i = 0; i < n; i++) {
            out[i] = BabyBear.mul(x[i], y[i]);
          }
          break;
        }
        case ConstraintProgram.OP_NEG: {
          int[] x = r[register[a]];
          for (int i = 0; i < n; i++) {
            out[i] = BabyBear.neg(x[i]);
          }
          break;
        }
        case OP_SCALE: {
          int[] x = r[register[a]];
          if (b == 2) {
            for (int i = 0; i < n; i++) {
              out[i] = BabyBear.add(x[i], x[i]);
            }
          } else {
            for (int i = 0; i < n; i++) {
              out[i] = BabyBear.mul(x[i], b);
            }
          }
          break;
        }
        default:
          throw new AssertionError(ops[s]);
      }
      int[] cs = constraintsAt[s];
      if (cs != null) {
        for (int c : cs) {
          sink.constraint(c, out, row0, n);
        }
      }
    }
  }

  /** Variables on a trace's own rows: next-row reads wrap from the last row to the first. */
  public static Source traceSource(int[][] main, int[][] prep, int[] publicValues, int height) {
    return (kind, index, row0, n, out) -> load(out, kind, index, main, prep, publicValues, row0, n, height);
  }

  private static void load(int[] out, VarKind kind, int index, int[][] main, int[][] prep, int[] publicValues,
      int row0, int n, int height) {
    switch (kind) {
      case MAIN: System.arraycopy(main[index], row0, out, 0, n); break;
      case MAIN_NEXT: loadNext(out, main[index], row0, n, height); break;
      case PREPROCESSED: System.arraycopy(prep[index], row0, out, 0, n); break;
      case PREPROCESSED_NEXT: loadNext(out, prep[index], row0, n, height); break;
      case PUBLIC: Arrays.fill(out, 0, n, publicValues[index]); break;
      case IS_FIRST_ROW:
        Arrays.fill(out, 0, n, 0);
        if (row0 == 0) {
          out[0] = 1;
        }
        break;
      case IS_LAST_ROW:
        Arrays.fill(out, 0, n, 0);
        if (row0 + n == height) {
          out[n - 1] = 1;
        }
        break;
      case IS_TRANSITION:
        Arrays.fill(out, 0, n, 1);
        if (row0 + n == height) {
          out[n - 1] = 0;
        }
        break;
      default: throw new AssertionError(kind);
    }
  }

  private static void loadNext(int[] out, int[] column, int row0, int n, int height) {
    if (row0 + n < height) {
      System.arraycopy(column, row0 + 1, out, 0, n);
    } else {
      System.arraycopy(column, row0 + 1, out, 0, n - 1);
      out[n - 1] = column[0];
    }
  }
}
