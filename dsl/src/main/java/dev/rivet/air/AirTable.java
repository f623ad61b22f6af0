package dev.rivet.air;

import dev.rivet.field.BabyBear;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled chip: an immutable algebraic intermediate representation that the checker, the prover and the
 * verifier all read.
 *
 * <p>An AirTable holds the named column layout (main columns, preprocessed columns with their fixed values, public
 * values), the constraints and bus interactions as one shared {@link ConstraintProgram}, and each constraint's degree. Its
 * {@link #encode() canonical encoding} is a byte string that depends only on the mathematics and the names, never
 * on where or in which language the chip was written; its {@link #digest() digest} (SHA-256 of that encoding)
 * identifies the circuit's shape and is bound into every proof.
 *
 * <p>The encoding holds the preprocessed columns' names and height but not their values: a verifier checks opened
 * preprocessed values against the verifying key's commitment to them, so the values never need to travel (the
 * RV32IM byte table alone is 5 × 2^16 of them, and a program's code and memory image must be bound by a
 * commitment, not shipped). What the verifier does need from them, the range of each preprocessed column a bus
 * multiplicity reads ({@link MultiplicityBounds}), is part of the encoding. A table decoded from bytes therefore
 * has no values ({@link #hasPreprocessedValues()}): it can be verified against, not proven or checked.
 *
 * <p>The constructor validates everything, so a table decoded from untrusted bytes is as well formed as one the
 * DSL compiled: names are unique, slots exist, degrees are within the maximum, preprocessed columns have one
 * power-of-two height.
 */
public final class AirTable {
  private final String name;
  private final int maxDegree;
  private final List<String> mainColumns;
  private final List<String> preprocessedColumns;
  /** Null in a table decoded from its encoding, which holds only the shape. */
  private final int[][] preprocessedValues;
  private final int preprocessedHeight;
  /** Per preprocessed column, {lo, hi} of its signed values if some multiplicity reads it, else null. */
  private final long[][] multiplicityRanges;
  private final List<String> publicValues;
  private final ConstraintProgram program;
  private final List<AirConstraint> constraints;
  private final List<Interaction> interactions;
  private final Map<String, Integer> mainIndex = new HashMap<>();
  private final List<String> warnings;
  private volatile byte[] encoding;
  private volatile byte[] digest;
  private volatile MultiplicityBounds multiplicityBounds;

  /**
   * @param preprocessedValues one array per preprocessed column, all of the same power-of-two length (copied)
   * @throws IllegalArgumentException naming the first inconsistency found
   */
  public AirTable(String name, int maxDegree, List<String> mainColumns, List<String> preprocessedColumns,
      int[][] preprocessedValues, List<String> publicValues, ConstraintProgram program, List<AirConstraint> constraints,
      List<Interaction> interactions) {
    this(name, maxDegree, mainColumns, preprocessedColumns, preprocessedValues, publicValues, program, constraints,
        interactions, List.of());
  }

  /**
   * A table with the compiler's warnings about it (see {@link #warnings()}).
   *
   * @throws IllegalArgumentException naming the first inconsistency found
   */
  public AirTable(String name, int maxDegree, List<String> mainColumns, List<String> preprocessedColumns,
      int[][] preprocessedValues, List<String> publicValues, ConstraintProgram program, List<AirConstraint> constraints,
      List<Interaction> interactions, List<String> warnings) {
    this.warnings = List.copyOf(warnings);
    this.name = require(name, "table name");
    this.maxDegree = maxDegree;
    this.mainColumns = List.copyOf(mainColumns);
    this.preprocessedColumns = List.copyOf(preprocessedColumns);
    this.preprocessedValues = new int[preprocessedValues.length][];
    for (int i = 0; i < preprocessedValues.length; i++) {
      this.preprocessedValues[i] = preprocessedValues[i].clone();
    }
    this.preprocessedHeight = preprocessedValues.length == 0 ? 0 : preprocessedValues[0].length;
    this.publicValues = List.copyOf(publicValues);
    this.program = program;
    this.constraints = List.copyOf(constraints);
    this.interactions = List.copyOf(interactions);
    validate();
    validateValues();
    this.multiplicityRanges = rangesOf(this.preprocessedValues, readByMultiplicities());
    for (int i = 0; i < this.mainColumns.size(); i++) {
      mainIndex.put(this.mainColumns.get(i), i);
    }
  }

  /**
   * A table without preprocessed values, as {@link AirCodec} decodes it: the preprocessed height, and the signed
   * range {lo, hi} of each preprocessed column some multiplicity reads (null for the others).
   *
   * @throws IllegalArgumentException naming the first inconsistency found
   */
  AirTable(String name, int maxDegree, List<String> mainColumns, List<String> preprocessedColumns,
      int preprocessedHeight, long[][] multiplicityRanges, List<String> publicValues, ConstraintProgram program,
      List<AirConstraint> constraints, List<Interaction> interactions) {
    this.warnings = List.of();
    this.name = require(name, "table name");
    this.maxDegree = maxDegree;
    this.mainColumns = List.copyOf(mainColumns);
    this.preprocessedColumns = List.copyOf(preprocessedColumns);
    this.preprocessedValues = null;
    this.preprocessedHeight = preprocessedHeight;
    this.publicValues = List.copyOf(publicValues);
    this.program = program;
    this.constraints = List.copyOf(constraints);
    this.interactions = List.copyOf(interactions);
    validate();
    String where = "table '" + name + "': ";
    if (this.preprocessedColumns.isEmpty() ? preprocessedHeight != 0
        : preprocessedHeight <= 0 || Integer.bitCount(preprocessedHeight) != 1) {
      throw new IllegalArgumentException(where + "preprocessed height " + preprocessedHeight + " does not fit "
          + this.preprocessedColumns.size() + " preprocessed columns");
    }
    boolean[] read = readByMultiplicities();
    if (multiplicityRanges.length != read.length) {
      throw new IllegalArgumentException(where + multiplicityRanges.length + " ranges for " + read.length
          + " preprocessed columns");
    }
    this.multiplicityRanges = new long[read.length][];
    for (int c = 0; c < read.length; c++) {
      long[] r = multiplicityRanges[c];
      if (read[c] != (r != null)) {
        throw new IllegalArgumentException(where + "preprocessed column '" + this.preprocessedColumns.get(c) + "' "
            + (read[c] ? "feeds a multiplicity but has no range" : "has a range but feeds no multiplicity"));
      }
      if (r != null) {
        if (r[0] > r[1] || r[0] < -(BabyBear.P / 2) || r[1] > BabyBear.P / 2) {
          throw new IllegalArgumentException(where + "preprocessed column '" + this.preprocessedColumns.get(c)
              + "' has range [" + r[0] + ", " + r[1] + "], not an interval of signed field elements");
        }
        this.multiplicityRanges[c] = r.clone();
      }
    }
    for (int i = 0; i < this.mainColumns.size(); i++) {
      mainIndex.put(this.mainColumns.get(i), i);
    }
  }

  private boolean[] readByMultiplicities() {
    return MultiplicityBounds.preprocessedColumnsOfMultiplicities(program, interactions, preprocessedColumns.size());
  }

  private static long[][] rangesOf(int[][] values, boolean[] read) {
    long[][] out = new long[values.length][];
    for (int c = 0; c < values.length; c++) {
      if (!read[c]) {
        continue;
      }
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (int v : values[c]) {
        lo = Math.min(lo, BabyBear.toSigned(v));
        hi = Math.max(hi, BabyBear.toSigned(v));
      }
      out[c] = new long[] {lo, hi};
    }
    return out;
  }

  private void validate() {
    String where = "table '" + name + "': ";
    if (maxDegree < 1 || maxDegree > 16) {
      throw new IllegalArgumentException(where + "maximum degree " + maxDegree + " is outside 1..16");
    }
    Set<String> names = new HashSet<>();
    for (String c : mainColumns) {
      if (!names.add(require(c, "column name"))) {
        throw new IllegalArgumentException(where + "column name '" + c + "' is used twice");
      }
    }
    for (String c : preprocessedColumns) {
      if (!names.add(require(c, "column name"))) {
        throw new IllegalArgumentException(where + "column name '" + c + "' is used twice");
      }
    }
    Set<String> publics = new HashSet<>();
    for (String p : publicValues) {
      if (!publics.add(require(p, "public value name"))) {
        throw new IllegalArgumentException(where + "public value name '" + p + "' is used twice");
      }
    }
    for (int s = 0; s < program.size(); s++) {
      if (program.op(s) == ConstraintProgram.OP_VAR) {
        int limit;
        switch (program.kind(s)) {
          case MAIN: case MAIN_NEXT: limit = mainColumns.size(); break;
          case PREPROCESSED: case PREPROCESSED_NEXT: limit = preprocessedColumns.size(); break;
          case PUBLIC: limit = publicValues.size(); break;
          default: limit = 1;
        }
        if (program.arg1(s) >= limit) {
          throw new IllegalArgumentException(where + "slot " + s + " reads " + program.kind(s) + " index "
              + program.arg1(s) + " of " + limit);
        }
      }
    }
    for (int i = 0; i < constraints.size(); i++) {
      AirConstraint c = constraints.get(i);
      checkSlot(c.slot(), where + "constraint " + c.label());
      if (c.index() != i) {
        throw new IllegalArgumentException(where + "constraint " + c.label() + " has index " + c.index() + ", not " + i);
      }
      if (c.degree() != program.degree(c.slot()) || c.degree() > maxDegree) {
        throw new IllegalArgumentException(where + "constraint " + c.label() + " has degree "
            + program.degree(c.slot()) + " (recorded " + c.degree() + ", maximum " + maxDegree + ")");
      }
    }
    for (Interaction in : interactions) {
      require(in.bus(), "bus name");
      String what = where + "interaction on bus '" + in.bus() + "' at " + in.source();
      checkSlot(in.multiplicitySlot(), what);
      for (int i = 0; i < in.arity(); i++) {
        checkSlot(in.fieldSlot(i), what);
      }
    }
  }

  /** The preprocessed values: one array per column, one power-of-two height, canonical field elements. */
  private void validateValues() {
    String where = "table '" + name + "': ";
    if (preprocessedValues.length != preprocessedColumns.size()) {
      throw new IllegalArgumentException(where + preprocessedColumns.size() + " preprocessed columns but "
          + preprocessedValues.length + " value arrays");
    }
    if (preprocessedValues.length > 0) {
      int h = preprocessedValues[0].length;
      if (h == 0 || Integer.bitCount(h) != 1) {
        throw new IllegalArgumentException(where + "preprocessed height " + h + " is not a power of two");
      }
      for (int i = 0; i < preprocessedValues.length; i++) {
        if (preprocessedValues[i].length != h) {
          throw new IllegalArgumentException(where + "preprocessed column '" + preprocessedColumns.get(i) + "' has "
              + preprocessedValues[i].length + " rows, others " + h);
        }
        for (int v : preprocessedValues[i]) {
          if (!BabyBear.isCanonical(v)) {
            throw new IllegalArgumentException(where + "preprocessed column '" + preprocessedColumns.get(i)
                + "' holds a non-canonical value " + v);
          }
        }
      }
    }
  }

  private void checkSlot(int slot, String what) {
    if (slot < 0 || slot >= program.size()) {
      throw new IllegalArgumentException(what + " refers to slot " + slot + " of " + program.size());
    }
  }

  private static String require(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return s;
  }

  public String name() {
    return name;
  }

  /** The maximum constraint degree this table was compiled for (selectors included). */
  public int maxDegree() {
    return maxDegree;
  }

  /** Main column names, in column order. */
  public List<String> mainColumns() {
    return mainColumns;
  }

  /** Number of main columns. */
  public int width() {
    return mainColumns.size();
  }

  /** The index of a main column by name. */
  public int mainColumn(String columnName) {
    Integer i = mainIndex.get(columnName);
    if (i == null) {
      throw new IllegalArgumentException("table '" + name + "' has no main column '" + columnName + "'");
    }
    return i;
  }

  /** Preprocessed column names, in column order. */
  public List<String> preprocessedColumns() {
    return preprocessedColumns;
  }

  /** The fixed height imposed by preprocessed columns, or 0 when the table has none. */
  public int preprocessedHeight() {
    return preprocessedHeight;
  }

  /**
   * Whether this table holds its preprocessed values: true for a compiled table, false for one decoded from its
   * encoding, which carries only their shape (even one without preprocessed columns).
   */
  public boolean hasPreprocessedValues() {
    return preprocessedValues != null;
  }

  /**
   * A copy of preprocessed column i's values.
   *
   * @throws IllegalStateException if this table was decoded from its encoding, which holds no values
   */
  public int[] preprocessedValues(int i) {
    if (preprocessedValues == null) {
      throw new IllegalStateException("table '" + name + "' was decoded from its encoding, which holds no "
          + "preprocessed values (a verifying key binds them by its preprocessed commitment); prove and check with "
          + "the compiled table");
    }
    return preprocessedValues[i].clone();
  }

  /**
   * Whether this table and another hold the same preprocessed values, which their digests do not cover: the
   * prover's test that a trace was filled for the key's table. A decoded table has none, so equals only a table
   * without preprocessed columns.
   */
  public boolean samePreprocessedValues(AirTable other) {
    if (preprocessedColumns.isEmpty() && other.preprocessedColumns.isEmpty()) {
      return true;
    }
    return preprocessedValues != null && other.preprocessedValues != null
        && java.util.Arrays.deepEquals(preprocessedValues, other.preprocessedValues);
  }

  /** The signed range {lo, hi} of preprocessed column i's values if some multiplicity reads it, else null. */
  long[] multiplicityRange(int i) {
    return multiplicityRanges[i];
  }

  /** Public value names, in order. */
  public List<String> publicValues() {
    return publicValues;
  }

  public ConstraintProgram program() {
    return program;
  }

  public List<AirConstraint> constraints() {
    return constraints;
  }

  public List<Interaction> interactions() {
    return interactions;
  }

  /** The highest degree among the constraints (at least 1). */
  public int degree() {
    int d = 1;
    for (AirConstraint c : constraints) {
      d = Math.max(d, c.degree());
    }
    return d;
  }

  /**
   * What the compiler found suspicious but legal, each with its source line: a column no constraint and no bus
   * message reads, a constraint reading the next row on the last row. Not part of the encoding or the digest (a
   * table decoded from bytes has none).
   */
  public List<String> warnings() {
    return warnings;
  }

  /** What the constraints bound of each interaction's multiplicity, derived from this table alone. */
  public MultiplicityBounds multiplicityBounds() {
    MultiplicityBounds b = multiplicityBounds;
    if (b == null) {
      b = MultiplicityBounds.of(this);
      multiplicityBounds = b;
    }
    return b;
  }

  /** The canonical encoding (see {@link AirCodec}); a fresh copy. */
  public byte[] encode() {
    byte[] e = encoding;
    if (e == null) {
      e = AirCodec.encode(this);
      encoding = e;
    }
    return e.clone();
  }

  /** SHA-256 of the canonical encoding: the circuit's identity. A fresh copy. */
  public byte[] digest() {
    byte[] d = digest;
    if (d == null) {
      d = AirCodec.sha256(encode());
      digest = d;
    }
    return d.clone();
  }

  /** The digest in hex. */
  public String digestHex() {
    return java.util.HexFormat.of().formatHex(digest());
  }

  /** A readable description: columns, constraints with degrees, interactions. */
  public String dump() {
    return AirDump.dump(this);
  }

  @Override
  public String toString() {
    return "AirTable(" + name + ", " + width() + " columns, " + constraints.size() + " constraints, "
        + interactions.size() + " interactions)";
  }
}
