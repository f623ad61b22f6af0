package dev.rivet.stark;

import dev.rivet.air.AirTable;
import java.util.List;

/**
 * The first messages of every transcript: everything the proof is about, absorbed before any challenge. Prover and
 * verifier call the same method, so they cannot drift apart.
 */
final class Statement {
  static final String PROTOCOL = "rivet-stark-v3";

  private Statement() {}

  static Transcript begin(VerifyingKey vk, SecurityParameters params, int[] logHeights, List<int[]> publicValues) {
    Transcript tr = new Transcript(vk.config().hash(), PROTOCOL);
    tr.observeLabel(vk.config().hash().name());
    tr.observe(params.logBlowup());
    tr.observe(params.numQueries());
    tr.observe(params.powBits());
    tr.observe(params.challengePowBits());
    tr.observe(params.logFinalPolyLen());
    tr.observe(params.logFoldingArity());
    tr.observe(params.logCapHeight());
    tr.observe(vk.tables().size());
    for (int t = 0; t < vk.tables().size(); t++) {
      AirTable table = vk.tables().get(t);
      // 16-bit halves keep every observed int a canonical field element, as a field-native hash requires
      byte[] digest = table.digest();
      for (int b = 0; b < digest.length; b += 2) {
        tr.observe(((digest[b] & 0xff) << 8) | (digest[b + 1] & 0xff));
      }
      tr.observe(logHeights[t]);
      int[] pv = publicValues.get(t);
      tr.observe(pv.length);
      tr.observe(pv, 0, pv.length);
    }
    int[] prep = vk.preprocessedCommitment();
    if (prep != null) {
      tr.observeDigests(prep);
    }
    return tr;
  }
}
