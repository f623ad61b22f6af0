package dev.rivet.stark;

/**
 * The bytes are not a well-formed proof: empty, of another format version, truncated or padded, or holding a
 * value no prover writes (a non-canonical field element or digest). A verifier that reads proofs from files
 * reports this as unreadable input, apart from a well-formed proof that fails a check.
 */
public final class MalformedProofException extends VerificationException {
  private static final long serialVersionUID = 1L;

  public MalformedProofException(String message) {
    super(message);
  }
}
