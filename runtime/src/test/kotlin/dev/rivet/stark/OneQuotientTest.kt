package dev.rivet.stark

import dev.rivet.check.Checker
import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.circuits.demo.Synthetic
import dev.rivet.circuits.demo.SyntheticMachine
import dev.rivet.dsl.Trace
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.field.BabyBear
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.function.Consumer

/** Few queries: the out-of-domain check, which these tests are about, does not depend on them. */
private val CONFIG = StarkConfig(SecurityParameters(1, 8, 0, 0, 0), Sha256Hash.INSTANCE)

private const val MISMATCH = "the constraints do not match the quotient at the out-of-domain point"

private fun verifyOrMessage(pk: ProvingKey, traces: List<Trace>, proof: Proof): String? = try {
    Verifier.verify(pk.verifyingKey(), publics(traces), proof, ANY)
    null
} catch (e: VerificationException) {
    e.message
}

/**
 * The one quotient of all tables, each lifted to the largest height: every table's constraints are still enforced
 * on every row of its own trace domain, whatever its height and quotient degree, and the committed quotient is
 * bound by the out-of-domain identity.
 */
class OneQuotientTest : FunSpec({
    val machine = SyntheticMachine(12) // 20 tables of 2^12 down to 2^2 rows, twins of equal heights
    val machineKey = ProvingKey.setup(CONFIG, machine.chips().map { it.table() })
    val fib = Fibonacci() // degree 2: one chunk, where the degree-3 synthetic table needs two
    val synthetic = Synthetic(8)
    val mixedKey = ProvingKey.setup(CONFIG, listOf(fib.table(), synthetic.table()))

    test("tables of equal and of different heights and quotient degrees prove and verify") {
        val traces = machine.fill(5)
        traces.map { it.height() }.distinct().size shouldBe 11
        verifyOrMessage(machineKey, traces, Prover.prove(machineKey, traces)) shouldBe null
        // two tables of one height: the lifting is the identity
        val adder = ByteAdd()
        val bytes = ByteRangeTable()
        val equalKey = ProvingKey.setup(CONFIG, listOf(adder.table(), bytes.table()))
        val equal = ByteAdd.example(adder, bytes, 256, 3)
        equal.map { it.height() } shouldBe listOf(256, 256)
        verifyOrMessage(equalKey, equal, Prover.prove(equalKey, equal)) shouldBe null
        // the one-chunk table evaluated on the two-chunk quotient's domain, as the larger and as the smaller table
        for ((fibRows, syntheticRows) in listOf(64 to 16, 16 to 64, 32 to 32)) {
            val mixed = listOf(fib.fill(fibRows, 0, 1), synthetic.fill(syntheticRows, 7))
            verifyOrMessage(mixedKey, mixed, Prover.prove(mixedKey, mixed)) shouldBe null
        }
    }

    for ((which, t) in listOf("the smallest" to 19, "the largest" to 0, "a middle twin" to 8)) {
        test("one row of $which table violating a constraint, proven without the checker, is rejected") {
            val traces = machine.fill(5)
            // x19 = x16·x17·x18 is checked by a constraint and read by no bus message (those read x0 … x15)
            val x19 = traces[t].mainColumns()[19]
            x19[1] = BabyBear.add(x19[1], 1)
            Checker.check(traces).constraintFailures().map { it.table() }.distinct() shouldBe
                listOf(machine.chips()[t].table().name())
            Checker.check(traces).busImbalances() shouldBe emptyList()
            verifyOrMessage(machineKey, traces, Prover.prove(machineKey, traces)) shouldBe MISMATCH
        }
    }

    test("a violated constraint of a table with fewer quotient chunks than the quotient is rejected") {
        for ((fibRows, syntheticRows) in listOf(64 to 16, 16 to 64)) {
            val traces = listOf(fib.fill(fibRows, 0, 1), synthetic.fill(syntheticRows, 7))
            traces[0][fib.b, fibRows - 3] = traces[0][fib.b, fibRows - 3] + 1
            Checker.check(traces).ok() shouldBe false
            verifyOrMessage(mixedKey, traces, Prover.prove(mixedKey, traces)) shouldBe MISMATCH
        }
    }

    test("a forged quotient chunk, committed with consistent Merkle paths, fails the out-of-domain identity") {
        val traces = machine.fill(5)
        val honest = Prover.prove(machineKey, traces, listOf(), ProverTimings(), Consumer { })
        verifyOrMessage(machineKey, traces, honest) shouldBe null
        // Adding a constant to one chunk's coordinate keeps every committed column a low-degree polynomial, so the
        // openings, DEEP and FRI all pass: only the identity Σ C_t(ζ_t) = Z(ζ)·Q(ζ) can see it. Both the first chunk
        // and the last (the top coefficients of Q) are bound.
        for (column in listOf(0, machineKey.verifyingKey().quotientWidth() - 1)) {
            val forged = Prover.prove(machineKey, traces, listOf(), ProverTimings(), Consumer { lde ->
                for (i in lde[column].indices) {
                    lde[column][i] = BabyBear.add(lde[column][i], 1)
                }
            })
            forged.quotientAtZeta.size shouldBe 8 // two chunks of degree 3
            verifyOrMessage(machineKey, traces, forged) shouldBe MISMATCH
        }
    }

    test("the quotient is one matrix at the largest LDE size, opened at ζ; tables open only their trace columns") {
        val traces = machine.fill(5)
        val proof = Prover.prove(machineKey, traces)
        val vk = machineKey.verifyingKey()
        proof.atZeta.indices.forEach { t -> proof.atZeta[t].size shouldBe vk.shapes[t].openedWidth() }
        proof.quotientAtZeta.size shouldBe vk.quotientWidth()
        proof.queries[0].last().rows().map { it.size } shouldBe listOf(vk.quotientWidth())
    }
})
