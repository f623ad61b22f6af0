package dev.rivet.stark

import dev.rivet.air.MultiplicityBounds
import dev.rivet.check.Checker
import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.keccak.KeccakCaller
import dev.rivet.circuits.keccak.KeccakChip
import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.CircuitException
import dev.rivet.dsl.Expr
import dev.rivet.dsl.constraints
import dev.rivet.dsl.minus
import dev.rivet.dsl.times
import dev.rivet.field.BabyBear
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

private data class Claim(val value: Expr) : BusMessage {
    override fun fields() = listOf(value)

    companion object {
        val BUS: Bus<Claim> = Bus.of("claim", "value")
    }
}

/**
 * The attack on a free multiplicity: a table that receives claims `calls` times with nobody sending. Rows (5, 1)
 * and (5, p − 1) balance in the field, so without the no-wraparound rule row 0's claim would stand unsent.
 * `calls` is mentioned by a constraint that bounds nothing (calls = shadow), which the compiler only warns about.
 */
private class Claims : Chip("claims") {
    val value = column("value")
    val calls = column("calls")
    val shadow = column("shadow")

    init {
        constraints {
            calls eq shadow
            receive(Claim.BUS, Claim(value), calls)
        }
    }
}

private fun bounds(chip: Chip) = chip.table().multiplicityBounds().let { b ->
    chip.table().interactions().indices.map { if (b.isLookup(it)) "lookup" else b.bound(it).toString() }
}

class WraparoundTest : FunSpec({
    val config = StarkConfig.insecureForTests()

    test("bounds come from the constraints: booleans, selectors, constants, preprocessed values, sums and products") {
        val chip = object : Chip("bounded") {
            val b = column("b")
            val c = column("c")
            val free = column("free")
            val small = preprocessed("small", intArrayOf(0, 3, 1, 2))

            init {
                constraints {
                    bool(b)
                    named("c is a bit too") { c * (1 - c) eq 0 }
                    free eq free.next()
                    send(Claim.BUS, Claim(b))
                    send(Claim.BUS, Claim(b), b)
                    send(Claim.BUS, Claim(b), b + c * 3)
                    send(Claim.BUS, Claim(b), (b + 1) * (c + 2))
                    send(Claim.BUS, Claim(b), isFirstRow + isLastRow)
                    send(Claim.BUS, Claim(b), small * b)
                    send(Claim.BUS, Claim(b), 1 - b)
                    send(Claim.BUS, Claim(b), free)
                    receive(Claim.BUS, Claim(small), free)
                }
            }
        }
        // c·(1 − c) = 0 is written as (c·(1 − c)) − 0, folded to the product, so c is a bit
        bounds(chip) shouldBe listOf("1", "1", "4", "6", "2", "3", "1", MultiplicityBounds.UNBOUNDED.toString(), "lookup")
        bounds(ByteRangeTable()) shouldBe listOf("lookup")
        bounds(ByteAdd()) shouldBe listOf("1", "1", "1")
        bounds(KeccakChip()) shouldBe listOf("1")
        bounds(KeccakCaller()) shouldBe listOf("1")
        val unbounded = chip.table().warnings().filter { "no bound" in it }
        unbounded shouldHaveSize 1
        unbounded[0] shouldContain "WraparoundTest.kt"
        ByteAdd().table().warnings().shouldBeEmpty()
    }

    test("the compiler refuses a multiplicity read from a column no constraint mentions, with its source line") {
        val chip = object : Chip("free_calls") {
            val value = column("value")
            val calls = column("calls")

            init {
                constraints { receive(Claim.BUS, Claim(value), calls) }
            }
        }
        val e = shouldThrow<CircuitException> { chip.table() }
        e.message shouldContain "WraparoundTest.kt:"
        e.message shouldContain "reads column 'calls', which no constraint mentions"
    }

    test("a lookup counter may only count a receive of fixed messages") {
        val chip = object : Chip("dynamic_table") {
            val value = column("value")
            val count = multiplicity("count")

            init {
                constraints {
                    bool(value)
                    receive(Claim.BUS, Claim(value), count)
                }
            }
        }
        shouldThrow<CircuitException> { chip.table() }.message shouldContain "reads a lookup counter"
    }

    test("the 1 / p − 1 cancellation: the checker flags the shape, and the forged proof is refused naming the bus") {
        val chip = Claims()
        val trace = chip.newTrace(2)
        for (row in 0 until 2) trace[chip.value, row] = 5
        trace[chip.calls, 0] = 1
        trace[chip.calls, 1] = BabyBear.P - 1
        trace[chip.shadow, 0] = 1
        trace[chip.shadow, 1] = BabyBear.P - 1
        val report = Checker.check(trace)
        report.constraintFailures().shouldBeEmpty()
        report.busImbalances().shouldBeEmpty() // balanced in the field: this is the attack
        report.traceProblems().single() shouldContain "bus 'claim': no bound on the multiplicity of 'claims'"
        val pk = ProvingKey.setup(config, listOf(chip.table()))
        val proof = Prover.prove(pk, listOf(trace))
        val e = shouldThrow<VerificationException> { Verifier.verify(pk.verifyingKey(), publics(listOf(trace)), proof, ANY) }
        e.message shouldContain "bus 'claim'"
        e.message shouldContain "'claims'"
        e.message shouldContain "wrap around p = 2013265921"
    }

    test("bounded multiplicities whose total reaches p are refused with the numbers; below p the proof verifies") {
        val big = object : Chip("big") {
            val v = column("v")

            init {
                constraints {
                    v eq v.next()
                    send(Claim.BUS, Claim(v), Expr.constant(1L shl 28))
                    receive(Claim.BUS, Claim(v), Expr.constant(1L shl 28))
                }
            }
        }
        val pk = ProvingKey.setup(config, listOf(big.table()))
        for (height in listOf(2, 4)) {
            val trace = big.newTrace(height)
            val proof = Prover.prove(pk, listOf(trace))
            if (height == 2) { // 2 rows × 2^29 < p
                Checker.check(trace).ok() shouldBe true
                Verifier.verify(pk.verifyingKey(), publics(listOf(trace)), proof, ANY)
            } else { // 4 rows × 2^29 = 2^31 ≥ p
                Checker.check(trace).traceProblems() shouldHaveSize 1
                shouldThrow<VerificationException> {
                    Verifier.verify(pk.verifyingKey(), publics(listOf(trace)), proof, ANY)
                }.message shouldBe "bus 'claim': multiplicities could add up to 'big' 4 rows × 536870912 = " +
                    "2147483648 ≥ p = 2013265921, so counts could wrap around and cancel"
            }
        }
    }

    test("a lookup table must be the only receiver on its bus: another receiver could be supplied by its counter") {
        val chip = object : Chip("lookup_and_claim") {
            val fixed = preprocessed("fixed", intArrayOf(5, 6))
            val count = multiplicity("count")
            val value = column("value")
            val once = column("once")

            init {
                constraints {
                    bool(once)
                    receive(Claim.BUS, Claim(fixed), count)
                    receive(Claim.BUS, Claim(value), once)
                }
            }
        }
        // row 0 claims 5 with nobody sending it; the counter's −1 on the table's row of 5 balances it
        val trace = chip.newTrace(2)
        trace[chip.value, 0] = 5
        trace[chip.once, 0] = 1
        trace[chip.count, 0] = BabyBear.P - 1
        Checker.check(trace).busImbalances().shouldBeEmpty()
        Checker.check(trace).traceProblems().single() shouldContain "a lookup table must be its bus's only receiver"
        val pk = ProvingKey.setup(config, listOf(chip.table()))
        shouldThrow<VerificationException> {
            Verifier.verify(pk.verifyingKey(), publics(listOf(trace)), Prover.prove(pk, listOf(trace)), ANY)
        }.message shouldContain "lookup counter of 'lookup_and_claim' beside other receivers 'lookup_and_claim'"
    }
})
