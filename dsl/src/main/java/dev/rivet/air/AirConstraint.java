package dev.rivet.air;

/**
 * One compiled constraint: the program slot that must evaluate to zero on every row.
 *
 * @param index position in the table's constraint list (the order the prover combines them in)
 * @param name the author's name for it, or empty
 * @param slot the program slot of the full expression, selector included
 * @param degree its degree, at most the table's maximum
 * @param source where it was written
 */
public record AirConstraint(int index, String name, int slot, int degree, SourceLocation source) {

  /** How reports refer to it: its name, else where it was written, else its index. */
  public String label() {
    if (!name.isEmpty()) {
      return "'" + name + "' (" + source + ")";
    }
    return source.equals(SourceLocation.UNKNOWN) ? "#" + index : source.toString();
  }
}
