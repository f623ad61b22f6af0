package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.stark.Prover
import dev.rivet.stark.ProvingKey
import dev.rivet.stark.StarkConfig
import dev.rivet.stark.VerificationException
import dev.rivet.stark.Verifier
import io.kotest.assertions.throwables.shouldThrow

/** Proving a [MachineRun]'s traces as they are (the checker off, as a forger would) and verifying the proof. */
object MachineProofs {
    /** Proves the run's traces and verifies the proof against its true claim; throws if it does not verify. */
    fun proveAndVerify(run: MachineRun) {
        val pk = ProvingKey.setup(StarkConfig.standard(), run.machine.tables())
        val proof = Prover.prove(pk, run.traces, run.messages).toBytes()
        Verifier.verify(pk.verifyingKey(), run.machine.publicValues(), run.messages, proof, 100.0)
    }

    /**
     * Proves the (tampered) traces without checking them and asserts that the verifier rejects the proof, verified
     * against the public values the traces carry: the forger's statement, which is the true one unless they were
     * changed.
     */
    fun forgeAndExpectRejection(run: MachineRun): VerificationException {
        val pk = ProvingKey.setup(StarkConfig.standard(), run.machine.tables())
        val proof = Prover.prove(pk, run.traces, run.messages).toBytes()
        val publics = run.traces.map { it.publicValues().clone() }
        return shouldThrow<VerificationException> {
            Verifier.verify(pk.verifyingKey(), publics, run.messages, proof, 100.0)
        }
    }
}
