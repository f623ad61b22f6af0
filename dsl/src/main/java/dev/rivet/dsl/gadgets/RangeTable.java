package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;

/**
 * A shared lookup table that proves values lie in [0, 2^{@link #bits()}): {@link #lookup} sends a value, the table
 * receives each of its 2^bits values with a multiplicity that {@code Lookups.deriveMultiplicities} fills, and the
 * bus balances only if every value sent is one of them. {@link RangeCheck} builds checks of any smaller width on
 * top of it.
 */
public interface RangeTable {
  /** The width this table checks: its values are 0 … 2^bits − 1. */
  int bits();

  /**
   * Sends {@code value} to this table from {@code where} (the lookup holds only where its condition is non-zero).
   * The value is a bus field: its degree must stay below the chip's maximum.
   */
  void lookup(ConstraintScope where, Expr value);
}
