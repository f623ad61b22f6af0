package dev.rivet.stark;

import dev.rivet.air.Program;
import dev.rivet.air.VarKind;
import dev.rivet.field.BabyBear;

/**
 * Runs some slots of a {@link Program} over a block of consecutive rows, slot by slot, so the op-code dispatch is
 * paid once per block and every inner loop is a plain array loop the JIT unrolls. Where the variables come from
 * (a trace, an LDE read with a stride, selectors) is the caller's {@link Source}.
 */
final class BlockEvaluator {
  private static final VarKind[] KINDS = VarKind.values();

  /** Supplies a variable's values for rows {@code first … first + len − 1} of the caller's domain. */
  interface Source {
    void read(VarKind kind, int index, int first, int len, int[] dst);
  }

  private final byte[] ops;
  private final int[] arg0;
  private final int[] arg1;
  private final int[] slots;

  /** Evaluates only {@code slots} (ascending, closed under dependencies: see {@link Program#dependencies}). */
  BlockEvaluator(Program program, int[] slots) {
    this.ops = program.ops();
    this.arg0 = program.arg0();
    this.arg1 = program.arg1();
    this.slots = slots.clone();
  }

  /** Fills {@code values[s][0 … len−1]} for every evaluated slot s; other rows of {@code values} are untouched. */
  void evaluate(Source source, int first, int len, int[][] values) {
    for (int slot : slots) {
      int[] dst = values[slot];
      int a = arg0[slot];
      int b = arg1[slot];
      switch (ops[slot]) {
        case Program.OP_CONST:
          java.util.Arrays.fill(dst, 0, len, a);
          break;
        case Program.OP_VAR:
          source.read(KINDS[a], b, first, len, dst);
          break;
        case Program.OP_ADD: {
          int[] x = values[a];
          int[] y = values[b];
          for (int j = 0; j < len; j++) {
            dst[j] = BabyBear.add(x[j], y[j]);
          }
          break;
        }
        case Program.OP_SUB: {
          int[] x = values[a];
          int[] y = values[b];
          for (int j = 0; j < len; j++) {
            dst[j] = BabyBear.sub(x[j], y[j]);
          }
          break;
        }
        case Program.OP_MUL: {
          int[] x = values[a];
          int[] y = values[b];
          for (int j = 0; j < len; j++) {
            dst[j] = BabyBear.reduce((long) x[j] * y[j]);
          }
          break;
        }
        default: {
          int[] x = values[a];
          for (int j = 0; j < len; j++) {
            dst[j] = BabyBear.neg(x[j]);
          }
        }
      }
    }
  }
}
