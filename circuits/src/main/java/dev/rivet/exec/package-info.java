/**
 * The RV32IM executor: a {@link dev.rivet.exec.Program} (memory image and entry point, loaded from
 * an ELF file) runs in the {@link dev.rivet.exec.Executor}, which returns an {@link
 * dev.rivet.exec.ExecutionResult} and, on request, the per-cycle {@link
 * dev.rivet.exec.ExecutionRecord} the circuits are filled from.
 *
 * <p>The executor knows nothing of circuits or proofs: it depends only on the instruction set
 * definitions in {@code dev.rivet.isa}.
 */
package dev.rivet.exec;
