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
})
