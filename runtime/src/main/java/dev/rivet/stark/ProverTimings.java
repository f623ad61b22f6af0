package dev.rivet.stark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a proof's time went, phase by phase, for benchmarks: pass one to
 * {@link Prover#prove(ProvingKey, java.util.List, ProverTimings)}.
 */
public final class ProverTimings {
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private long mark = System.nanoTime();

  void start() {
    mark = System.nanoTime();
  }

  /** Charges the time since the previous phase ended to {@code phase}. */
  void phase(String phase) {
    long now = System.nanoTime();
    nanos.merge(phase, now - mark, Long::sum);
    mark = now;
  }

  /** Milliseconds per phase, in the order the phases first ran. */
  public Map<String, Double> millis() {
    Map<String, Double> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, v / 1e6));
    return out;
  }
}
