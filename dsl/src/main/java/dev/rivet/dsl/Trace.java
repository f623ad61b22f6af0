package dev.rivet.dsl;

import dev.rivet.air.AirTable;
import dev.rivet.field.BabyBear;

/**
 * The witness of one table: its main columns filled row by row, and its public values. The preprocessed columns
 * come from the {@link AirTable} itself.
 *
 * <h2>Layout</h2>
 * Column-major: one {@code int[height]} per main column, canonical BabyBear values. The prover's NTTs and the
 * checker both read whole columns, and a chip filler usually writes a row's cells in sequence, which stays cheap
 * because each column is its own array.
 *
 * <p>Values written through {@link #set(Column, int, long)} are reduced into the field, so negative numbers and
 * unsigned 32-bit quantities stored in a {@code long} are fine.
 */
public final class Trace {
  private final AirTable table;
  private final int height;
  private final int[][] main;
  private final int[] publicValues;
  /** Main columns that {@link Lookups#deriveMultiplicities} fills; set by {@link Chip#newTrace}. */
  int[] derivedColumns = new int[0];

  /**
   * A zeroed trace.
   *
   * @param height a power of two, at least 2; equal to the table's preprocessed height if it has one
   */
  public Trace(AirTable table, int height) {
    if (height < 2 || Integer.bitCount(height) != 1) {
      throw new IllegalArgumentException("table '" + table.name() + "': trace height " + height
          + " is not a power of two ≥ 2");
    }
    if (table.preprocessedHeight() != 0 && table.preprocessedHeight() != height) {
      throw new IllegalArgumentException("table '" + table.name() + "': trace height " + height
          + " differs from its preprocessed height " + table.preprocessedHeight());
    }
    this.table = table;
    this.height = height;
    this.main = new int[table.width()][height];
    this.publicValues = new int[table.publicValues().size()];
  }

  public AirTable table() {
    return table;
  }

  public int height() {
    return height;
  }

  /** Writes a cell. */
  public void set(Column column, int row, long value) {
    main[index(column)][row] = BabyBear.fromLong(value);
  }

  /** Writes a cell (an {@code int} overload, so Kotlin's {@code trace[c, row] = 5} needs no conversion). */
  public void set(Column column, int row, int value) {
    main[index(column)][row] = BabyBear.fromInt(value);
  }

  /** Reads a cell. */
  public int get(Column column, int row) {
    return main[index(column)][row];
  }

  /** Writes a public value. */
  public void setPublic(PublicValue value, long v) {
    if (value.owner.table() != table) {
      throw new IllegalArgumentException("public value '" + value.name() + "' belongs to chip '" + value.owner.name()
          + "', not to table '" + table.name() + "'");
    }
    publicValues[value.index()] = BabyBear.fromLong(v);
  }

  /** Reads a public value. */
  public int getPublic(PublicValue value) {
    return publicValues[value.index()];
  }

  /**
   * The live cells of one column, for fillers that write many rows: the column is checked once here rather than on
   * every {@link #set}. Values written must be canonical (bits, limbs, or {@code BabyBear.fromLong(v)}).
   */
  public int[] column(Column column) {
    return main[index(column)];
  }

  /** The live cells of each column of a group, in the group's order; see {@link #column(Column)}. */
  public int[][] columns(java.util.List<Column> group) {
    int[][] out = new int[group.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = column(group.get(i));
    }
    return out;
  }

  /**
   * The live main columns, column-major. For the prover and for fillers that write by index; values must stay
   * canonical.
   */
  public int[][] mainColumns() {
    return main;
  }

  /** The live public values, in the table's order; values must stay canonical. */
  public int[] publicValues() {
    return publicValues;
  }

  private int index(Column column) {
    if (column.chip().table() != table) {
      throw new IllegalArgumentException("column '" + column.name() + "' belongs to chip '" + column.chip().name()
          + "', not to table '" + table.name() + "'");
    }
    return column.index();
  }
}
