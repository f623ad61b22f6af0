package dev.rivet.exec;

/**
 * A growable table of fixed-width rows of {@code int}s, stored row-major in chunks of 65,536
 * rows. Chunks rather than one doubling array so that appending never copies what was recorded
 * and the table can outgrow the largest Java array; row-major so that recording one row touches
 * one cache line stream.
 *
 * <p>Appending is {@link #append()} (which returns the offset of the new row in {@link #chunk})
 * followed by plain stores into that chunk: fresh chunks are zero, so fields left unset are 0.
 */
final class IntRows {
  static final int MAX_ROWS = 1 << 28;
  static final int CHUNK_SHIFT = 16;
  static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;

  private final int width;
  private final String name;
  private int[][] chunks = new int[8][];
  private int chunkCount;
  /** The chunk rows are being appended to. */
  int[] chunk;
  private int offset;
  private int rows;

  IntRows(String name, int width) {
    this.name = name;
    this.width = width;
    this.chunk = new int[0];
  }

  /** Appends a zero row and returns its offset in {@link #chunk}. */
  int append() {
    if (offset == chunk.length) {
      newChunk();
    }
    int at = offset;
    offset += width;
    rows++;
    return at;
  }

  private void newChunk() {
    if (rows >= MAX_ROWS) {
      throw new IllegalStateException(
          "the execution record's " + name + " table is full (" + MAX_ROWS + " rows)");
    }
    if (chunkCount == chunks.length) {
      int[][] grown = new int[2 * chunks.length][];
      System.arraycopy(chunks, 0, grown, 0, chunkCount);
      chunks = grown;
    }
    chunk = new int[CHUNK_ROWS * width];
    chunks[chunkCount++] = chunk;
    offset = 0;
  }

  /** Adopts a full chunk (or, last, a partial one) filled elsewhere, for a table never appended to. */
  void appendChunk(int[] filled, int rows) {
    if (chunkCount == chunks.length) {
      int[][] grown = new int[2 * chunks.length][];
      System.arraycopy(chunks, 0, grown, 0, chunkCount);
      chunks = grown;
    }
    chunks[chunkCount++] = filled;
    this.rows += rows;
  }

  int rows() {
    return rows;
  }

  int get(int row, int field) {
    return chunks[row >>> CHUNK_SHIFT][(row & (CHUNK_ROWS - 1)) * width + field];
  }

  void set(int row, int field, int value) {
    chunks[row >>> CHUNK_SHIFT][(row & (CHUNK_ROWS - 1)) * width + field] = value;
  }
}
