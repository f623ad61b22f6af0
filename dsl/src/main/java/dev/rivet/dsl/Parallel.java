package dev.rivet.dsl;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits witness generation across cores. Most chips fill independent blocks of rows (one operation, one
 * permutation, one instruction each); {@link #forEachRange} hands each worker a contiguous range of such blocks,
 * so every worker writes its own rows of the shared column arrays and nothing needs a lock.
 */
public final class Parallel {
  private Parallel() {}

  /** Fills the items {@code [from, to)}; called once per worker with a disjoint range. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, count)} split into one contiguous range per available core (fewer when the
   * items are few), and waits for all of them: their writes are visible to the caller afterwards. The first
   * failure of any range is rethrown here, as thrown, once every range has stopped.
   */
  public static void forEachRange(int count, RangeBody body) {
    int workers = Math.min(count, Runtime.getRuntime().availableProcessors());
    if (workers <= 1) {
      body.run(0, count);
      return;
    }
    // Plain threads, one per core and per call: a fill runs for milliseconds at least, a thread starts in
    // microseconds, and a pool's task wrapping would replace the body's exception with a copy.
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] threads = new Thread[workers - 1];
    for (int w = 1; w < workers; w++) {
      int from = (int) ((long) count * w / workers);
      int to = (int) ((long) count * (w + 1) / workers);
      threads[w - 1] = new Thread(() -> run(body, from, to, failure), "rivet-fill-" + w);
      threads[w - 1].start();
    }
    run(body, 0, (int) ((long) count / workers), failure); // the caller works too instead of waiting idle
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: a worker may still be writing the trace
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable first = failure.get();
    if (first instanceof RuntimeException r) {
      throw r;
    }
    if (first instanceof Error e) {
      throw e;
    }
  }

  private static void run(RangeBody body, int from, int to, AtomicReference<Throwable> failure) {
    try {
      body.run(from, to);
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
  }
}
