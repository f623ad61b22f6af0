package dev.rivet.circuits.keccak

import dev.rivet.check.CheckReport
import dev.rivet.check.Checker
import dev.rivet.circuits.keccak.KeccakConstants.lane
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.bouncycastle.crypto.digests.KeccakDigest
import java.util.Random

class KeccakChipTest : FunSpec({
    val chip = KeccakChip()

    fun randomStates(n: Int, seed: Long): List<LongArray> {
        val random = Random(seed)
        return List(n) { LongArray(25) { random.nextLong() } }
    }

    fun honestCaller(inputs: List<LongArray>) = KeccakCaller().let { caller ->
        caller.fill(inputs, inputs.map { KeccakReference.permute(it) })
    }

    fun CheckReport.shouldBeOk() = withClue(toString()) { ok() shouldBe true }

    fun CheckReport.failures() = constraintFailures().map { it.constraint().name() to it.row() }.toSet()

    test("the constant tables match their FIPS 202 definitions") {
        KeccakConstants.roundConstants() shouldBe KeccakReference.roundConstants
        for (x in 0 until 5) for (y in 0 until 5) KeccakConstants.rhoOffset(lane(x, y)) shouldBe KeccakReference.rho[x][y]
        KeccakChip.IOTA_POSITIONS shouldBe intArrayOf(0, 1, 3, 7, 15, 31, 63)
    }

    test("the reference permutes the zero state to the published vector") {
        val out = KeccakReference.permute(LongArray(25))
        out[0] shouldBe 0xF1258F7940E1DDE7uL.toLong()
        out[1] shouldBe 0x84D5CCF933C0478AuL.toLong()
    }

    test("layout: 2572 columns, degree 3, one send of 200 limbs") {
        val table = chip.table()
        table.width() shouldBe 2572
        table.constraints().maxOf { it.degree() } shouldBe 3
        table.interactions().single().arity() shouldBe 200
    }

    test("outputs equal the reference on random states, and the trace checks with its caller") {
        val inputs = randomStates(5, 1)
        val trace = chip.fill(inputs)
        trace.height() shouldBe 128
        for (p in inputs.indices) {
            chip.input(trace, p) shouldBe inputs[p]
            chip.output(trace, p) shouldBe KeccakReference.permute(inputs[p])
        }
        Checker.check(trace, honestCaller(inputs)).shouldBeOk()
    }

    test("padding rows satisfy the constraints and send nothing, for every tail length") {
        for (n in listOf(0, 1, 2, 3, 6, 10)) {
            val inputs = randomStates(n, 100L + n)
            val trace = chip.fill(inputs)
            trace.height() shouldBe KeccakChip.heightFor(n)
            trace.column(chip.export).sum() shouldBe n
            Checker.check(trace, honestCaller(inputs)).shouldBeOk()
        }
    }

    test("Keccak-256 digests built on the chip's permutation equal BouncyCastle's") {
        val random = Random(7)
        val messages = listOf(0, 1, 55, 135, 136, 137, 271, 272, 500).map { n -> ByteArray(n).also(random::nextBytes) }
        val viaChip = KeccakReference.keccak256(messages) { states ->
            val trace = chip.fill(states)
            Checker.check(trace, honestCaller(states)).shouldBeOk()
            states.indices.map { chip.output(trace, it) }
        }
        val viaReference = KeccakReference.keccak256(messages) { states -> states.map(KeccakReference::permute) }
        for ((i, m) in messages.withIndex()) {
            val expected = ByteArray(32).also { out -> KeccakDigest(256).apply { update(m, 0, m.size); doFinal(out, 0) } }
            withClue("message of ${m.size} bytes") {
                viaReference[i] shouldBe expected
                viaChip[i] shouldBe expected
            }
        }
    }

    context("the checker flags") {
        val inputs = randomStates(3, 42)

        test("a flipped bit of a round's input state: its θ limb and the previous round's chaining") {
            val trace = chip.fill(inputs)
            val row = 24 + 5 // permutation 1, round 5
            val cell = trace.column(chip.a[lane(1, 2)][3])
            cell[row] = cell[row] xor (1 shl 9)
            Checker.check(trace, honestCaller(inputs)).failures() shouldBe
                setOf("theta: a = a' ⊕ d" to row, "a round reads the previous output" to row - 1)
        }

        test("a flipped bit of θ's output: parity, θ and χ on that row only") {
            val trace = chip.fill(inputs)
            val row = 48 + 11
            val cell = trace.column(chip.aPrime[lane(3, 4)][17])
            cell[row] = cell[row] xor 1
            val failures = Checker.check(trace, honestCaller(inputs)).failures()
            failures.map { it.second }.toSet() shouldBe setOf(row)
            failures.map { it.first } shouldContain "theta: a = a' ⊕ d"
            failures.map { it.first } shouldContain "theta: c' is the parity of a'"
            failures.map { it.first } shouldContain "chi"
        }

        test("a non-boolean bit, even one that keeps every packing consistent") {
            val trace = chip.fill(inputs)
            val row = 30
            val cell = trace.column(chip.c[2][40])
            cell[row] = 2
            Checker.check(trace, honestCaller(inputs)).failures() shouldContain ("theta: c is boolean" to row)
        }

        for ((what, tamper) in listOf(
            "a round constant bit where ι acts (bit 7)" to (1L shl 7),
            "a round constant bit where no round constant has a 1 (bit 2)" to (1L shl 2),
        )) {
            test("a consistent trace built with a wrong round constant: $what") {
                val trace = chip.fill(inputs)
                val wrong = KeccakChip.ROUND_CONSTANTS.copyOf().also { it[5] = it[5] xor tamper }
                chip.Filler(trace).fillPermutation(0, inputs[0], true, wrong)
                val report = Checker.check(trace)
                report.failures() shouldBe setOf("iota" to 5)
            }
        }

        test("round constants taken from another round") {
            val trace = chip.fill(inputs)
            val shifted = LongArray(24) { KeccakChip.ROUND_CONSTANTS[(it + 1) % 24] }
            chip.Filler(trace).fillPermutation(24, inputs[1], true, shifted)
            Checker.check(trace).failures().map { it.first }.toSet() shouldBe setOf("iota")
        }

        test("a step flag moved to another round") {
            val trace = chip.fill(inputs)
            trace.column(chip.step[5])[5] = 0
            trace.column(chip.step[6])[5] = 1
            val failures = Checker.check(trace).failures()
            failures shouldContain ("rounds advance" to 4)
            failures shouldContain ("rounds advance" to 5)
        }

        test("a wrong output claimed by the caller: the bus imbalance names both tables") {
            val trace = chip.fill(inputs)
            val outputs = inputs.map { KeccakReference.permute(it) }.toMutableList()
            outputs[2] = outputs[2].copyOf().also { it[24] = it[24] xor (1L shl 63) }
            val report = Checker.check(trace, KeccakCaller().fill(inputs, outputs))
            report.constraintFailures().shouldBeEmpty()
            val sent = report.busImbalances().single { it.net() == 1L }
            sent.senders().single() shouldContain "'keccak_f' (row 71)"
            sent.receivers().shouldBeEmpty()
            val received = report.busImbalances().single { it.net() == -1L }
            received.receivers().single() shouldContain "'keccak_caller' (row 2)"
            received.toString() shouldContain "sent by no table (tables sending on bus 'keccak_permutation': 'keccak_f')"
        }

        test("a wrong output in the chip: its χ limb fails and the bus does not balance") {
            val trace = chip.fill(inputs)
            val row = 24 + 23
            val cell = trace.column(chip.out[lane(2, 3)][1])
            cell[row] = cell[row] xor 0x100
            val report = Checker.check(trace, honestCaller(inputs))
            report.failures() shouldBe setOf("chi" to row)
            report.busImbalances().map { it.net() }.shouldContainExactlyInAnyOrder(1L, -1L)
        }

        test("export on a round other than the last") {
            val trace = chip.fill(inputs)
            trace.column(chip.export)[10] = 1
            Checker.check(trace, honestCaller(inputs)).failures() shouldBe setOf("export only on the last round" to 10)
        }

        test("a padding permutation exported: valid rows, but a message nobody receives") {
            val trace = chip.fill(inputs) // 3 permutations in 128 rows: permutation 3 (rows 72..95) is padding
            trace.column(chip.export)[95] = 1
            val report = Checker.check(trace, honestCaller(inputs))
            report.constraintFailures().shouldBeEmpty()
            report.busImbalances().single().senders().single() shouldContain "'keccak_f' (row 95)"
        }
    }
})
