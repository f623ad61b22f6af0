package dev.rivet.check;

/** Traces that do not satisfy their tables; the message lists every problem the {@link Checker} found. */
public final class CheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient CheckReport report;

  CheckException(CheckReport report) {
    super("the traces do not satisfy their tables:\n" + report);
    this.report = report;
  }

  public CheckReport report() {
    return report;
  }
}
