package dev.rivet.field;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread reuse of the {@code int[]} scratch arrays of the transforms and the quotient evaluation, so that a
 * prover allocates them once per thread and shape instead of once per column and table.
 *
 * <p>Why: one LDE of a 2<sup>20</sup>-row column to 2<sup>21</sup> points needs 24 MiB of scratch matrices
 * besides its 8 MiB result; allocated per column, a 2<sup>20</sup> × 100 proof churned about 2.4 GB of scratch
 * through the young generation, and every young collection copied the live LDE columns allocated since the last
 * one (docs/benchmarks.md, "Buffers and cold start").
 *
 * <p>Contract: {@link #take} returns an array of exactly the requested length whose contents are <em>arbitrary</em>
 * (a previous user's values): callers overwrite every element they read. {@link #give} hands an array back to the
 * calling thread's pool; the caller must not touch it afterwards. An array taken on one thread may be given back on
 * another. Each thread's pool is softly referenced, so the collector may drop it under memory pressure, and keeps
 * at most {@value #MAX_PER_LENGTH} arrays of each length.
 */
public final class ScratchInts {
  /**
   * Enough for an LDE of 2<sup>20</sup> rows at blowup 2, whose four-step matrices hold 4,096 arrays of 2<sup>10</sup>
   * ints at once (input rows, coefficient rows and spread rows); larger shapes reuse part of their scratch.
   */
  static final int MAX_PER_LENGTH = 1 << 12;

  private static final ThreadLocal<SoftReference<Map<Integer, ArrayDeque<int[]>>>> POOLS = new ThreadLocal<>();

  private ScratchInts() {}

  /** An array of {@code length} ints with arbitrary contents. */
  public static int[] take(int length) {
    ArrayDeque<int[]> free = pool().get(length);
    int[] a = free == null ? null : free.pollLast();
    return a != null ? a : new int[length];
  }

  /** {@code rows} arrays of {@code length} ints each, arbitrary contents. */
  public static int[][] take(int rows, int length) {
    int[][] m = new int[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = take(length);
    }
    return m;
  }

  /** Hands {@code a} back for reuse by this thread. */
  public static void give(int[] a) {
    ArrayDeque<int[]> free = pool().computeIfAbsent(a.length, k -> new ArrayDeque<>());
    if (free.size() < MAX_PER_LENGTH) {
      free.addLast(a);
    }
  }

  /** Hands every row of {@code m} back. */
  public static void give(int[][] m) {
    for (int[] row : m) {
      give(row);
    }
  }

  private static Map<Integer, ArrayDeque<int[]>> pool() {
    SoftReference<Map<Integer, ArrayDeque<int[]>>> ref = POOLS.get();
    Map<Integer, ArrayDeque<int[]>> pool = ref == null ? null : ref.get();
    if (pool == null) {
      pool = new HashMap<>();
      POOLS.set(new SoftReference<>(pool));
    }
    return pool;
  }
}
