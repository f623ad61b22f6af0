package dev.rivet.stark;

import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.hash.Sha256Hash;

/**
 * What a prover and verifier must agree on besides the circuit: the security parameters and the hash under the
 * Merkle trees and the transcript.
 *
 * @param security blowup, queries, proof of work, final polynomial length
 * @param hash the Merkle and transcript hash
 */
public record StarkConfig(SecurityParameters security, HashFunction hash) {
  /** {@link SecurityParameters#DEFAULT} with SHA-256: the default for real proofs (budget: docs/soundness.md). */
  public static StarkConfig standard() {
    return new StarkConfig(SecurityParameters.DEFAULT, Sha256Hash.INSTANCE);
  }

  /** INSECURE (about 10 bits), for fast tests only. */
  public static StarkConfig insecureForTests() {
    return new StarkConfig(SecurityParameters.INSECURE_TEST, Sha256Hash.INSTANCE);
  }
}
