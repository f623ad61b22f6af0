package dev.rivet.dsl;

import java.util.List;

/**
 * A scratch buffer for a block of consecutive rows of one trace, for fillers that compute a row at a time.
 *
 * <p>Why: a {@link Trace} is column-major, so writing one row of a wide table touches one memory page per column.
 * With thousands of columns that is a TLB miss per cell (the 2572-column Keccak chip on 2^15 rows, this shared
 * 2-core machine: 4–7 s writing each row straight into the columns, under 1 s through blocks of 24 rows; see
 * {@code KeccakTiming} in the circuits tests). A block keeps the rows being computed in one small
 * array, cell (column c, row r) at {@code c·rows + r}, and {@link #flush} copies each column's run into the trace
 * in one {@code arraycopy}.
 *
 * <p>One block per worker thread; a block is not thread-safe. Every cell of the rows flushed must have been
 * written since the last flush: the buffer is reused, not cleared.
 */
public final class RowBlock {
  private final Trace trace;
  private final int rows;
  private final int[] cells;

  /** A block of {@code rows} rows for {@code trace}. */
  public RowBlock(Trace trace, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("a row block needs at least one row, not " + rows);
    }
    this.trace = trace;
    this.rows = rows;
    this.cells = new int[Math.multiplyExact(trace.table().width(), rows)];
  }

  /** Rows in the block. */
  public int rows() {
    return rows;
  }

  /** The live buffer: cell (column c, row r) at {@code offset(c) + r}; values written must be canonical. */
  public int[] cells() {
    return cells;
  }

  /** Where {@code column}'s rows start in {@link #cells()}. */
  public int offset(Column column) {
    trace.column(column); // refuses columns of other chips
    return column.index() * rows;
  }

  /** {@link #offset} of each column of a group, in the group's order. */
  public int[] offsets(List<Column> group) {
    int[] out = new int[group.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = offset(group.get(i));
    }
    return out;
  }

  /** Copies the block's first {@code count} rows into the trace's rows {@code firstRow ..}. */
  public void flush(int firstRow, int count) {
    if (count < 0 || count > rows || firstRow < 0 || firstRow + count > trace.height()) {
      throw new IllegalArgumentException("cannot flush " + count + " rows of a " + rows + "-row block at row "
          + firstRow + " of a trace of height " + trace.height());
    }
    int[][] main = trace.mainColumns();
    for (int c = 0; c < main.length; c++) {
      System.arraycopy(cells, c * rows, main[c], firstRow, count);
    }
  }
}
