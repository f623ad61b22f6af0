package dev.rivet.host;

/**
 * A run that cannot have a receipt: the guest trapped, ran past the cycle limit, or did something the machine has
 * no circuit for. Thrown before any proving work, with the reason in one line.
 */
public final class UnprovableRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The reason, in one line. */
  public UnprovableRunException(String reason) {
    super(reason);
  }

  /** The reason and the exception that revealed it. */
  public UnprovableRunException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
