package dev.rivet.exec;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Record memory that an {@link Executor} hands from one recorded run to the next: the chunks of
 * every {@link ExecutionRecord} that was {@linkplain ExecutionRecord#release() released}.
 *
 * <p>Why: a record is tens of bytes per cycle, and fresh memory is the dominant cost of
 * recording. The JVM zeroes every new array, and the first touch of a page is a fault the
 * operating system (and, on a virtual machine, the hypervisor) must serve; on the 2-core VM of
 * docs/benchmarks.md that makes fresh memory about eight times slower to fill than memory
 * already in use. A prover records a segment, fills its trace tables and moves on to the next
 * segment, so it can give each record back and the next run writes over warm memory instead.
 *
 * <p>Reused chunks are not cleared: whoever takes one writes every field of every row it uses.
 * Release may come from another thread than the one running the executor (a prover filling
 * traces in the background), hence the lock; it is taken once per chunk of 65,536 rows, so it
 * never shows in the interpreter's speed.
 */
final class ChunkPool {
  private final Map<Integer, ArrayDeque<int[]>> free = new HashMap<>();

  /** A chunk of {@code length} ints: a released one if there is one, else a new (zero) one. */
  synchronized int[] take(int length) {
    ArrayDeque<int[]> chunks = free.get(length);
    int[] chunk = chunks == null ? null : chunks.poll();
    return chunk != null ? chunk : new int[length];
  }

  /** Takes back the first {@code count} of {@code chunks}, which nobody may use any more. */
  synchronized void give(int[][] chunks, int count) {
    for (int i = 0; i < count; i++) {
      free.computeIfAbsent(chunks[i].length, length -> new ArrayDeque<>()).push(chunks[i]);
    }
  }
}
