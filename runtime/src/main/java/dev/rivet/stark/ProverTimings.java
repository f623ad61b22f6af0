package dev.rivet.stark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a proof's time went, phase by phase, for benchmarks and progress reports: pass one to
 * {@link Prover#prove(ProvingKey, java.util.List, ProverTimings)}. The phases are {@link Prover#PHASES}, in that
 * order; a per-table phase ends once per table.
 */
public final class ProverTimings {
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private final Consumer<String> onPhaseEnd;
  private long mark = System.nanoTime();

  /** Timings that only record. */
  public ProverTimings() {
    this(phase -> { });
  }

  /**
   * Timings that also tell {@code onPhaseEnd} the name of each phase as it ends, on the proving thread (keep it
   * short: the prover waits for it).
   */
  public ProverTimings(Consumer<String> onPhaseEnd) {
    this.onPhaseEnd = onPhaseEnd;
  }

  void start() {
    mark = System.nanoTime();
  }

  /** Charges the time since the previous phase ended to {@code phase}. */
  void phase(String phase) {
    long now = System.nanoTime();
    nanos.merge(phase, now - mark, Long::sum);
    mark = now;
    onPhaseEnd.accept(phase);
  }

  /** Milliseconds per phase, in the order the phases first ran. */
  public Map<String, Double> millis() {
    Map<String, Double> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, v / 1e6));
    return out;
  }
}
