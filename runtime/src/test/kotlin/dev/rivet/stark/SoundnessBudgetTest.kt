package dev.rivet.stark

import dev.rivet.air.AirTable
import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.circuits.demo.Synthetic
import dev.rivet.circuits.keccak.KeccakCaller
import dev.rivet.circuits.keccak.KeccakChip
import dev.rivet.stark.SoundnessBudget.Table
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThanOrEqual
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import kotlin.math.ln
import kotlin.math.log2

/** log2 of |Ext4| = p^4, computed here rather than read from the class under test. */
private val LOG_F = 4 * ln(2013265921.0) / ln(2.0)

/** Bits of an error count/|F|. */
private fun bits(count: Long) = LOG_F - log2(count.toDouble())

/** 193 queries at rate 1/2 (each −log2(3/4) bits) and 20 bits of proof of work. */
private val DEFAULT_QUERY_BITS = 193 * log2(4.0 / 3.0) + 20

/** DEFAULT's grinding before the LogUp, ζ, batching and folding challenges, in bits. */
private const val DEFAULT_GRINDING = 8

/** DEFAULT's halvings per FRI round (logFoldingArity), each with its own challenge. */
private const val DEFAULT_HALVINGS = 3L

private fun defaultKey(vararg tables: AirTable) =
    ProvingKey.setup(StarkConfig.standard(), tables.toList()).verifyingKey()

private fun SoundnessBudget.bitsOf(name: String) = term(name).bits()

/** The terms whose rounds are preceded by challenge grinding. */
private val GROUND = setOf(SoundnessBudget.LOGUP, SoundnessBudget.DEEP, SoundnessBudget.BATCHING, SoundnessBudget.FOLDING)

/**
 * The budget's terms against the formulas of docs/soundness.md, evaluated by hand here (the counts in the comments),
 * and DEFAULT's budget on the shapes the repository proves.
 */
class SoundnessBudgetTest : FunSpec({
    test("every term of a hand-computed two-table shape matches its formula") {
        // A: n = 2^10, 7 constraints, degree 3, 2 chunks, interactions of arity 2 and 1; B: n = 2^8, 4, 2, 1, [1]
        val budget = SoundnessBudget.of(SecurityParameters.DEFAULT, Sha256Hash.INSTANCE,
            listOf(Table(10, 7, 3, 2, intArrayOf(2, 1)), Table(8, 4, 2, 1, intArrayOf(1))))
        // 1024·((2 + 1) + (1 + 1)) + 256·(1 + 1), then the grinding before α_L, β_L
        budget.bitsOf(SoundnessBudget.LOGUP) shouldBe (bits(5632) + DEFAULT_GRINDING plusOrMinus 1e-9)
        // 7 + 4, no grinding before α
        budget.bitsOf(SoundnessBudget.CONSTRAINTS) shouldBe (bits(11) plusOrMinus 1e-9)
        // the one quotient, both tables lifted to N = 1024: max(max(3, 2), max(2, 1) + 1)·1024
        budget.bitsOf(SoundnessBudget.DEEP) shouldBe (bits(3072) + DEFAULT_GRINDING plusOrMinus 1e-9)
        // LDE sizes 2^11 and 2^9: 2·2048 + 2·512, plus 2048 for the quotient's DEEP coefficients (one point) and
        // 2048 for FRI's mix of the three inputs, lifted to 2^11
        budget.bitsOf(SoundnessBudget.BATCHING) shouldBe (bits(9216) + DEFAULT_GRINDING plusOrMinus 1e-9)
        // rounds of up to three halvings from 2^11 to the final layer's 2^7 points, each charged 2^11
        budget.bitsOf(SoundnessBudget.FOLDING) shouldBe (bits(DEFAULT_HALVINGS * 2048) + DEFAULT_GRINDING plusOrMinus 1e-9)
        budget.bitsOf(SoundnessBudget.QUERIES) shouldBe (DEFAULT_QUERY_BITS plusOrMinus 1e-9)
        budget.bitsOf(SoundnessBudget.HASH) shouldBe 128.0
        budget.weakest().name() shouldBe SoundnessBudget.QUERIES
        budget.bits() shouldBe (100.1 plusOrMinus 0.01)
    }

    test("the quotient and FRI's mix of the lifted inputs pay 2^K each, and a shape without buses has no LogUp term") {
        val budget = SoundnessBudget.of(SecurityParameters.DEFAULT, Sha256Hash.INSTANCE,
            listOf(Table(5, 1, 2, 1, intArrayOf()), Table(5, 2, 2, 1, intArrayOf())))
        // 2·64 + 2·64 + 64 (the quotient's DEEP) + 64 (FRI's mix of three inputs)
        budget.bitsOf(SoundnessBudget.BATCHING) shouldBe (bits(384) + DEFAULT_GRINDING plusOrMinus 1e-9)
        budget.terms().map { it.name() } shouldNotContain SoundnessBudget.LOGUP
    }

    test("a key's budget reads constraints, degrees, chunks and bus arities from its tables") {
        val vk = defaultKey(ByteAdd().table(), ByteRangeTable().table())
        val budget = SoundnessBudget.of(vk, 12, 8)
        // byte_add: 2 constraints + 3 LogUp (degree 2 allows no batching: one group per send), degree 2, one chunk,
        // three 1-field sends; byte_table: 0 + 1
        budget.bitsOf(SoundnessBudget.LOGUP) shouldBe (bits(4096L * 6 + 256 * 2) + DEFAULT_GRINDING plusOrMinus 1e-9)
        budget.bitsOf(SoundnessBudget.CONSTRAINTS) shouldBe (bits(5 + 1) plusOrMinus 1e-9)
        // one quotient of one chunk at N = 2^12: max(2, 1 + 1)·4096
        budget.bitsOf(SoundnessBudget.DEEP) shouldBe (bits(2L * 4096) + DEFAULT_GRINDING plusOrMinus 1e-9)
        budget.bitsOf(SoundnessBudget.BATCHING) shouldBe
            (bits(2L * 8192 + 2 * 512 + 8192 + 8192) + DEFAULT_GRINDING plusOrMinus 1e-9)
        budget.bitsOf(SoundnessBudget.FOLDING) shouldBe (bits(DEFAULT_HALVINGS * 8192) + DEFAULT_GRINDING plusOrMinus 1e-9)
    }

    test("challenge grinding adds its bits to the LogUp, DEEP, batching and folding terms, and to no other") {
        val tables = listOf(Table(10, 7, 3, 2, intArrayOf(2, 1)), Table(8, 4, 2, 1, intArrayOf(1)))
        val none = SoundnessBudget.of(SecurityParameters(1, 100, 10, 0, 0), Sha256Hash.INSTANCE, tables)
        val five = SoundnessBudget.of(SecurityParameters(1, 100, 10, 5, 0), Sha256Hash.INSTANCE, tables)
        val gained = none.terms().zip(five.terms()).associate { (a, b) -> a.name() to b.bits() - a.bits() }
        gained.keys shouldBe five.terms().map { it.name() }.toSet()
        for ((name, bits) in gained) {
            val expected = if (name in GROUND) 5.0 else 0.0
            withClue(name) { bits shouldBe (expected plusOrMinus 1e-9) }
        }
        five.term(SoundnessBudget.DEEP).detail() shouldContain "+ 5 bits of grinding"
    }

    test("a proof's budget uses the heights and parameters in the proof") {
        val fib = Fibonacci()
        val config = StarkConfig(SecurityParameters(1, 4, 0, 0, 0), Sha256Hash.INSTANCE)
        val pk = ProvingKey.setup(config, listOf(fib.table()))
        val small = SoundnessBudget.of(pk.verifyingKey(), Prover.prove(pk, listOf(fib.fill(16, 0, 1))))
        val large = SoundnessBudget.of(pk.verifyingKey(), Prover.prove(pk, listOf(fib.fill(64, 0, 1))))
        small.terms() shouldBe SoundnessBudget.of(pk.verifyingKey(), 4).terms()
        large.terms() shouldBe SoundnessBudget.of(pk.verifyingKey(), 6).terms()
        // fibonacci: degree 2, one chunk: 2·n
        large.bitsOf(SoundnessBudget.DEEP) shouldBe (bits(128) plusOrMinus 1e-9)
        small.bitsOf(SoundnessBudget.DEEP) shouldNotBe large.bitsOf(SoundnessBudget.DEEP)
        large.weakest().name() shouldBe SoundnessBudget.QUERIES
        large.bits() shouldBe (4 * log2(4.0 / 3.0) plusOrMinus 1e-9)
    }

    test("DEFAULT keeps every term at 100 bits or more on the demo, synthetic 2^20 × 100 and Keccak 2^15 shapes") {
        val demoFib = SoundnessBudget.of(defaultKey(Fibonacci().table()), 12)
        val demoBytes = SoundnessBudget.of(defaultKey(ByteAdd().table(), ByteRangeTable().table()), 12, 8)
        val synthetic = SoundnessBudget.of(defaultKey(Synthetic(100).table()), 20)
        val keccak = SoundnessBudget.of(defaultKey(KeccakChip().table(), KeccakCaller().table()), 15, 11)
        for (budget in listOf(demoFib, demoBytes, synthetic, keccak)) {
            budget.bits() shouldBeGreaterThanOrEqual 100.0
            budget.weakest().name() shouldBe SoundnessBudget.QUERIES
        }
        // the runner-up on Keccak: 2^15 + 2^11 rows, each one 200-field interaction: n·201
        keccak.bitsOf(SoundnessBudget.LOGUP) shouldBe (bits(201L * (32768 + 2048)) + DEFAULT_GRINDING plusOrMinus 1e-9)
        keccak.bitsOf(SoundnessBudget.LOGUP) shouldBe (108.89 plusOrMinus 0.01)
        // 3117 constraints + 1 LogUp (one group, folded into the running sum), and the caller's `calls` flag + 1
        keccak.bitsOf(SoundnessBudget.CONSTRAINTS) shouldBe (bits(3117 + 1 + 2) plusOrMinus 1e-9)
    }

    test("DEFAULT holds 100 bits up to synthetic 2^24 × 100, Keccak 2^17 and the demo at 2^24; 2 bits of grinding would not") {
        val keccakKey = defaultKey(KeccakChip().table(), KeccakCaller().table())
        val syntheticKey = defaultKey(Synthetic(100).table())
        for (log in 16..17) {
            val keccak = SoundnessBudget.of(keccakKey, log, log - 4)
            keccak.bits() shouldBeGreaterThanOrEqual 100.0
            keccak.weakest().name() shouldBe SoundnessBudget.QUERIES
        }
        // 2^17 + 2^13 rows of one 200-field interaction: the closest field term, 101.9
        SoundnessBudget.of(keccakKey, 17, 13).bitsOf(SoundnessBudget.LOGUP) shouldBe
            (bits(201L * ((1L shl 17) + (1L shl 13))) + DEFAULT_GRINDING plusOrMinus 1e-9)
        for (log in 21..24) {
            val synthetic = SoundnessBudget.of(syntheticKey, log)
            synthetic.bits() shouldBeGreaterThanOrEqual 100.0
            synthetic.weakest().name() shouldBe SoundnessBudget.QUERIES
        }
        // at 2^24: LogUp n·(2 + 2), 97.6 before grinding; batching 2·2^25 + 2^25 (quotient) + 2^25 (FRI's mix of
        // the table's and the quotient's inputs), 96.6; folding 2^25
        val at24 = SoundnessBudget.of(syntheticKey, 24)
        at24.bitsOf(SoundnessBudget.LOGUP) shouldBe (bits(1L shl 26) + DEFAULT_GRINDING plusOrMinus 1e-9)
        at24.bitsOf(SoundnessBudget.BATCHING) shouldBe (bits(1L shl 27) + DEFAULT_GRINDING plusOrMinus 1e-9)
        at24.bitsOf(SoundnessBudget.FOLDING) shouldBe (bits(DEFAULT_HALVINGS shl 25) + DEFAULT_GRINDING plusOrMinus 1e-9)
        // the demo's largest shape: byte addition at 2^24 (three 1-field sends) is the one whose LogUp comes first
        val bytes24 = SoundnessBudget.of(defaultKey(ByteAdd().table(), ByteRangeTable().table()), 24, 8)
        bytes24.bitsOf(SoundnessBudget.LOGUP) shouldBe (bits(6L * (1L shl 24) + 2 * 256) + DEFAULT_GRINDING plusOrMinus 1e-9)
        bytes24.bits() shouldBeGreaterThanOrEqual 100.0
        SoundnessBudget.of(defaultKey(Fibonacci().table()), 24).bits() shouldBeGreaterThanOrEqual 100.0
        // 2 bits of grinding would lose synthetic 2^24 (DEFAULT's 8 is set by the RV32IM machine: docs/soundness.md)
        val d = SecurityParameters.DEFAULT
        val less = SecurityParameters(d.logBlowup(), d.numQueries(), d.powBits(), 2,
            d.logFinalPolyLen(), d.logFoldingArity(), d.logCapHeight())
        val lessKey = ProvingKey.setup(StarkConfig(less, Sha256Hash.INSTANCE), listOf(Synthetic(100).table()))
        SoundnessBudget.of(lessKey.verifyingKey(), 24).bits() shouldBeLessThan 100.0
    }

    test("the folding term counts a round's halvings, each charged the top domain; caps change nothing") {
        val tables = listOf(Table(10, 7, 3, 2, intArrayOf()), Table(8, 4, 2, 1, intArrayOf()))
        for (a in 1..4) {
            val budget = SoundnessBudget.of(SecurityParameters(1, 100, 10, 0, 0, a, 0), Sha256Hash.INSTANCE, tables)
            budget.bitsOf(SoundnessBudget.FOLDING) shouldBe (bits(a * 2048L) plusOrMinus 1e-9)
            SoundnessBudget.of(SecurityParameters(1, 100, 10, 0, 0, a, 8), Sha256Hash.INSTANCE, tables).terms() shouldBe
                budget.terms()
        }
        // a single round of 2 halvings at most: 2^3 values down to the final 2^1
        SoundnessBudget.of(SecurityParameters(1, 100, 10, 0, 0, 4, 0), Sha256Hash.INSTANCE, listOf(Table(2, 1, 2, 1,
            intArrayOf()))).bitsOf(SoundnessBudget.FOLDING) shouldBe (bits(2 * 8L) plusOrMinus 1e-9)
    }

})
