/**
 * Proving guests, for hosts: run an RV32IM program, prove the run with the RV32IM machine of
 * {@code dev.rivet.circuits.rv32im}, and wrap the proof in a {@link dev.rivet.receipt.Receipt}.
 * {@link dev.rivet.host.GuestProver} is the Java entry point; Kotlin hosts call its suspending form
 * ({@code GuestProving.kt}), which reports progress and stops when its coroutine is cancelled.
 */
package dev.rivet.host;
