package dev.rivet.dsl.gadgets

import dev.rivet.check.CheckReport
import dev.rivet.check.Checker
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Lookups
import dev.rivet.dsl.Trace
import dev.rivet.dsl.constraints
import dev.rivet.dsl.on
import dev.rivet.field.BabyBear
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.util.Random

private fun CheckReport.failing() = constraintFailures().map { it.constraint().name() to it.row() }.toSet()

/** Checks [traces] after deriving the lookup counters, as a machine would. */
private fun derivedCheck(vararg traces: Trace): CheckReport {
    Lookups.deriveMultiplicities(*traces)
    return Checker.check(*traces)
}

/** Words that exercise every carry and sign: 0, 1, −1, the signed extremes, random. */
private val WORDS = listOf(0, 1, -1, Int.MIN_VALUE, Int.MAX_VALUE, 0x00ff_ff00, 255, 256, 65535, 65536) +
    Random(5).let { rng -> List(22) { rng.nextInt() } }

class GadgetsTest : FunSpec({
    val bytes = ByteTable()
    fun bytesTrace() = bytes.newTrace(ByteTable.HEIGHT)

    test("bool: a bit passes, a 2 is named") {
        val chip = Chip("bool")
        val flag = chip.constraints { boolColumn("flag") }
        val t = chip.newTrace(4)
        flag.fill(t, 1, true)
        Checker.check(t).ok() shouldBe true
        t[flag.value(), 2] = 2
        Checker.check(t).failing() shouldBe setOf("flag is a bit" to 2)
    }

    test("is-zero and is-equal: the witness is computed, a wrong out or inverse is named") {
        val chip = Chip("zero")
        val x = chip.column("x")
        val y = chip.column("y")
        val z = chip.constraints { isZero("x_is_zero", x) }
        val eq = IsEqual.of(chip, "x_is_y", x, y)
        val t = chip.newTrace(4)
        val xs = listOf(0L, 5L, BabyBear.P - 1L, 0L)
        val ys = listOf(0L, 5L, 1L, 7L)
        for (row in 0 until 4) {
            t[x, row] = xs[row]; t[y, row] = ys[row]
            z.fill(t, row, xs[row]); eq.fill(t, row, xs[row], ys[row])
        }
        Checker.check(t).ok() shouldBe true
        (0 until 4).map { t[z.out(), it] } shouldBe listOf(1, 0, 0, 1)
        (0 until 4).map { t[eq.out(), it] } shouldBe listOf(1, 1, 0, 0)
        t[z.out(), 0] = 0 // claims 0 ≠ 0: no inverse of 0 can make 1 − x·inv vanish
        t[z.out(), 1] = 1 // claims 5 = 0
        t[eq.out(), 2] = 1 // claims p − 1 = 1
        Checker.check(t).failing() shouldBe setOf(
            "x_is_zero: out = 1 − x·inv" to 0, "x_is_zero: x·out = 0" to 1, "x_is_zero: out = 1 − x·inv" to 1,
            "x_is_y: x·out = 0" to 2, "x_is_y: out = 1 − x·inv" to 2,
        )
    }

    test("select: chooses by a Boolean, a wrong choice is named") {
        val chip = Chip("select")
        val (a, b, out) = chip.columns("v", 3)
        val c = chip.constraints { boolColumn("c") }
        chip.constraints { named("out is the choice") { out eq c.value().select(a, b) } }
        val t = chip.newTrace(2)
        for (row in 0 until 2) {
            t[a, row] = 10; t[b, row] = 20; c.fill(t, row, row == 0)
            t[out, row] = if (row == 0) 10 else 20
        }
        Checker.check(t).ok() shouldBe true
        t[out, 1] = 10
        Checker.check(t).failing() shouldBe setOf("out is the choice" to 1)
    }

    test("bit decomposition: fills the bits; a non-Boolean bit that keeps the sum is named") {
        val chip = Chip("bits")
        val v = chip.column("v")
        val bits = chip.constraints { bits("v_bits", v, 8) }
        val t = chip.newTrace(2)
        t[v, 0] = 0b1010_0110; bits.fill(t, 0, 0b1010_0110)
        Checker.check(t).ok() shouldBe true
        t[bits.bits()[1], 0] = 0; t[bits.bits()[0], 0] = 2 // 2·1 = 2: the sum still holds
        Checker.check(t).failing() shouldBe setOf("v_bits: bit is Boolean" to 0)
        t[v, 1] = 256 // 8 bits cannot hold it
        Checker.check(t).failing() shouldContain ("v_bits: value = Σ 2^i·bit[i]" to 1)
        shouldThrow<IllegalArgumentException> { bits.fill(t, 1, 256) }
    }

    test("byte decomposition: bytes looked up two at a time; a limb of 256 that keeps the sum unbalances the bus") {
        val chip = Chip("bytes")
        val v = chip.column("v")
        val dec = chip.constraints { bytes("v_bytes", v, 3, bytes) }
        val t = chip.newTrace(2)
        t[v, 0] = 0x12_34_56; dec.fill(t, 0, 0x12_34_56)
        derivedCheck(t, bytesTrace()).ok() shouldBe true
        t[dec.bytes()[0], 0] = 0x56 + 256; t[dec.bytes()[1], 0] = 0x33 // same packed value
        val report = derivedCheck(t, bytesTrace())
        report.constraintFailures().shouldBeEmpty()
        report.busImbalances().single().toString() shouldContain "byte_ops"
    }

    test("range checks of every width through the 16-bit table, and of 3 bits through the byte range table") {
        val chip = Chip("ranges")
        val values = chip.columns("v", 17)
        val small = chip.column("small")
        val byteRange = ByteRangeTable()
        chip.constraints {
            for (w in 1..16) range(values[w], w, bytes)
            range(values[0], 16, bytes)
            range(small, 3, byteRange)
        }
        val honest = chip.newTrace(2)
        for (w in 1..16) honest[values[w], 0] = (1 shl w) - 1
        honest[small, 0] = 7
        derivedCheck(honest, bytesTrace(), byteRange.newTrace(256)).ok() shouldBe true
        for (w in 2..16) withClue("width $w") {
            val t = chip.newTrace(2)
            t[values[w], 1] = 1 shl w
            derivedCheck(t, bytesTrace(), byteRange.newTrace(256)).busImbalances().isEmpty() shouldBe false
        }
        val t = chip.newTrace(2)
        t[values[1], 1] = 2
        t[small, 0] = 8
        val report = derivedCheck(t, bytesTrace(), byteRange.newTrace(256))
        report.failing() shouldBe setOf("range: v[1] is a bit" to 1)
        report.busImbalances().single().toString() shouldContain "bus 'byte'"
        shouldThrow<IllegalArgumentException> { RangeCheck.assertBits(chip, byteRange, small, 9) }
    }

    test("AND, OR, XOR of bytes through the byte table; a wrong result unbalances its bus") {
        val chip = Chip("bitwise")
        val (x, y, and, or, xor) = chip.columns("v", 5)
        chip.constraints { byteAnd(x, y, and, bytes); byteOr(x, y, or, bytes); byteXor(x, y, xor, bytes) }
        val t = chip.newTrace(4)
        val rng = Random(3)
        for (row in 0 until 4) {
            val a = rng.nextInt(256); val b = rng.nextInt(256)
            t[x, row] = a; t[y, row] = b; t[and, row] = a and b; t[or, row] = a or b; t[xor, row] = a xor b
        }
        derivedCheck(t, bytesTrace()).ok() shouldBe true
        t[xor, 2] = t[xor, 2] xor 1
        derivedCheck(t, bytesTrace()).busImbalances().single().values().toList() shouldBe
            listOf(ByteTable.XOR, t[x, 2], t[y, 2], t[xor, 2])
    }

    for ((shape, limbBits) in listOf("bytes" to 8, "halves" to 16)) {
        fun Chip.word(name: String) = if (limbBits == 8) Word.bytes(this, name, bytes) else Word.halves(this, name, bytes)

        test("word add and sub over $shape: honest sums check; a wrong limb breaks a carry; a limb out of range that keeps every carry a bit unbalances the bus") {
            val chip = Chip("add_$shape")
            val a = chip.word("a")
            val b = chip.word("b")
            val sum = chip.constraints { add("sum", a, b, bytes) }
            val diff = chip.constraints { sub("diff", a, b, bytes) }
            val t = chip.newTrace(32)
            for (row in 0 until 32) {
                val x = WORDS[row]; val y = WORDS[(row * 7 + 3) % 32]
                a.fill(t, row, x); b.fill(t, row, y); sum.fill(t, row, x, y); diff.fill(t, row, x, y)
                sum.out().value(t, row) shouldBe x + y
                diff.out().value(t, row) shouldBe x - y
            }
            derivedCheck(t, bytesTrace()).ok() shouldBe true
            val limb0 = sum.out().limbs()[0]
            t[limb0, 5] = t[limb0, 5] + 1
            derivedCheck(t, bytesTrace()).failing() shouldContain ("sum: carry[0] is a bit" to 5)
            // Row 2 adds −1 + 1 = 2^32, every limb carrying. Claim limb 0 = 2^w and the others 2^w − 1, no carries:
            // the same integer, every carry a bit, and only the range check sees the limb of 2^w.
            t[limb0, 5] = t[limb0, 5] - 1
            a.fill(t, 2, -1); b.fill(t, 2, 1); sum.fill(t, 2, -1, 1); diff.fill(t, 2, -1, 1)
            t[limb0, 2] = 1 shl limbBits
            for (limb in sum.out().limbs().drop(1)) t[limb, 2] = (1 shl limbBits) - 1
            val report = derivedCheck(t, bytesTrace())
            report.constraintFailures().shouldBeEmpty()
            report.busImbalances().isEmpty() shouldBe false
        }

        test("unsigned and signed less-than over $shape: every pair right; a forged answer is caught") {
            val chip = Chip("lt_$shape")
            val a = chip.word("a")
            val b = chip.word("b")
            val ltu = chip.constraints { lessThan("ltu", a, b, bytes) }
            val lts = chip.constraints { signedLessThan("lts", a, b, bytes) }
            val (expectU, expectS) = chip.columns("expect", 2)
            chip.constraints {
                named("ltu is right") { expectU eq ltu.out() }
                named("lts is right") { expectS eq lts.out() }
            }
            val pairs = WORDS.flatMap { x -> listOf(x to x, x to x + 1, x to x - 1, x to WORDS[(x and 31)]) }.take(128)
            val t = chip.newTrace(128)
            for ((row, p) in pairs.withIndex()) {
                val (x, y) = p
                a.fill(t, row, x); b.fill(t, row, y)
                ltu.fill(t, row, x, y) shouldBe (Integer.compareUnsigned(x, y) < 0)
                lts.fill(t, row, x, y) shouldBe (x < y)
                t[expectU, row] = if (Integer.compareUnsigned(x, y) < 0) 1 else 0
                t[expectS, row] = if (x < y) 1 else 0
            }
            derivedCheck(t, bytesTrace()).ok() shouldBe true
            // Row 1 compares x < x + 1 (true). Claim false: the difference's top limb one 2^w lower, so the borrow
            // out of it vanishes and every carry stays a bit; only the range check sees the negative limb.
            val top = a.limbs().size - 1
            t[expectU, 1] = 0
            val diffTop = t.mainColumns()[chip.table().mainColumn("ltu_diff[$top]")]
            diffTop[1] = BabyBear.sub(diffTop[1], 1 shl limbBits)
            val report = derivedCheck(t, bytesTrace())
            report.constraintFailures().shouldBeEmpty()
            report.busImbalances().isEmpty() shouldBe false
            // Back to the honest difference; then a negative a whose sign bit claims 0: the top limb's rest is no
            // longer w − 1 bits, so a 15- or 7-bit range lookup fails.
            diffTop[1] = BabyBear.add(diffTop[1], 1 shl limbBits)
            t[expectU, 1] = 1
            derivedCheck(t, bytesTrace()).ok() shouldBe true
            val negative = pairs.indexOfFirst { it.first < 0 && it.second >= 0 }
            t.mainColumns()[chip.table().mainColumn("lts_msb_a")][negative] = 0
            derivedCheck(t, bytesTrace()).busImbalances().isEmpty() shouldBe false
        }
    }

    test("shared tables: one byte table for two chips, counters derived from both; two copies are refused") {
        val shared = SharedTables()
        val one = Chip("one")
        val w = Word.bytes(one, "w", shared.bytes())
        val two = Chip("two")
        val h = Word.halves(two, "h", shared.bytes())
        shared.bytes() shouldBe shared.bytes()
        shared.chips() shouldBe listOf(shared.bytes())
        val t1 = one.newTrace(4).also { t -> (0 until 4).forEach { w.fill(t, it, 0x01020304 * it) } }
        val t2 = two.newTrace(2).also { t -> h.fill(t, 0, 0x7fff_0001) }
        val traces = listOf(t1, t2) + shared.newTraces()
        Lookups.deriveMultiplicities(traces)
        Checker.check(traces).ok() shouldBe true
        val table = traces[2]
        table.column(shared.bytes().rangeCount).sum() shouldBe 8 // 4 rows × 2 pairs
        table.column(shared.bytes().u16Count).sum() shouldBe 4 // 2 rows × 2 halves
        shouldThrow<IllegalArgumentException> { Lookups.deriveMultiplicities(traces + ByteTable().newTrace(ByteTable.HEIGHT)) }
            .message shouldContain "ambiguous"
    }

    test("a gadget's constraint reports the author's line, and the gadgets leave no compiler warnings") {
        val chip = Chip("where")
        val x = chip.column("x")
        val sel = chip.column("sel")
        chip.assertBool(sel)
        val line = Throwable().stackTrace[0].lineNumber; val z = chip.on(sel) { isZero("z", x) }
        chip.table().warnings().shouldBeEmpty()
        val t = chip.newTrace(2)
        t[sel, 0] = 1; t[x, 0] = 3; t[z.out(), 0] = 1
        Checker.check(t).constraintFailures().map { it.constraint().source().toString() }.toSet() shouldBe
            setOf("GadgetsTest.kt:$line")
    }
})
