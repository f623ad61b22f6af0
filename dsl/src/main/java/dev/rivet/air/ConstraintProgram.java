package dev.rivet.air;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A table's constraints and interaction expressions compiled into one flat, straight-line program: a list of slots,
 * each a constant, a variable, or an operation on earlier slots. Every structurally equal subexpression occupies
 * one slot, so it is evaluated once per row however often the author wrote it.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Layout.</b> Three parallel arrays: {@code ops[s]} (one of the {@code OP_*} codes), {@code arg0[s]} and
 *       {@code arg1[s]}. For {@link #OP_CONST} arg0 is the canonical value; for {@link #OP_VAR} arg0 is the
 *       {@link VarKind} ordinal and arg1 the index; for operations the args are earlier slot numbers, so evaluating
 *       slots in order never reads an unevaluated slot.
 *   <li><b>One source, several readers.</b> The checker and the prover run it over batches of rows with
 *       {@link BatchEvaluator} (trace rows, LDE rows, or only the slots a bus needs); the verifier evaluates it
 *       once over {@link Ext4} at the out-of-domain point ({@link #evaluateAt}); {@link #evaluateRow} is the
 *       plain one-row reference the batch evaluator is tested against, and a way to inspect a single row.
 *   <li><b>Folding.</b> The {@link Builder} folds constant operations and the identities x+0, x·1, x·0, so a
 *       degree computed here is the degree of the polynomial the prover will actually divide.
 * </ul>
 */
public final class ConstraintProgram {
  public static final byte OP_CONST = 0;
  public static final byte OP_VAR = 1;
  public static final byte OP_ADD = 2;
  public static final byte OP_SUB = 3;
  public static final byte OP_MUL = 4;
  public static final byte OP_NEG = 5;

  private static final VarKind[] KINDS = VarKind.values();

  private final byte[] ops;
  private final int[] arg0;
  private final int[] arg1;
  private final int[] degrees;

  private ConstraintProgram(byte[] ops, int[] arg0, int[] arg1, int[] degrees) {
    this.ops = ops;
    this.arg0 = arg0;
    this.arg1 = arg1;
    this.degrees = degrees;
  }

  /** Number of slots. */
  public int size() {
    return ops.length;
  }

  /** The op code of slot s. */
  public byte op(int s) {
    return ops[s];
  }

  /** First argument of slot s (value, kind ordinal or slot; see the class note). */
  public int arg0(int s) {
    return arg0[s];
  }

  /** Second argument of slot s (index or slot; see the class note). */
  public int arg1(int s) {
    return arg1[s];
  }

  /** The kind read by a {@link #OP_VAR} slot. */
  public VarKind kind(int s) {
    return KINDS[arg0[s]];
  }

  /** The degree of slot s as a polynomial in the trace values (selectors count 1, public values 0). */
  public int degree(int s) {
    return degrees[s];
  }

  /** A copy of the op codes, for evaluators that want them in a local array. */
  public byte[] ops() {
    return ops.clone();
  }

  /** A copy of the first arguments. */
  public int[] arg0() {
    return arg0.clone();
  }

  /** A copy of the second arguments. */
  public int[] arg1() {
    return arg1.clone();
  }

  /**
   * Evaluates every slot on one row of a base-field trace. Next-row reads wrap from the last row to the first.
   *
   * @param slots output, at least {@link #size()} long
   * @param main main columns, column-major, each {@code height} long, canonical
   * @param prep preprocessed columns, column-major
   * @param publicValues the table's public values
   */
  public void evaluateRow(int[] slots, int[][] main, int[][] prep, int[] publicValues, int row, int height) {
    int next = row + 1 == height ? 0 : row + 1;
    for (int s = 0; s < ops.length; s++) {
      int a = arg0[s];
      int b = arg1[s];
      int v;
      switch (ops[s]) {
        case OP_CONST: v = a; break;
        case OP_VAR:
          switch (KINDS[a]) {
            case MAIN: v = main[b][row]; break;
            case MAIN_NEXT: v = main[b][next]; break;
            case PREPROCESSED: v = prep[b][row]; break;
            case PREPROCESSED_NEXT: v = prep[b][next]; break;
            case PUBLIC: v = publicValues[b]; break;
            case IS_FIRST_ROW: v = row == 0 ? 1 : 0; break;
            case IS_LAST_ROW: v = row == height - 1 ? 1 : 0; break;
            case IS_TRANSITION: v = row == height - 1 ? 0 : 1; break;
            default: throw new AssertionError(KINDS[a]);
          }
          break;
        case OP_ADD: v = BabyBear.add(slots[a], slots[b]); break;
        case OP_SUB: v = BabyBear.sub(slots[a], slots[b]); break;
        case OP_MUL: v = BabyBear.mul(slots[a], slots[b]); break;
        case OP_NEG: v = BabyBear.neg(slots[a]); break;
        default: throw new AssertionError(ops[s]);
      }
      slots[s] = v;
    }
  }

  /**
   * Evaluates every slot at one point of the extension field, given the values there of every variable: the
   * verifier's reading of the constraints at the out-of-domain point.
   *
   * @param selectors the values of {@link VarKind#IS_FIRST_ROW}, {@link VarKind#IS_LAST_ROW} and
   *     {@link VarKind#IS_TRANSITION}, in that order
   */
  public Ext4[] evaluateAt(Ext4[] main, Ext4[] mainNext, Ext4[] prep, Ext4[] prepNext, int[] publicValues,
      Ext4[] selectors) {
    Ext4[] slots = new Ext4[ops.length];
    for (int s = 0; s < ops.length; s++) {
      int a = arg0[s];
      int b = arg1[s];
      Ext4 v;
      switch (ops[s]) {
        case OP_CONST: v = Ext4.fromBase(a); break;
        case OP_VAR:
          switch (KINDS[a]) {
            case MAIN: v = main[b]; break;
            case MAIN_NEXT: v = mainNext[b]; break;
            case PREPROCESSED: v = prep[b]; break;
            case PREPROCESSED_NEXT: v = prepNext[b]; break;
            case PUBLIC: v = Ext4.fromBase(publicValues[b]); break;
            case IS_FIRST_ROW: v = selectors[0]; break;
            case IS_LAST_ROW: v = selectors[1]; break;
            case IS_TRANSITION: v = selectors[2]; break;
            default: throw new AssertionError(KINDS[a]);
          }
          break;
        case OP_ADD: v = slots[a].plus(slots[b]); break;
        case OP_SUB: v = slots[a].minus(slots[b]); break;
        case OP_MUL: v = slots[a].times(slots[b]); break;
        case OP_NEG: v = slots[a].unaryMinus(); break;
        default: throw new AssertionError(ops[s]);
      }
      slots[s] = v;
    }
    return slots;
  }

  /**
   * The slots that {@code roots} depend on, themselves included, in ascending (evaluation) order: what an
   * evaluator needs when it wants only some results, such as the bus fields without the constraints.
   */
  public int[] dependencies(int... roots) {
    boolean[] needed = new boolean[ops.length];
    for (int r : roots) {
      needed[r] = true;
    }
    int count = 0;
    for (int s = ops.length - 1; s >= 0; s--) {
      if (!needed[s]) {
        continue;
      }
      count++;
      if (ops[s] >= OP_ADD) {
        needed[arg0[s]] = true;
        if (ops[s] != OP_NEG) {
          needed[arg1[s]] = true;
        }
      }
    }
    int[] out = new int[count];
    for (int s = 0, i = 0; s < ops.length; s++) {
      if (needed[s]) {
        out[i++] = s;
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstraintProgram p && Arrays.equals(ops, p.ops) && Arrays.equals(arg0, p.arg0)
        && Arrays.equals(arg1, p.arg1);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(ops) + Arrays.hashCode(arg0)) + Arrays.hashCode(arg1);
  }

  /**
   * Builds a program slot by slot, sharing structurally equal slots and folding constants. Used by the DSL compiler
   * (from node trees) and by the decoder (from raw slots, which it validates).
   */
  public static final class Builder {
    private byte[] ops = new byte[64];
    private int[] arg0 = new int[64];
    private int[] arg1 = new int[64];
    private int[] degrees = new int[64];
    private int size;
    private final Map<Long, Integer> bySlots = new HashMap<>();
    private final Map<Long, Integer> byConst = new HashMap<>();
    private final IdentityHashMap<Node, Integer> byNode = new IdentityHashMap<>();

    /** Adds a node tree and returns its slot. Shared node objects are visited once. */
    public int add(Node node) {
      Integer known = byNode.get(node);
      if (known != null) {
        return known;
      }
      int slot;
      if (node instanceof Node.Const c) {
        slot = constant(c.value());
      } else if (node instanceof Node.Var v) {
        slot = variable(v.kind(), v.index());
      } else if (node instanceof Node.Add n) {
        slot = operation(OP_ADD, add(n.a()), add(n.b()));
      } else if (node instanceof Node.Sub n) {
        slot = operation(OP_SUB, add(n.a()), add(n.b()));
      } else if (node instanceof Node.Mul n) {
        slot = operation(OP_MUL, add(n.a()), add(n.b()));
      } else {
        slot = operation(OP_NEG, add(((Node.Neg) node).a()), 0);
      }
      byNode.put(node, slot);
      return slot;
    }

    /** The slot holding a canonical constant. */
    public int constant(int value) {
      if (!BabyBear.isCanonical(value)) {
        throw new IllegalArgumentException("constant " + value + " is not a canonical BabyBear element");
      }
      return intern(OP_CONST, value, 0, 0);
    }

    /** The slot reading a variable. */
    public int variable(VarKind kind, int index) {
      if (index < 0 || (!kind.hasIndex() && index != 0)) {
        throw new IllegalArgumentException("bad index " + index + " for variable " + kind);
      }
      return intern(OP_VAR, kind.ordinal(), index, kind.degree());
    }

    /** The slot computing an operation on earlier slots, after folding. */
    public int operation(byte op, int a, int b) {
      checkSlot(a);
      if (op == OP_NEG) {
        if (ops[a] == OP_CONST) {
          return constant(BabyBear.neg(arg0[a]));
        }
        if (ops[a] == OP_NEG) {
          return arg0[a];
        }
        return intern(OP_NEG, a, 0, degrees[a]);
      }
      checkSlot(b);
      boolean ca = ops[a] == OP_CONST;
      boolean cb = ops[b] == OP_CONST;
      switch (op) {
        case OP_ADD:
          if (ca && cb) return constant(BabyBear.add(arg0[a], arg0[b]));
          if (ca && arg0[a] == 0) return b;
          if (cb && arg0[b] == 0) return a;
          return intern(op, a, b, Math.max(degrees[a], degrees[b]));
        case OP_SUB:
          if (ca && cb) return constant(BabyBear.sub(arg0[a], arg0[b]));
          if (cb && arg0[b] == 0) return a;
          if (ca && arg0[a] == 0) return operation(OP_NEG, b, 0);
          return intern(op, a, b, Math.max(degrees[a], degrees[b]));
        case OP_MUL:
          if (ca && cb) return constant(BabyBear.mul(arg0[a], arg0[b]));
          if ((ca && arg0[a] == 0) || (cb && arg0[b] == 0)) return constant(0);
          if (ca && arg0[a] == 1) return b;
          if (cb && arg0[b] == 1) return a;
          return intern(op, a, b, degrees[a] + degrees[b]);
        default:
          throw new IllegalArgumentException("unknown op code " + op);
      }
    }

    /** Degree of a slot built so far. */
    public int degree(int slot) {
      checkSlot(slot);
      return degrees[slot];
    }

    /** Number of slots so far. */
    public int size() {
      return size;
    }

    /** The program with every slot built so far. */
    public ConstraintProgram build() {
      return new ConstraintProgram(Arrays.copyOf(ops, size), Arrays.copyOf(arg0, size), Arrays.copyOf(arg1, size),
          Arrays.copyOf(degrees, size));
    }

    /**
     * The program with only the slots that {@code roots} depend on (folding leaves constants behind that nothing
     * reads). Each {@code roots[i]} is rewritten in place to its slot in the returned program.
     */
    public ConstraintProgram build(int[] roots) {
      boolean[] live = new boolean[size];
      for (int r : roots) {
        checkSlot(r);
        live[r] = true;
      }
      for (int s = size - 1; s >= 0; s--) {
        if (live[s] && ops[s] >= OP_ADD) {
          live[arg0[s]] = true;
          if (ops[s] != OP_NEG) {
            live[arg1[s]] = true;
          }
        }
      }
      int[] remap = new int[size];
      int n = 0;
      for (int s = 0; s < size; s++) {
        remap[s] = live[s] ? n++ : -1;
      }
      byte[] o = new byte[n];
      int[] a = new int[n];
      int[] b = new int[n];
      int[] d = new int[n];
      for (int s = 0; s < size; s++) {
        int t = remap[s];
        if (t < 0) {
          continue;
        }
        o[t] = ops[s];
        d[t] = degrees[s];
        boolean operation = ops[s] >= OP_ADD;
        a[t] = operation ? remap[arg0[s]] : arg0[s];
        b[t] = operation && ops[s] != OP_NEG ? remap[arg1[s]] : arg1[s];
      }
      for (int i = 0; i < roots.length; i++) {
        roots[i] = remap[roots[i]];
      }
      return new ConstraintProgram(o, a, b, d);
    }

    private void checkSlot(int s) {
      if (s < 0 || s >= size) {
        throw new IllegalArgumentException("slot " + s + " is not an earlier slot (program has " + size + ")");
      }
    }

    private int intern(byte op, int a, int b, int degree) {
      Map<Long, Integer> table = op == OP_CONST ? byConst : bySlots;
      long key = op == OP_CONST ? a : ((long) op << 60) | ((long) a << 30) | b;
      Integer existing = table.get(key);
      if (existing != null) {
        return existing;
      }
      if (size == ops.length) {
        int n = size * 2;
        ops = Arrays.copyOf(ops, n);
        arg0 = Arrays.copyOf(arg0, n);
        arg1 = Arrays.copyOf(arg1, n);
        degrees = Arrays.copyOf(degrees, n);
      }
      ops[size] = op;
      arg0[size] = a;
      arg1[size] = b;
      degrees[size] = degree;
      table.put(key, size);
      return size++;
    }
  }
}
