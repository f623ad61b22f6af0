/**
 * The FRI low-degree test: {@link dev.rivet.stark.fri.FriProver} states the contract with the STARK layer,
 * {@link dev.rivet.stark.fri.FriVerifier} checks proofs, {@link dev.rivet.stark.Cosets} names the input domains.
 */
package dev.rivet.stark.fri;
