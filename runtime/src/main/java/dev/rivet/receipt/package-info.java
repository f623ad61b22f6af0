/**
 * Receipts: a claim about a guest's run (which program, how it exited, what it committed to its journal) with a
 * proof of it, in one self-contained byte string. {@link dev.rivet.receipt.Receipt} is the format and the
 * verifier's entry point, {@link dev.rivet.receipt.ImageId} names the program and machine a receipt must be for,
 * and {@link dev.rivet.receipt.ClaimMessages} turns a claim into the statement a machine's proof is about. Nothing
 * here loads a circuit class: a receipt is verified from its bytes and an expected image ID alone.
 */
package dev.rivet.receipt;
