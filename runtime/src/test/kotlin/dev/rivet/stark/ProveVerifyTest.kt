package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.dsl.Trace
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.core.spec.style.FunSpec

/** Requires no security: these tests are about completeness; soundness tests use the required bits explicitly. */
internal const val ANY = 0.0

internal fun publics(traces: List<Trace>) = traces.map { it.publicValues().clone() }

class ProveVerifyTest : FunSpec({
    val config = StarkConfig.insecureForTests()

    test("Fibonacci proves and verifies") {
        val fib = Fibonacci()
        val pk = ProvingKey.setup(config, listOf(fib.table()))
        val traces = listOf(fib.fill(64, 0, 1))
        val proof = Prover.prove(pk, traces)
        Verifier.verify(pk.verifyingKey(), publics(traces), proof, ANY)
    }

    test("two tables of different heights with a preprocessed lookup table prove and verify") {
        val adder = ByteAdd()
        val bytes = ByteRangeTable()
        val pk = ProvingKey.setup(config, listOf(adder.table(), bytes.table()))
        val traces = ByteAdd.example(adder, bytes, 32, 5)
        val proof = Prover.proveChecked(pk, traces)
        Verifier.verify(pk.verifyingKey(), publics(traces), proof, ANY)
    }

    context("every hash × blowup × height") {
        for (hash in listOf(Sha256Hash.INSTANCE, Poseidon2Hash.INSTANCE)) {
            for (logBlowup in listOf(1, 2)) {
                for (logRows in listOf(2, 5)) {
                    test("${hash.name()}, log blowup $logBlowup, 2^$logRows rows") {
                        val cfg = StarkConfig(SecurityParameters(logBlowup, 8, 2, 1, 0), hash)
                        val adder = ByteAdd()
                        val bytes = ByteRangeTable()
                        val fib = Fibonacci()
                        val pk = ProvingKey.setup(cfg, listOf(fib.table(), adder.table(), bytes.table()))
                        val traces = listOf(fib.fill(1 shl logRows, 3, 4)) + ByteAdd.example(adder, bytes, 1 shl logRows, 9)
                        val proof = Prover.prove(pk, traces)
                        Verifier.verify(pk.verifyingKey(), publics(traces), Proof.fromBytes(proof.toBytes(), pk.verifyingKey()), ANY)
                    }
                }
            }
        }
    }
})
