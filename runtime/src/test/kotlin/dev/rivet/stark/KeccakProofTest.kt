package dev.rivet.stark

import dev.rivet.check.Checker
import dev.rivet.circuits.keccak.KeccakCaller
import dev.rivet.circuits.keccak.KeccakChip
import dev.rivet.circuits.keccak.KeccakConstants
import dev.rivet.dsl.Trace
import dev.rivet.field.BabyBear
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.util.Random

/**
 * The Keccak-f chip through the prover: honest proofs verify; each family of its constraints, tampered in the
 * trace and proven with the checker off, is rejected by the verifier.
 */
class KeccakProofTest : FunSpec({
    val config = StarkConfig(SecurityParameters(1, 4, 0, 0, 0), Sha256Hash.INSTANCE)
    val chip = KeccakChip()
    val caller = KeccakCaller()
    val key = ProvingKey.setup(config, listOf(chip.table(), caller.table()))
    val rng = Random(2026)
    val inputs = List(3) { LongArray(25) { rng.nextLong() } }

    fun outputs(trace: Trace) = inputs.indices.map { chip.output(trace, it) }

    fun proveAndVerify(traces: List<Trace>) =
        Verifier.verify(key.verifyingKey(), publics(traces), Prover.prove(key, traces), ANY)

    test("three permutations and their caller prove and verify") {
        val trace = chip.fill(inputs)
        val traces = listOf(trace, caller.fill(inputs, outputs(trace)))
        Checker.check(traces).ok() shouldBe true
        proveAndVerify(traces)
    }

    test("a flipped bit of a round's input state is rejected") {
        val trace = chip.fill(inputs)
        val traces = listOf(trace, caller.fill(inputs, outputs(trace)))
        trace.column(chip.a[7][2])[30] = trace.column(chip.a[7][2])[30] xor 1
        Checker.check(traces).ok() shouldBe false
        shouldThrow<VerificationException> { proveAndVerify(traces) }
    }

    test("a consistent witness built with a wrong round constant is rejected") {
        val wrong = KeccakConstants.roundConstants().also { it[5] = it[5] xor 1 }
        val trace = chip.fill(inputs, wrong)
        val traces = listOf(trace, caller.fill(inputs, outputs(trace)))
        Checker.check(traces).constraintFailures().map { it.constraint().name() }.toSet() shouldBe setOf("iota")
        shouldThrow<VerificationException> { proveAndVerify(traces) }
    }

    test("a wrong output claimed on the bus is rejected for the imbalance") {
        val trace = chip.fill(inputs)
        val lies = outputs(trace).toMutableList()
        lies[1] = lies[1].copyOf().also { it[24] = it[24] xor (1L shl 63) }
        val traces = listOf(trace, caller.fill(inputs, lies))
        Checker.check(traces).constraintFailures() shouldBe emptyList()
        shouldThrow<VerificationException> { proveAndVerify(traces) }.message shouldContain "do not balance"
    }

    test("forgery: a wrong output claimed on two rows with calls 1 and p - 1 cancels on the bus, and is refused") {
        // Rows 0-2 claim the honest calls. Rows 3 and 4 both claim Keccak-f(inputs[1]) = lie: receiving it once and
        // p - 1 times is receiving it p ≡ 0 times, so the bus balances, yet row 3 alone asserts the lie once.
        val trace = chip.fill(inputs)
        val lie = outputs(trace)[1].copyOf().also { it[0] = it[0] xor 1 }
        val forged = caller.fill(inputs + listOf(inputs[1], inputs[1]), outputs(trace) + listOf(lie, lie))
        forged[caller.calls, 4] = BabyBear.P - 1
        val traces = listOf(trace, forged)
        Checker.check(traces).busImbalances() shouldBe emptyList()
        Checker.check(traces).constraintFailures().map { it.constraint().name() to it.row() } shouldBe
            listOf("calls is a bit" to 4)
        shouldThrow<VerificationException> { proveAndVerify(traces) }
    }
})
