package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.dsl.Trace
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

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

    test("a query opens one Merkle path per phase, whatever the number of tables") {
        val cfg = StarkConfig(SecurityParameters(1, 8, 2, 1, 0, 2, 3), Sha256Hash.INSTANCE)
        val fib = Fibonacci()
        val adder = ByteAdd()
        val bytes = ByteRangeTable()
        val adder2 = ByteAdd()
        fun pathsPerQuery(tables: List<dev.rivet.air.AirTable>, traces: List<Trace>): List<Int> {
            val pk = ProvingKey.setup(cfg, tables)
            val proof = Proof.fromBytes(Prover.prove(pk, traces).toBytes(), pk.verifyingKey())
            Verifier.verify(pk.verifyingKey(), publics(traces), proof, ANY)
            // every opening is one phase: its rows, one per table of the phase, and a single path
            return proof.queries.map { q -> q.size }
        }
        pathsPerQuery(listOf(fib.table()), listOf(fib.fill(32, 1, 1))).distinct() shouldBe listOf(2) // main, quotient
        val five = listOf(fib.table(), adder.table(), bytes.table(), Fibonacci().table(), adder2.table())
        val traces = listOf(fib.fill(32, 1, 1), adder.fill(64, java.util.Random(1)), bytes.newTrace(256),
            Fibonacci().fill(8, 2, 3), adder2.fill(16, java.util.Random(2)))
        dev.rivet.dsl.Lookups.deriveMultiplicities(traces)
        pathsPerQuery(five, traces).distinct() shouldBe listOf(4) // main, preprocessed, LogUp, quotient
    }

    context("folding arities and Merkle caps") {
        for ((arity, cap) in listOf(1 to 3, 2 to 0, 3 to 2, 4 to 10)) {
            test("arity 2^$arity, cap 2^$cap") {
                val cfg = StarkConfig(SecurityParameters(1, 8, 2, 1, 1, arity, cap), Sha256Hash.INSTANCE)
                val adder = ByteAdd()
                val bytes = ByteRangeTable()
                val fib = Fibonacci()
                val pk = ProvingKey.setup(cfg, listOf(fib.table(), adder.table(), bytes.table()))
                val traces = listOf(fib.fill(1 shl 6, 3, 4)) + ByteAdd.example(adder, bytes, 1 shl 10, 9)
                val proof = Prover.prove(pk, traces)
                Verifier.verify(pk.verifyingKey(), publics(traces), Proof.fromBytes(proof.toBytes(), pk.verifyingKey()), ANY)
            }
        }
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
