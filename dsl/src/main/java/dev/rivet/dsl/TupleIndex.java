package dev.rivet.dsl;

import java.util.Arrays;

/**
 * Numbers distinct tuples of one arity with dense ids 0, 1, … in order of first insertion, without an object per
 * tuple: the bus-message index behind {@link Lookups#deriveMultiplicities} and the checker's bus tallies.
 *
 * <p>Why not a {@code HashMap<Key, …>}: those callers look up one tuple per interaction per row, up to
 * 2<sup>22</sup> rows × ten interactions, and a boxed key per look-up made the allocation, not the arithmetic,
 * the cost. Here tuples live in one {@code int[]} slab, {@code arity} ints per id; the hash table is open
 * addressing with linear probing, at most half full, over a {@code long[]} of (hash, id) entries: a probe
 * rejects other tuples on the entry it reads anyway, one cache line, before touching the slab, and growing
 * rehashes nothing.
 *
 * <p>Tuples are read in place from column-shaped arrays: field {@code i} of the tuple at {@code row} is
 * {@code columns[i][row]}, as a batch evaluator's registers or a trace's columns hold them.
 *
 * <p>Not thread-safe for writes; {@link #find} alone may run on many threads once the adding is over.
 */
public final class TupleIndex {
  private static final long EMPTY = 0;

  private final int arity;
  private int[] tuples;
  /** Open-addressing table of {@link #entry entries}, {@link #EMPTY} where free; its length is a power of two. */
  private long[] table;
  private int size;

  /** An empty index of tuples with {@code arity} fields. */
  public TupleIndex(int arity) {
    if (arity < 0) {
      throw new IllegalArgumentException("negative arity " + arity);
    }
    this.arity = arity;
    this.tuples = new int[16 * arity];
    this.table = new long[32];
  }

  /** The number of fields of every tuple. */
  public int arity() {
    return arity;
  }

  /** The number of distinct tuples added: ids are {@code 0 … size() − 1}. */
  public int size() {
    return size;
  }

  /** The id of the tuple {@code columns[0][row], …, columns[arity − 1][row]}, or −1 if it was never added. */
  public int find(int[][] columns, int row) {
    int h = hash(columns, row);
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long entry = table[slot];
      if (entry == EMPTY) {
        return -1;
      }
      int id = (int) entry - 1;
      if ((int) (entry >>> 32) == h && matches(id, columns, row)) {
        return id;
      }
    }
  }

  /**
   * The id of the tuple {@code columns[0][row], …, columns[arity − 1][row]}, added with the next id
   * ({@link #size()} before the call) if absent.
   */
  public int add(int[][] columns, int row) {
    int h = hash(columns, row);
    int mask = table.length - 1;
    int slot = h & mask;
    for (; table[slot] != EMPTY; slot = (slot + 1) & mask) {
      long entry = table[slot];
      int id = (int) entry - 1;
      if ((int) (entry >>> 32) == h && matches(id, columns, row)) {
        return id;
      }
    }
    int id = size++;
    if (id * arity == tuples.length) {
      tuples = Arrays.copyOf(tuples, Math.max(2 * tuples.length, arity));
    }
    for (int i = 0; i < arity; i++) {
      tuples[id * arity + i] = columns[i][row];
    }
    table[slot] = entry(h, id);
    if (2 * size > table.length) {
      grow();
    }
    return id;
  }

  /** Field {@code field} of tuple {@code id}. */
  public int get(int id, int field) {
    return tuples[id * arity + field];
  }

  /** A copy of tuple {@code id}. */
  public int[] tuple(int id) {
    return Arrays.copyOfRange(tuples, id * arity, (id + 1) * arity);
  }

  private boolean matches(int id, int[][] columns, int row) {
    int base = id * arity;
    for (int i = 0; i < arity; i++) {
      if (tuples[base + i] != columns[i][row]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    long[] bigger = new long[2 * table.length];
    int mask = bigger.length - 1;
    for (long entry : table) {
      if (entry != EMPTY) {
        int slot = (int) (entry >>> 32) & mask;
        while (bigger[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        bigger[slot] = entry;
      }
    }
    table = bigger;
  }

  /** A table entry: the hash in the high half, so that a probe rejects other tuples on the entry alone. */
  private static long entry(int hash, int id) {
    return (long) hash << 32 | (id + 1);
  }

  /**
   * A multiply-add over the fields, then a 64-bit finalizer (MurmurHash3's), so that tuples differing only in a
   * low field (a byte, a counter) still spread over the table's low bits, which pick the slot.
   */
  private int hash(int[][] columns, int row) {
    long h = arity;
    for (int i = 0; i < arity; i++) {
      h = (h + columns[i][row]) * 0x9E3779B97F4A7C15L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return (int) h;
  }
}
