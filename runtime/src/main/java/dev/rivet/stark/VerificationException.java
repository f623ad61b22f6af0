package dev.rivet.stark;

/**
 * A proof, or a piece of one, failed verification: a malformed encoding, a shape that does not match the
 * statement, a Merkle path that does not reach its root, a failed consistency or proof-of-work check. The
 * message names what failed; a verifier throws this, never an unchecked exception, on hostile input.
 * {@link MalformedProofException}, a subclass, marks bytes that are not a well-formed proof at all.
 */
public class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public VerificationException(String message) {
    super(message);
  }

  /** A failure whose cause was an unexpected exception on hostile input, kept for the report. */
  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
