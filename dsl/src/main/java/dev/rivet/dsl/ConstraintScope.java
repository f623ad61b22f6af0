package dev.rivet.dsl;

import dev.rivet.air.Interaction;

/**
 * Where constraints and bus messages are written: on every row, or only where a condition holds. A condition
 * multiplies every constraint written under it, and every multiplicity sent or received under it, so its degree
 * counts toward theirs.
 *
 * <pre>{@code
 * chip.whenTransition().assertEq(b.next(), a.plus(b));   // Java
 * transition { b.next() eq a + b }                        // Kotlin
 * }</pre>
 */
public class ConstraintScope {
  final Chip chip;
  /** The condition, or null for "every row". */
  final Expr condition;

  ConstraintScope(Chip chip, Expr condition) {
    this.chip = chip;
    this.condition = condition;
  }

  // The Chip constructor passes itself before it is fully built; only the fields above are read later.
  @SuppressWarnings("this-escape")
  ConstraintScope(Expr condition) {
    this.chip = (Chip) this;
    this.condition = condition;
  }

  /** The chip this scope writes into: gadgets declare their columns there. */
  public final Chip chip() {
    return chip;
  }

  /** A scope whose constraints hold only where {@code c} is non-zero (nested conditions multiply). */
  public ConstraintScope when(Expr c) {
    return new ConstraintScope(chip, condition == null ? c : condition.times(c));
  }

  /** Only on the first row. */
  public ConstraintScope whenFirstRow() {
    return when(chip.isFirstRow());
  }

  /** Only on the last row. */
  public ConstraintScope whenLastRow() {
    return when(chip.isLastRow());
  }

  /** On every row but the last: the scope for constraints that read the next row. */
  public ConstraintScope whenTransition() {
    return when(chip.isTransition());
  }

  /** {@code e = 0}. */
  public void assertZero(Expr e) {
    chip.addConstraint("", guard(e), e, Sources.caller());
  }

  /** {@code e = 0}, named for reports. */
  public void assertZero(String name, Expr e) {
    chip.addConstraint(name, guard(e), e, Sources.caller());
  }

  /** {@code a = b}. */
  public void assertEq(Expr a, Expr b) {
    chip.addConstraint("", guard(a.minus(b)), a.minus(b), Sources.caller());
  }

  /** {@code a = b}, named for reports. */
  public void assertEq(String name, Expr a, Expr b) {
    chip.addConstraint(name, guard(a.minus(b)), a.minus(b), Sources.caller());
  }

  /** {@code a = c}. */
  public void assertEq(Expr a, long c) {
    Expr diff = a.minus(c);
    chip.addConstraint("", guard(diff), diff, Sources.caller());
  }

  /** {@code a = c}, named for reports. */
  public void assertEq(String name, Expr a, long c) {
    Expr diff = a.minus(c);
    chip.addConstraint(name, guard(diff), diff, Sources.caller());
  }

  /** {@code b ∈ {0, 1}}, as {@code b·(b − 1) = 0}. */
  public void assertBool(Expr b) {
    Expr e = b.times(b.minus(1));
    chip.addConstraint("", guard(e), e, Sources.caller());
  }

  /** {@code b ∈ {0, 1}}, named for reports. */
  public void assertBool(String name, Expr b) {
    Expr e = b.times(b.minus(1));
    chip.addConstraint(name, guard(e), e, Sources.caller());
  }

  /** Sends {@code message} once per row (where the condition holds). */
  public <M extends BusMessage> void send(Bus<M> bus, M message) {
    chip.addInteraction(bus, message, guard(Expr.ONE), Interaction.Direction.SEND, Sources.caller());
  }

  /** Sends {@code message} {@code multiplicity} times per row. */
  public <M extends BusMessage> void send(Bus<M> bus, M message, Expr multiplicity) {
    chip.addInteraction(bus, message, guard(multiplicity), Interaction.Direction.SEND, Sources.caller());
  }

  /** Receives {@code message} once per row (where the condition holds). */
  public <M extends BusMessage> void receive(Bus<M> bus, M message) {
    chip.addInteraction(bus, message, guard(Expr.ONE), Interaction.Direction.RECEIVE, Sources.caller());
  }

  /** Receives {@code message} {@code multiplicity} times per row. */
  public <M extends BusMessage> void receive(Bus<M> bus, M message, Expr multiplicity) {
    chip.addInteraction(bus, message, guard(multiplicity), Interaction.Direction.RECEIVE, Sources.caller());
  }

  private Expr guard(Expr e) {
    return condition == null ? e : condition.times(e);
  }
}
