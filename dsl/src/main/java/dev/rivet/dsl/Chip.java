package dev.rivet.dsl;

import dev.rivet.air.AirConstraint;
import dev.rivet.air.AirTable;
import dev.rivet.air.Interaction;
import dev.rivet.air.Node;
import dev.rivet.air.ConstraintProgram;
import dev.rivet.air.MultiplicityBounds;
import dev.rivet.air.SourceLocation;
import dev.rivet.air.VarKind;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A circuit author's definition of one table: its columns, public values, constraints and bus messages, compiled
 * on first use into an immutable {@link AirTable}. Witness generation sits next to it: {@link #newTrace(int)} gives
 * a trace to fill through the same {@link Column} handles the constraints use.
 *
 * <p>Write a chip as a subclass (columns as fields, constraints in the constructor), or build one in place:
 *
 * <pre>{@code
 * // Java                                          // Kotlin (see RivetDsl.kt for the blocks)
 * Chip fib = new Chip("fibonacci");                 object Fibonacci : Chip("fibonacci") {
 * Column a = fib.column("a");                          val a = column("a")
 * Column b = fib.column("b");                          val b = column("b")
 * fib.whenTransition().assertEq(a.next(), b);          init { transition { a.next() eq b } }
 * AirTable table = fib.table();                     }
 * }</pre>
 *
 * <p>Problems (a degree over the maximum, a duplicate name, a message of the wrong arity) are collected with their
 * source lines and thrown together as a {@link CircuitException} when the chip compiles. After that the chip is
 * frozen.
 *
 * <p>Legal but suspicious circuits compile with {@link AirTable#warnings() warnings}, logged once at compile: a
 * column that nothing reads, a constraint that reads the next row on the last row.
 */
public class Chip extends ConstraintScope {
  /** The default maximum constraint degree: with blowup 2 the quotient splits into two chunks. */
  public static final int DEFAULT_MAX_DEGREE = 3;
  private static final System.Logger LOG = System.getLogger(Chip.class.getName());

  private final String name;
  private final int maxDegree;
  private final List<Column> main = new ArrayList<>();
  private final List<SourceLocation> mainSources = new ArrayList<>();
  private final List<PreprocessedColumn> prep = new ArrayList<>();
  private final List<int[]> prepValues = new ArrayList<>();
  private final List<PublicValue> publics = new ArrayList<>();
  private final List<Integer> derived = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Set<String> publicNames = new HashSet<>();
  private final List<PendingConstraint> constraints = new ArrayList<>();
  private final List<PendingInteraction> interactions = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Expr isFirstRow = Expr.variable(VarKind.IS_FIRST_ROW, 0, this);
  private final Expr isLastRow = Expr.variable(VarKind.IS_LAST_ROW, 0, this);
  private final Expr isTransition = Expr.variable(VarKind.IS_TRANSITION, 0, this);
  private volatile AirTable table;

  public Chip(String name) {
    this(name, DEFAULT_MAX_DEGREE);
  }

  public Chip(String name, int maxDegree) {
    super(null);
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a chip needs a name");
    }
    if (maxDegree < 2 || maxDegree > 16) {
      throw new IllegalArgumentException("chip '" + name + "': maximum degree " + maxDegree + " is outside 2..16");
    }
    this.name = name;
    this.maxDegree = maxDegree;
  }

  public final String name() {
    return name;
  }

  public final int maxDegree() {
    return maxDegree;
  }

  /** Declares a main column. */
  public final Column column(String columnName) {
    checkOpen();
    claim(columnName);
    Column c = new Column(this, columnName, main.size());
    main.add(c);
    mainSources.add(Sources.caller());
    return c;
  }

  /**
   * Declares a main column that counts lookups: use it as the multiplicity of a {@code receive}, and
   * {@link Lookups#deriveMultiplicities} fills it from what the other tables send, so no filler counts by hand.
   */
  public final Column multiplicity(String columnName) {
    Column c = column(columnName);
    derived.add(c.index());
    return c;
  }

  /** Declares {@code count} main columns named {@code prefix[0]} … {@code prefix[count-1]}. */
  public final List<Column> columns(String prefix, int count) {
    List<Column> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(column(prefix + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  /**
   * Declares a preprocessed column with fixed values (copied). All preprocessed columns of a chip share one
   * power-of-two height, which becomes the table's height.
   */
  public final PreprocessedColumn preprocessed(String columnName, int[] values) {
    checkOpen();
    claim(columnName);
    int[] copy = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = dev.rivet.field.BabyBear.fromInt(values[i]);
    }
    if (values.length == 0 || Integer.bitCount(values.length) != 1) {
      problem(Sources.caller(), "preprocessed column '" + columnName + "' has " + values.length
          + " values; the height must be a power of two");
    } else if (!prepValues.isEmpty() && prepValues.get(0).length != values.length) {
      problem(Sources.caller(), "preprocessed column '" + columnName + "' has " + values.length
          + " values but '" + prep.get(0).name() + "' has " + prepValues.get(0).length);
    }
    PreprocessedColumn c = new PreprocessedColumn(this, columnName, prep.size());
    prep.add(c);
    prepValues.add(copy);
    return c;
  }

  /** Declares a public value. */
  public final PublicValue publicValue(String valueName) {
    checkOpen();
    if (valueName == null || valueName.isEmpty() || !publicNames.add(valueName)) {
      problem(Sources.caller(), "public value name '" + valueName + "' is empty or used twice");
    }
    PublicValue p = new PublicValue(this, valueName, publics.size());
    publics.add(p);
    return p;
  }

  /** 1 on the first row, else 0 (degree 1). */
  public final Expr isFirstRow() {
    return isFirstRow;
  }

  /** 1 on the last row, else 0 (degree 1). */
  public final Expr isLastRow() {
    return isLastRow;
  }

  /** 1 on every row but the last (degree 1). */
  public final Expr isTransition() {
    return isTransition;
  }

  /**
   * The compiled table. The first call compiles and freezes the chip.
   *
   * @throws CircuitException listing every problem, each with its source line
   */
  public final AirTable table() {
    AirTable t = table; // trace fillers call this per cell through Column checks: no lock on the fast path
    return t != null ? t : compileOnce();
  }

  private synchronized AirTable compileOnce() {
    if (table == null) {
      table = compile();
    }
    return table;
  }

  /** A zeroed trace of the given power-of-two height for this chip's table, to be filled through its columns. */
  public final Trace newTrace(int height) {
    Trace t = new Trace(table(), height);
    t.derivedColumns = derived.stream().mapToInt(Integer::intValue).toArray();
    return t;
  }

  final String variableName(VarKind kind, int index) {
    switch (kind) {
      case MAIN: return main.get(index).name();
      case MAIN_NEXT: return main.get(index).name() + "'";
      case PREPROCESSED: return prep.get(index).name();
      case PREPROCESSED_NEXT: return prep.get(index).name() + "'";
      case PUBLIC: return "$" + publics.get(index).name();
      case IS_FIRST_ROW: return "is_first_row";
      case IS_LAST_ROW: return "is_last_row";
      default: return "is_transition";
    }
  }

  final void addConstraint(String constraintName, Expr full, Expr body, SourceLocation where) {
    checkOpen();
    checkOwner(full, where);
    constraints.add(new PendingConstraint(constraintName == null ? "" : constraintName, full, body, where));
  }

  final <M extends BusMessage> void addInteraction(Bus<M> bus, M message, Expr multiplicity,
      Interaction.Direction direction, SourceLocation where) {
    checkOpen();
    List<Expr> fields = message.fields();
    if (fields.size() != bus.fieldNames().size()) {
      problem(where, "message on bus '" + bus.name() + "' has " + fields.size() + " fields, the bus has "
          + bus.fieldNames().size() + " " + bus.fieldNames());
      return;
    }
    for (Expr f : fields) {
      checkOwner(f, where);
    }
    checkOwner(multiplicity, where);
    interactions.add(new PendingInteraction(bus, List.copyOf(fields), multiplicity, direction, where));
  }

  private AirTable compile() {
    if (main.isEmpty()) {
      problem(SourceLocation.UNKNOWN, "chip declares no main columns");
    }
    ConstraintProgram.Builder program = new ConstraintProgram.Builder();
    List<AirConstraint> compiled = new ArrayList<>();
    for (PendingConstraint c : constraints) {
      int slot = program.add(c.full.node);
      int degree = program.degree(slot);
      if (degree > maxDegree) {
        problem(c.where, "constraint " + (c.name.isEmpty() ? "" : "'" + c.name + "' ") + "has degree " + degree
            + " > " + maxDegree + " (" + DegreeDiagnosis.explain(c.full, c.body, maxDegree, this) + ")");
      }
      compiled.add(new AirConstraint(compiled.size(), c.name, slot, degree, c.where));
    }
    List<Interaction> compiledInteractions = new ArrayList<>();
    for (PendingInteraction in : interactions) {
      int[] fieldSlots = new int[in.fields.size()];
      for (int i = 0; i < fieldSlots.length; i++) {
        fieldSlots[i] = program.add(in.fields.get(i).node);
        // LogUp checks h·(α − fingerprint) = multiplicity, so a field may use one degree less than the maximum.
        if (program.degree(fieldSlots[i]) > maxDegree - 1) {
          problem(in.where, "field '" + in.bus.fieldNames().get(i) + "' of a message on bus '" + in.bus.name()
              + "' has degree " + program.degree(fieldSlots[i]) + " > " + (maxDegree - 1)
              + " (bus fields may use at most the maximum degree minus one; put the value in a column)");
        }
      }
      int mult = program.add(in.multiplicity.node);
      if (program.degree(mult) > maxDegree) {
        problem(in.where, "multiplicity of a message on bus '" + in.bus.name() + "' has degree "
            + program.degree(mult) + " > " + maxDegree);
      }
      compiledInteractions.add(new Interaction(in.bus.name(), in.bus.fieldNames(), in.direction, fieldSlots, mult,
          in.bus.acceptsPublicMessages(), in.where));
    }
    if (!problems.isEmpty()) {
      throw new CircuitException(name, problems);
    }
    // Prune dead slots, then renumber every reference through the same root array.
    int[] roots = new int[compiled.size() + compiledInteractions.stream().mapToInt(i -> i.arity() + 1).sum()];
    int k = 0;
    for (AirConstraint c : compiled) {
      roots[k++] = c.slot();
    }
    for (Interaction in : compiledInteractions) {
      for (int i = 0; i < in.arity(); i++) {
        roots[k++] = in.fieldSlot(i);
      }
      roots[k++] = in.multiplicitySlot();
    }
    ConstraintProgram pruned = program.build(roots);
    k = 0;
    List<AirConstraint> finalConstraints = new ArrayList<>();
    for (AirConstraint c : compiled) {
      finalConstraints.add(new AirConstraint(c.index(), c.name(), roots[k++], c.degree(), c.source()));
    }
    List<Interaction> finalInteractions = new ArrayList<>();
    for (Interaction in : compiledInteractions) {
      int[] fields = new int[in.arity()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = roots[k++];
      }
      finalInteractions.add(new Interaction(in.bus(), in.fieldNames(), in.direction(), fields, roots[k++],
          in.publicMessages(), in.source()));
    }
    List<String> mainNames = main.stream().map(Column::name).toList();
    List<String> prepNames = prep.stream().map(PreprocessedColumn::name).toList();
    List<String> publicNameList = publics.stream().map(PublicValue::name).toList();
    List<String> warnings = new ArrayList<>(lint(pruned, finalConstraints));
    AirTable result;
    try {
      result = new AirTable(name, maxDegree, mainNames, prepNames, prepValues.toArray(new int[0][]), publicNameList,
          pruned, finalConstraints, finalInteractions, warnings);
    } catch (IllegalArgumentException e) {
      throw new CircuitException(name, List.of(e.getMessage()));
    }
    int lintCount = warnings.size();
    checkMultiplicities(result, warnings);
    if (!problems.isEmpty()) {
      throw new CircuitException(name, problems);
    }
    if (warnings.size() > lintCount) { // the bounds are read from the compiled table, so its warnings come after
      result = new AirTable(name, maxDegree, mainNames, prepNames, prepValues.toArray(new int[0][]), publicNameList,
          pruned, finalConstraints, finalInteractions, warnings);
    }
    for (String w : warnings) {
      LOG.log(Level.WARNING, "chip ''{0}'': {1}", name, w);
    }
    return result;
  }

  /**
   * The no-wraparound rule at compile time (docs/soundness.md, "Multiplicities as integers"): a multiplicity read
   * from a column no constraint mentions is refused, since rows with m and p − m would cancel; a lookup counter
   * ({@link #multiplicity}) may only count a receive of fixed messages; a multiplicity the constraints do not
   * bound is a warning, because every proof of it will be refused by the verifier.
   */
  private void checkMultiplicities(AirTable compiled, List<String> warnings) {
    MultiplicityBounds bounds = compiled.multiplicityBounds();
    List<Interaction> list = compiled.interactions();
    for (int i = 0; i < list.size(); i++) {
      Interaction in = list.get(i);
      String what = "multiplicity of a " + in.direction().toString().toLowerCase() + " on bus '" + in.bus() + "'";
      boolean counter = false;
      String free = null;
      for (int c : bounds.multiplicityColumns(i)) {
        counter |= derived.contains(c);
        if (!bounds.constrained(c) && free == null) {
          free = main.get(c).name();
        }
      }
      if (bounds.isLookup(i) && (counter || free == null)) {
        continue; // a receive of fixed messages needs no bound (the one-sided argument)
      }
      if (counter) {
        problem(in.source(), what + " reads a lookup counter; a counter must be the multiplicity of a receive whose "
            + "fields are fixed (preprocessed columns, public values, constants), so that only senders need bounds");
      } else if (free != null) {
        problem(in.source(), what + " reads column '" + free + "', which no constraint mentions: rows with "
            + "multiplicities m and p − m would cancel; constrain it (e.g. assertBool) or, for a lookup table, "
            + "declare it with multiplicity()");
      } else if (bounds.bound(i) == MultiplicityBounds.UNBOUNDED) {
        warnings.add(in.source() + ": " + what + " has no bound the constraints imply (booleans, selectors, "
            + "constants and their sums and products are bounded); the verifier refuses every proof of this table");
      }
    }
  }

  /**
   * The soundness lints, each naming its source line:
   * <ul>
   *   <li>a main column that no constraint and no bus message reads (after constant folding): the prover may put
   *       anything there, and a value the author thought constrained is the commonest soundness bug;</li>
   *   <li>a constraint that reads the next row and holds on the last row too, where the next row is row 0; a
   *       condition with the factor {@code is_transition} (or {@code is_first_row}) rules that out.</li>
   * </ul>
   */
  private List<String> lint(ConstraintProgram program, List<AirConstraint> compiled) {
    boolean[] read = new boolean[main.size()];
    boolean[] readsNext = new boolean[program.size()];
    for (int s = 0; s < program.size(); s++) { // slots only read earlier slots: one forward pass
      byte op = program.op(s);
      if (op == ConstraintProgram.OP_VAR) {
        VarKind kind = program.kind(s);
        if (kind == VarKind.MAIN || kind == VarKind.MAIN_NEXT) {
          read[program.arg1(s)] = true;
        }
        readsNext[s] = kind == VarKind.MAIN_NEXT || kind == VarKind.PREPROCESSED_NEXT;
      } else if (op != ConstraintProgram.OP_CONST) {
        readsNext[s] = readsNext[program.arg0(s)] || (op != ConstraintProgram.OP_NEG && readsNext[program.arg1(s)]);
      }
    }
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < read.length; i++) {
      if (!read[i]) {
        warnings.add(mainSources.get(i) + ": column '" + main.get(i).name() + "' is read by no constraint and no bus"
            + " message, so the prover may put anything in it");
      }
    }
    for (AirConstraint c : compiled) {
      if (readsNext[c.slot()] && !vanishesOnLastRow(constraints.get(c.index()).full.node)) {
        warnings.add(c.source() + ": constraint " + (c.name().isEmpty() ? "" : "'" + c.name() + "' ")
            + "reads next() on the last row too, where it wraps around to row 0; write it under whenTransition()"
            + " (Kotlin: transition { })");
      }
    }
    return List.copyOf(warnings);
  }

  /** Whether {@code n} has {@code is_transition} or {@code is_first_row} as a factor (nested conditions multiply). */
  private static boolean vanishesOnLastRow(Node n) {
    if (n instanceof Node.Mul m) {
      return vanishesOnLastRow(m.a()) || vanishesOnLastRow(m.b());
    }
    return n instanceof Node.Var v && (v.kind() == VarKind.IS_TRANSITION || v.kind() == VarKind.IS_FIRST_ROW);
  }

  private void checkOwner(Expr e, SourceLocation where) {
    if (e.owner != null && e.owner != this) {
      problem(where, "expression reads columns of chip '" + e.owner.name() + "', not of this chip");
    }
  }

  private void claim(String columnName) {
    if (columnName == null || columnName.isEmpty() || !names.add(columnName)) {
      problem(Sources.caller(), "column name '" + columnName + "' is empty or used twice");
    }
  }

  private void checkOpen() {
    if (table != null) {
      throw new IllegalStateException("chip '" + name + "' is already compiled; declare everything before table()");
    }
  }

  private void problem(SourceLocation where, String what) {
    problems.add(where + ": " + what);
  }

  private record PendingConstraint(String name, Expr full, Expr body, SourceLocation where) {}

  private record PendingInteraction(Bus<?> bus, List<Expr> fields, Expr multiplicity,
      Interaction.Direction direction, SourceLocation where) {}
}
