package dev.rivet.host;

/**
 * Hears how a proof is going: called on the proving thread at each phase's end (keep it short). The phases are
 * "execute", "trace", "setup", then the prover's ({@link dev.rivet.stark.Prover#PHASES}), and "done".
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = event -> { };

  /** Called as a phase ends. */
  void onProgress(ProgressEvent event);
}
