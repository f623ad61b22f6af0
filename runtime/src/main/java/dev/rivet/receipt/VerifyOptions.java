package dev.rivet.receipt;

/**
 * What a receipt verifier accepts beyond the expected image ID. {@link #DEFAULT}: exit code 0 only, 100 bits of
 * soundness (what {@code rivet verify-proof} requires by default), the {@link ClaimMessages#RV32IM} layout.
 *
 * @param allowNonzeroExit whether a claim with a nonzero exit code may verify (a guest that reports failure
 *     through its exit code, proven honestly)
 * @param requiredBits the least soundness accepted, as {@code Verifier.verify} takes it
 * @param layout how the claim becomes the seal's statement
 */
public record VerifyOptions(boolean allowNonzeroExit, double requiredBits, ClaimMessages layout) {
  /** Exit code 0, 100 bits, RV32IM. */
  public static final VerifyOptions DEFAULT = new VerifyOptions(false, 100, ClaimMessages.RV32IM);

  public VerifyOptions {
    if (!(requiredBits >= 0) || Double.isInfinite(requiredBits)) {
      throw new IllegalArgumentException("required bits " + requiredBits + " is not a finite number ≥ 0");
    }
    if (layout == null) {
      throw new IllegalArgumentException("no claim layout given");
    }
  }

  /** These options, accepting any exit code. */
  public VerifyOptions allowingNonzeroExit() {
    return new VerifyOptions(true, requiredBits, layout);
  }

  /** These options with another soundness requirement. */
  public VerifyOptions withRequiredBits(double bits) {
    return new VerifyOptions(allowNonzeroExit, bits, layout);
  }

  /** These options with another machine's claim layout. */
  public VerifyOptions withLayout(ClaimMessages other) {
    return new VerifyOptions(allowNonzeroExit, requiredBits, other);
  }
}
