/**
 * The 32-byte SHA-256 digests that name things across modules: {@link dev.rivet.digest.Sha256Digest} is the value
 * type that the executor's {@code dev.rivet.exec.ProgramDigest} and the receipt's {@code dev.rivet.receipt.ImageId}
 * share (bytes, hex form, equality), so that each keeps only what it digests.
 */
package dev.rivet.digest;
