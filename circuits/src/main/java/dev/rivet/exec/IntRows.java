package dev.rivet.exec;

/**
 * A growable table of fixed-width rows of {@code int}s, stored row-major in chunks of 65,536
 * rows. Chunks rather than one doubling array so that appending never copies what was recorded
 * and the table can outgrow the largest Java array; row-major so that recording one row touches
 * one cache line stream.
 *
 * <p>Appending is {@link #append()} (which returns the offset of the new row in {@link #chunk})
 * followed by plain stores into that chunk. Chunks come from a {@link ChunkPool} and may hold a
 * released record's rows, so the caller stores every field of the row.
 */
final class IntRows {
  static final int MAX_ROWS = 1 << 28;
  static final int CHUNK_SHIFT = 16;
  static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;

  private final int width;
  private final String name;
  private final ChunkPool pool;
  /** The chunks; null once {@linkplain #release() released}. */
  private int[][] chunks = new int[8][];
  private int chunkCount;
  /** The chunk rows are being appended to. */
  int[] chunk;
  private int offset;
  private int rows;

  IntRows(String name, int width, ChunkPool pool) {
    this.name = name;
    this.width = width;
    this.pool = pool;
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
    chunk = pool.take(CHUNK_ROWS * width);
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
    int[][] chunks = this.chunks;
    if (chunks == null) {
      throw released();
    }
    return chunks[row >>> CHUNK_SHIFT][(row & (CHUNK_ROWS - 1)) * width + field];
  }

  void set(int row, int field, int value) {
    chunks[row >>> CHUNK_SHIFT][(row & (CHUNK_ROWS - 1)) * width + field] = value;
  }

  /** Gives the chunks back to the pool; any later {@link #get} fails. Idempotent. */
  void release() {
    if (chunks != null) {
      pool.give(chunks, chunkCount);
      chunks = null;
      chunk = null;
    }
  }

  private IllegalStateException released() {
    return new IllegalStateException("the execution record was released (its " + name
        + " table's memory now belongs to the executor's next recorded run)");
  }
}
