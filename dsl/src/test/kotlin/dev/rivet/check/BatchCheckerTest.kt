package dev.rivet.check

import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Expr
import dev.rivet.field.BabyBear
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.Random

/** The batched, parallel checker against the plain row-at-a-time reading of the same program. */
class BatchCheckerTest : FunSpec({
    fun randomExpr(chip: Chip, cols: List<dev.rivet.dsl.Column>, random: Random, depth: Int): Expr {
        if (depth == 0 || random.nextInt(4) == 0) {
            return when (random.nextInt(6)) {
                0 -> Expr.constant(random.nextInt(5).toLong() - 2)
                1 -> cols[random.nextInt(cols.size)].next()
                2 -> chip.isFirstRow()
                3 -> chip.isLastRow()
                4 -> chip.isTransition()
                else -> cols[random.nextInt(cols.size)]
            }
        }
        val a = randomExpr(chip, cols, random, depth - 1)
        val b = randomExpr(chip, cols, random, depth - 1)
        return when (random.nextInt(4)) {
            0 -> a + b
            1 -> a - b
            2 -> -a
            else -> a * b
        }
    }

    test("failures and their counts equal a row-by-row evaluation, for heights below, at and above a batch") {
        for ((seed, height) in listOf(2, 4, 64, 128, 512).withIndex()) {
            val random = Random(seed.toLong())
            val chip = Chip("random", 16)
            val cols = chip.columns("c", 4)
            repeat(30) { chip.assertZero(randomExpr(chip, cols, random, 4)) }
            val table = chip.table()
            val trace = chip.newTrace(height)
            for (c in cols) for (row in 0 until height) trace[c, row] = random.nextInt(3) // small: some constraints hold
            val expected = mutableListOf<Pair<Int, Int>>()
            val slots = IntArray(table.program().size())
            for (row in 0 until height) {
                table.program().evaluateRow(slots, trace.mainColumns(), arrayOf(), trace.publicValues(), row, height)
                for (c in table.constraints()) if (slots[c.slot()] != 0) expected += c.index() to row
            }
            val report = Checker.check(trace)
            report.failingRows() shouldBe expected.size.toLong()
            val listed = expected.groupBy { it.first }.values.flatMap { it.take(Checker.MAX_ROWS_PER_CONSTRAINT) }
            report.constraintFailures().map { it.constraint().index() to it.row() } shouldBe
                listed.sortedWith(compareBy({ it.second }, { it.first }))
        }
    }

    test("bus messages are read from every batch, with the row of the first send") {
        data class One(val v: Expr) : BusMessage { override fun fields() = listOf(v) }
        val bus = Bus.of<One>("values", "v")
        val sender = Chip("sender")
        val v = sender.column("v")
        val s = sender.column("s")
        sender.assertBool(s)
        sender.send(bus, One(v * v), s)
        val receiver = Chip("receiver")
        val w = receiver.column("w")
        val r = receiver.column("r")
        receiver.assertBool(r)
        receiver.receive(bus, One(w * w), r)
        val height = 256
        val sent = sender.newTrace(height)
        val received = receiver.newTrace(height)
        for (row in 0 until height) {
            sent[v, row] = row % 7
            sent[s, row] = 1
            received[w, height - 1 - row] = row % 7
            received[r, row] = 1
        }
        Checker.check(sent, received).ok() shouldBe true
        sent[v, 200] = 11
        val imbalance = Checker.check(sent, received).busImbalances().single { it.net() == 1L }
        imbalance.values()[0] shouldBe BabyBear.fromInt(121)
        imbalance.senders().single() shouldBe "'sender' (row 200)"
    }

    test("the tally holds each distinct message once, in order of first appearance with each table's first row") {
        data class One(val v: Expr) : BusMessage { override fun fields() = listOf(v) }
        data class Two(val a: Expr, val b: Expr) : BusMessage { override fun fields() = listOf(a, b) }
        val ones = Bus.of<One>("ones", "v")
        val twos = Bus.of<Two>("twos", "a", "b")
        val sender = Chip("sender")
        val (v, a, b) = sender.columns("x", 3)
        sender.send(ones, One(v))
        sender.send(twos, Two(a, b))
        val other = Chip("other")
        val w = other.column("w")
        other.receive(ones, One(w))
        val height = 1 shl 14 // hundreds of batches: every core's range tallies its own rows before the merge
        val sent = sender.newTrace(height)
        for (row in 0 until height) {
            sent[v, row] = row % 5
            sent[a, row] = row % 3
            sent[b, row] = row % 2
        }
        sent[v, 12_000] = 99 // first seen in the last range only
        val received = other.newTrace(4).also { t -> (0 until 4).forEach { t[w, it] = 9 - 3 * it } } // 9, 6, 3, 0
        TableScan.of(sent, 0).messages.size() shouldBe 5 + 6 + 1
        val imbalances = Checker.check(sent, received).busImbalances()
        imbalances.map { it.bus() to it.values().toList() } shouldBe listOf(
            "ones" to listOf(0), "twos" to listOf(0, 0), "ones" to listOf(1), "twos" to listOf(1, 1),
            "ones" to listOf(2), "twos" to listOf(2, 0), "ones" to listOf(3), "twos" to listOf(0, 1),
            "ones" to listOf(4), "twos" to listOf(1, 0), "twos" to listOf(2, 1), "ones" to listOf(99),
            "ones" to listOf(9), "ones" to listOf(6))
        imbalances[0].net() shouldBe 3277L - 1 - 1 // rows 0, 5, …, 16380 but row 12000; a receive of 0 cancels one
        imbalances[0].senders() shouldBe listOf("'sender' (row 0)")
        imbalances[0].receivers() shouldBe listOf("'other' (row 3)")
        imbalances[6].receivers() shouldBe listOf("'other' (row 2)")
        imbalances[11].senders() shouldBe listOf("'sender' (row 12000)")
        imbalances[12].net() shouldBe -1L
    }
})
