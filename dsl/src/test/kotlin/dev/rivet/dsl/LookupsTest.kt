package dev.rivet.dsl

import dev.rivet.check.Checker
import dev.rivet.field.BabyBear
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.util.Random

private data class Pair2(val a: Expr, val b: Expr) : BusMessage {
    override fun fields() = listOf(a, b)
}

private val PAIRS = Bus.of<Pair2>("pairs", "a", "b")

/** The lookup table's row i holds (i, 3i + 1). */
private const val TABLE_ROWS = 256
private fun partner(a: Int) = 3 * a + 1

/** A lookup table of (x, 3x + 1) for the given x, in that row order. */
private class PairTable(name: String, xs: IntArray) {
    val chip = Chip(name)
    val count: Column = chip.multiplicity("count")

    init {
        val x = chip.preprocessed("x", xs)
        val y = chip.preprocessed("y", IntArray(xs.size) { partner(xs[it]) })
        chip.receive(PAIRS, Pair2(x, y), count)
    }
}

/** A table sending (a, b) with multiplicity sel · weight on every row. */
private class PairSender(name: String, weight: Long) {
    val chip = Chip(name)
    val a = chip.column("a")
    val b = chip.column("b")
    val sel = chip.column("sel")

    init {
        chip.assertBool(sel)
        chip.send(PAIRS, Pair2(a, b), sel * weight)
    }

    /** Rows with random x, a matching partner except on every [missEvery]-th row, and sel on about 3 rows in 4. */
    fun trace(height: Int, seed: Long, missEvery: Int = Int.MAX_VALUE): Trace {
        val rng = Random(seed)
        val t = chip.newTrace(height)
        for (r in 0 until height) {
            val x = rng.nextInt(TABLE_ROWS)
            t[a, r] = x
            t[b, r] = if (r % missEvery == missEvery - 1) partner(x) + 1 else partner(x)
            t[sel, r] = if (rng.nextInt(4) == 0) 0 else 1
        }
        return t
    }
}

/** The counts by x, computed row by row in longs: sel · weight summed mod p over the matching sends. */
private fun naiveCounts(weight: Long, vararg traces: Pair<PairSender, Trace>): IntArray {
    val counts = LongArray(TABLE_ROWS)
    for ((s, t) in traces) {
        for (r in 0 until t.height()) {
            val x = t[s.a, r]
            if (t[s.sel, r] == 1 && t[s.b, r] == partner(x)) counts[x] = (counts[x] + weight) % BabyBear.P
        }
    }
    return IntArray(TABLE_ROWS) { counts[it].toInt() }
}

class LookupsTest : FunSpec({
    test("many tables sending to one lookup table: each counter is the sum over all of them, and rederiving agrees") {
        val table = PairTable("table", IntArray(TABLE_ROWS) { it })
        val senders = (0 until 6).map { PairSender("sender$it", 1) }
        val sent = senders.mapIndexed { i, s -> s to s.trace(4 shl (2 * i), i.toLong()) }
        val lookup = table.chip.newTrace(TABLE_ROWS)
        val traces = sent.map { it.second } + lookup
        Lookups.deriveMultiplicities(traces)
        lookup.column(table.count).toList() shouldBe naiveCounts(1, *sent.toTypedArray()).toList()
        Checker.check(traces).ok() shouldBe true
        Lookups.deriveMultiplicities(traces) // counters start from zero, not from the last derivation
        lookup.column(table.count).toList() shouldBe naiveCounts(1, *sent.toTypedArray()).toList()
    }

    test("counts over many workers' row ranges, past p, match a naive count") {
        // 2^14 + 2^12 rows are hundreds of batches, split over every core; 2^30 per send wraps p many times over
        val weight = 1L shl 30
        val table = PairTable("table", IntArray(TABLE_ROWS) { TABLE_ROWS - 1 - it })
        val long = PairSender("long", weight)
        val short = PairSender("short", weight)
        val sent = arrayOf(long to long.trace(1 shl 14, 1), short to short.trace(1 shl 12, 2))
        val lookup = table.chip.newTrace(TABLE_ROWS)
        Lookups.deriveMultiplicities(listOf(sent[0].second, lookup, sent[1].second))
        val byX = naiveCounts(weight, *sent)
        lookup.column(table.count).toList() shouldBe (0 until TABLE_ROWS).map { byX[TABLE_ROWS - 1 - it] }
    }

    test("a tuple held twice, here by two tables, is still refused as ambiguous") {
        val one = PairTable("one", IntArray(8) { it })
        val two = PairTable("two", intArrayOf(9, 10, 5, 11))
        val traces = listOf(one.chip.newTrace(8), two.chip.newTrace(4))
        shouldThrow<IllegalArgumentException> { Lookups.deriveMultiplicities(traces) }.message shouldBe
            "lookup on bus 'pairs': message [5, 16] is held by row 5 of 'one' and row 2 of 'two', " +
            "so its multiplicity is ambiguous"
    }

    test("a send with no matching row is left alone, for the checker to report") {
        val table = PairTable("table", IntArray(TABLE_ROWS) { it })
        val sender = PairSender("sender", 1)
        val s = sender.trace(64, 3, missEvery = 8)
        val lookup = table.chip.newTrace(TABLE_ROWS)
        Lookups.deriveMultiplicities(s, lookup)
        lookup.column(table.count).toList() shouldBe naiveCounts(1, sender to s).toList()
        val missed = (0 until 64).filter { it % 8 == 7 && s[sender.sel, it] == 1 }
        Checker.check(s, lookup).busImbalances() shouldHaveSize missed.size
        Checker.check(s, lookup).busImbalances()[0].toString() shouldContain "'sender' (row ${missed[0]})"
    }
})
