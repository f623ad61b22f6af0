/**
 * The generic STARK machinery. This package holds the pieces every layer shares: the Fiat–Shamir
 * {@link dev.rivet.stark.Transcript}, the {@link dev.rivet.stark.SecurityParameters} and a proof's
 * {@link dev.rivet.stark.SoundnessBudget}, the proof byte encoding ({@link dev.rivet.stark.ProofWriter},
 * {@link dev.rivet.stark.ProofReader}) and the one {@link dev.rivet.stark.VerificationException}. Subpackages:
 * {@code hash} (SHA-256, Poseidon2), {@code merkle}, {@code fri}.
 */
package dev.rivet.stark;
