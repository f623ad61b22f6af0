package dev.rivet.stark;

import dev.rivet.dsl.PublicMessage;
import java.util.List;

/**
 * The first messages of every transcript: everything the proof is about (the tables, heights, public values and
 * public bus messages), absorbed before any challenge. Prover and
 * verifier call the same method, so they cannot drift apart.
 */
final class Statement {
  static final String PROTOCOL = "rivet-stark-v3";

  private Statement() {}

  /**
   * The protocol label, the key's digest (which covers the hash, every parameter, each table's encoding and
   * the preprocessed commitment), then per table its log height and public values, then the
   * public bus messages.
   */
  static Transcript begin(VerifyingKey vk, int[] logHeights, List<int[]> publicValues,
      List<PublicMessage> messages) {
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
    // Public messages come after the tables, before any challenge (in particular before α_L, β_L, which a
    // message chosen after them could aim at).
    tr.observe(messages.size());
    for (PublicMessage m : messages) {
      tr.observe(LogUp.busId(m.bus()));
      tr.observe(m.direction().ordinal());
      tr.observe(m.multiplicity());
      tr.observe(m.arity());
      for (int i = 0; i < m.arity(); i++) {
        tr.observe(m.value(i));
      }
    }
    return tr;
  }

  /**
   * SHA-256 of the public inputs (per table an int count, then the values; then per public message its bus id,
   * direction, multiplicity, arity and values; ints little-endian), which a proof's header records so that a
   * verifier given other inputs can say so before replaying the transcript. Diagnostic only: the transcript binds
   * the inputs themselves.
   */
  static byte[] publicInputsDigest(List<int[]> publicValues, List<PublicMessage> messages) {
    ProofWriter out = new ProofWriter();
    for (int[] pv : publicValues) {
      out.writeInt(pv.length);
      for (int v : pv) {
        out.writeInt(v);
      }
    }
    out.writeInt(messages.size());
    for (PublicMessage m : messages) {
      out.writeInt(LogUp.busId(m.bus()));
      out.writeInt(m.direction().ordinal());
      out.writeInt(m.multiplicity());
      out.writeInt(m.arity());
      for (int i = 0; i < m.arity(); i++) {
        out.writeInt(m.value(i));
      }
    }
    return VerifyingKey.sha256(out.toByteArray());
  }
}
