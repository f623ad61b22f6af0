package dev.rivet.dsl;

import java.util.List;

/**
 * A chip that cannot compile, with every problem found, each prefixed by the source line it comes from, e.g.
 * {@code Keccak.kt:42: constraint 'chi' has degree 4 > 3 (likely cause: …)}. The DSL collects problems while the
 * chip is built and throws once, when it is compiled.
 */
public final class CircuitException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  CircuitException(String chip, List<String> problems) {
    super("chip '" + chip + "' does not compile (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one line each. */
  public List<String> problems() {
    return problems;
  }
}
