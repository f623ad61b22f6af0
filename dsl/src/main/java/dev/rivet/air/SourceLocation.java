package dev.rivet.air;

/**
 * Where a circuit author wrote a constraint or interaction: captured once while the circuit is built, reported in
 * every error and failure about it. Not part of a table's canonical encoding, so the same circuit written in
 * Java and in Kotlin has the same digest.
 *
 * @param file the source file name, e.g. {@code Fibonacci.kt}
 * @param line the line number, or 0 when unknown
 */
public record SourceLocation(String file, int line) {
  /** The location of tables decoded from bytes, which carry no source. */
  public static final SourceLocation UNKNOWN = new SourceLocation("?", 0);

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
