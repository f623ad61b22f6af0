package dev.rivet.stark;

import java.util.List;

/**
 * The first messages of every transcript: everything the proof is about, absorbed before any challenge. Prover and
 * verifier call the same method, so they cannot drift apart.
 */
final class Statement {
  static final String PROTOCOL = "rivet-stark-v3";

  private Statement() {}

  /**
   * The protocol label, the key's digest (which covers the hash, every parameter, each table's encoding and
   * preprocessed root), then per table its log height and public values.
   */
  static Transcript begin(VerifyingKey vk, int[] logHeights, List<int[]> publicValues) {
    Transcript tr = new Transcript(vk.config().hash(), PROTOCOL);
    // 16-bit halves keep every observed int a canonical field element, as a field-native hash requires
    byte[] digest = vk.digest();
    for (int b = 0; b < digest.length; b += 2) {
      tr.observe(((digest[b] & 0xff) << 8) | (digest[b + 1] & 0xff));
    }
    for (int t = 0; t < vk.tables().size(); t++) {
      tr.observe(logHeights[t]);
      int[] pv = publicValues.get(t);
      tr.observe(pv.length);
      tr.observe(pv, 0, pv.length);
    }
    return tr;
  }

  /**
   * SHA-256 of the public values (per table an int count, then the values, little-endian), which a proof's header
   * records so that a verifier given other values can say so before replaying the transcript. Diagnostic only:
   * the transcript binds the values themselves.
   */
  static byte[] publicValuesDigest(List<int[]> publicValues) {
    ProofWriter out = new ProofWriter();
    for (int[] pv : publicValues) {
      out.writeInt(pv.length);
      for (int v : pv) {
        out.writeInt(v);
      }
    }
    return VerifyingKey.sha256(out.toByteArray());
  }
}
