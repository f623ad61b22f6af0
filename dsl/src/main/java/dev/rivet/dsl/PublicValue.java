package dev.rivet.dsl;

import dev.rivet.air.Node;
import dev.rivet.air.VarKind;

/**
 * A value the verifier knows (an input or output of the statement), usable in constraints as a degree-0 term. The
 * prover absorbs every public value into the transcript before drawing any challenge.
 */
public final class PublicValue extends Expr {
  private final String name;
  private final int index;

  PublicValue(Chip chip, String name, int index) {
    super(new Node.Var(VarKind.PUBLIC, index), 0, chip);
    this.name = name;
    this.index = index;
  }

  public String name() {
    return name;
  }

  public int index() {
    return index;
  }
}
