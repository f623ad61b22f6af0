package dev.rivet.stark;

import dev.rivet.dsl.PublicMessage;
import java.util.List;

/**
 * The first messages of every transcript: everything the proof is about (the tables, heights, public values and
 * public bus messages), absorbed before any challenge. Prover and verifier call the same
 * method, so they cannot drift apart.
 */
final class Statement {
  static final String PROTOCOL = "rivet-stark-v3";

  private Statement() {}

  /**
   * The protocol label, the key's digest (which covers the hash, every parameter, each table's encoding and
   * the preprocessed commitment), every table's log height, then the {@link #publicInputs public inputs}: per table
   * its public values, then the public bus messages.
   */
  static Transcript begin(VerifyingKey vk, int[] logHeights, List<int[]> publicValues,
      List<PublicMessage> messages) {
    Transcript tr = new Transcript(vk.config().hash(), PROTOCOL);
    // 16-bit halves keep every observed int a canonical field element, as a field-native hash requires
    byte[] digest = vk.digest();
    for (int b = 0; b < digest.length; b += 2) {
      tr.observe(((digest[b] & 0xff) << 8) | (digest[b + 1] & 0xff));
    }
    tr.observe(logHeights, 0, logHeights.length);
    // Public messages are in the inputs, so they come before any challenge (in particular before α_L, β_L, which a
    // message chosen after them could aim at).
    int[] inputs = publicInputs(publicValues, messages);
    tr.observe(inputs, 0, inputs.length);
    return tr;
  }

  /**
   * SHA-256 of {@link #publicInputs} (ints little-endian), which a proof's header records so that a verifier given
   * other inputs can say so before replaying the transcript. Diagnostic only: the transcript binds the inputs
   * themselves.
   */
  static byte[] publicInputsDigest(List<int[]> publicValues, List<PublicMessage> messages) {
    ProofWriter out = new ProofWriter();
    for (int v : publicInputs(publicValues, messages)) {
      out.writeInt(v);
    }
    return VerifyingKey.sha256(out.toByteArray());
  }

  /**
   * The public inputs as one sequence of canonical ints, read by the transcript and by the header's digest: per
   * table its count of public values, then the values; then the count of public messages, and per message its bus
   * identifier, direction, multiplicity, arity and values.
   */
  private static int[] publicInputs(List<int[]> publicValues, List<PublicMessage> messages) {
    int n = 1;
    for (int[] pv : publicValues) {
      n += 1 + pv.length;
    }
    for (PublicMessage m : messages) {
      n += 4 + m.arity();
    }
    int[] out = new int[n];
    int k = 0;
    for (int[] pv : publicValues) {
      out[k++] = pv.length;
      System.arraycopy(pv, 0, out, k, pv.length);
      k += pv.length;
    }
    out[k++] = messages.size();
    for (PublicMessage m : messages) {
      out[k++] = LogUp.busId(m.bus());
      out[k++] = m.direction().ordinal();
      out[k++] = m.multiplicity();
      out[k++] = m.arity();
      for (int i = 0; i < m.arity(); i++) {
        out[k++] = m.value(i);
      }
    }
    return out;
  }
}
