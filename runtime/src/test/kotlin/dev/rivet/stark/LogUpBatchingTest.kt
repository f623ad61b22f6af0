package dev.rivet.stark

import dev.rivet.air.AirTable
import dev.rivet.check.Checker
import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.circuits.demo.ByteAddKotlin
import dev.rivet.circuits.demo.Synthetic
import dev.rivet.circuits.keccak.KeccakCaller
import dev.rivet.circuits.keccak.KeccakChip
import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Expr
import dev.rivet.dsl.Trace
import dev.rivet.dsl.constraints
import dev.rivet.field.BabyBear
import dev.rivet.field.Ext4
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain

private data class Word(val value: Expr) : BusMessage {
    override fun fields() = listOf(value)

    companion object {
        val BUS: Bus<Word> = Bus.of("batching_word", "value")
    }
}

/**
 * Degree 3 (e = a·b·c), sending a and b and receiving c and d: with linear fields and constant multiplicities two
 * interactions share a column, so the sends are one group and the receives (the running sum's group) another.
 */
private class Pairs : Chip("pairs") {
    val a = column("a")
    val b = column("b")
    val c = column("c")
    val d = column("d")
    val e = column("e")

    init {
        constraints {
            e eq a * b * c
            send(Word.BUS, Word(a))
            send(Word.BUS, Word(b))
            receive(Word.BUS, Word(c))
            receive(Word.BUS, Word(d))
        }
    }

    fun fill(height: Int): Trace {
        val t = newTrace(height)
        for (row in 0 until height) {
            val u = 3 * row + 1
            val v = 5 * row + 2
            t[a, row] = u
            t[b, row] = v
            t[c, row] = v
            t[d, row] = u
            t[e, row] = BabyBear.mul(BabyBear.mul(u, v), v)
        }
        return t
    }
}

/**
 * Sends x when s = 1 and receives it back, with s boolean: rows where s = 0 carry multiplicity 0, which the prover
 * leaves out of its batch inversion.
 */
private class Gated : Chip("gated") {
    val s = column("s")
    val x = column("x")

    init {
        constraints {
            s * (s - 1) eq 0
            send(Word.BUS, Word(x), s)
            receive(Word.BUS, Word(x), s)
        }
    }

    fun fill(height: Int): Trace {
        val t = newTrace(height)
        for (row in 0 until height) {
            t[s, row] = if (row % 3 == 1) 1 else 0
            t[x, row] = 7 * row + 3
        }
        return t
    }
}

private val ALPHA = Ext4.of(7, 1, 2, 3)
private val BETA = Ext4.of(11, 4, 5, 6)

/** The honest auxiliary trace of a trace at the fixed challenges. */
private fun auxOf(trace: Trace): LogUp.AuxTrace =
    LogUp(trace.table()).generate(trace.mainColumns(), arrayOf(), trace.publicValues(), trace.height(), ALPHA, BETA)

private fun groups(table: AirTable): List<List<Int>> {
    val logUp = LogUp(table)
    return (0 until logUp.groupCount()).map { logUp.group(it).toList() }
}

/** LogUp's constraints on every trace row (selectors and next rows as on the trace domain), packed per row. */
private fun constraintsOnRows(trace: Trace, aux: Array<IntArray>, sum: Ext4, alpha: Ext4, beta: Ext4,
    baseSlots: Boolean = false): List<Ext4> {
    val table = trace.table()
    val logUp = LogUp(table)
    val n = trace.height()
    val program = table.program()
    val base = IntArray(program.size())
    val slots = IntArray(4 * program.size())
    val out = IntArray(4 * logUp.constraintCount())
    val result = mutableListOf<Ext4>()
    for (row in 0 until n) {
        program.evaluateRow(base, trace.mainColumns(), arrayOf(), trace.publicValues(), row, n)
        for (s in base.indices) slots[4 * s] = base[s]
        val local = IntArray(aux.size) { aux[it][row] }
        val next = IntArray(aux.size) { aux[it][(row + 1) % n] }
        val share = LogUp.sumPerRow(sum, Integer.numberOfTrailingZeros(n))
        if (baseSlots) {
            logUp.evaluateBase(slots, local, next, ExtOps.pack(alpha), logUp.betaPowers(beta), share, out,
                IntArray(LogUp.SCRATCH))
        } else {
            logUp.evaluate(slots, local, next, ExtOps.pack(alpha), logUp.betaPowers(beta), share, out,
                IntArray(LogUp.SCRATCH))
        }
        for (k in 0 until logUp.constraintCount()) result += Ext4.read(out, 4 * k)
    }
    return result
}

class LogUpBatchingTest : FunSpec({
    test("groups follow the actual degrees: two linear interactions per column at degree 3, none at degree 2") {
        groups(Pairs().table()) shouldBe listOf(listOf(0, 1), listOf(2, 3))
        groups(Synthetic(8).table()) shouldBe listOf(listOf(0, 1))
        // degree 2: grouping would need a second quotient chunk, so every send keeps its own column
        groups(ByteAdd().table()) shouldBe listOf(listOf(0), listOf(1), listOf(2))
        groups(ByteAddKotlin().table()).size shouldBe 3
        groups(ByteRangeTable().table()) shouldBe listOf(listOf(0))
        groups(KeccakChip().table()) shouldBe listOf(listOf(0))
        groups(KeccakCaller().table()) shouldBe listOf(listOf(0))
        groups(Fibonacci().table()) shouldBe emptyList()
        LogUp(Pairs().table()).extColumns() shouldBe 2
        LogUp(Pairs().table()).degree() shouldBe 3
    }

    test("a degree-2 field fills a degree-3 group alone, and five linear sends take three columns") {
        val chip = object : Chip("mixed") {
            val x = column("x")
            val y = column("y")
            val z = column("z")

            init {
                constraints {
                    z eq x * x * y
                    send(Word.BUS, Word(x))
                    send(Word.BUS, Word(x * y))
                    send(Word.BUS, Word(y))
                    send(Word.BUS, Word(z))
                    send(Word.BUS, Word(x))
                    send(Word.BUS, Word(y))
                }
            }
        }
        // {x} then x·y would be 1 + 1 + 2 = 4; {x·y} alone is 3; {y, z}; {x, y}
        groups(chip.table()) shouldBe listOf(listOf(0), listOf(1), listOf(2, 3), listOf(4, 5))
    }

    test("the honest auxiliary trace satisfies every group constraint on every row; a changed cell or sum does not") {
        for (trace in listOf(Pairs().fill(8), Gated().fill(16))) {
            val aux = auxOf(trace)
            aux.sum() shouldBe Ext4.ZERO
            constraintsOnRows(trace, aux.columns(), aux.sum(), ALPHA, BETA).filter { !it.isZero }.shouldBeEmpty()
            // a claimed sum other than the rows' total breaks the cycle of the running sum
            constraintsOnRows(trace, aux.columns(), Ext4.ONE, ALPHA, BETA).filter { !it.isZero }.shouldNotBeEmpty()
            // a changed cell of the first group's column breaks its own constraint
            val tampered = aux.columns().map { it.clone() }.toTypedArray()
            tampered[0][3] = BabyBear.add(tampered[0][3], 1)
            constraintsOnRows(trace, tampered, aux.sum(), ALPHA, BETA).filter { !it.isZero }.shouldNotBeEmpty()
        }
    }

    test("the prover's base-field evaluation equals the verifier's extension one, on honest and tampered rows") {
        for (trace in listOf(Pairs().fill(8), Gated().fill(8))) {
            val aux = auxOf(trace)
            val tampered = aux.columns().map { it.clone() }.toTypedArray()
            tampered[0][2] = BabyBear.add(tampered[0][2], 5)
            for ((columns, sum) in listOf(aux.columns() to aux.sum(), tampered to aux.sum(), aux.columns() to Ext4.ONE)) {
                val ext = constraintsOnRows(trace, columns, sum, ALPHA, BETA)
                constraintsOnRows(trace, columns, sum, ALPHA, BETA, baseSlots = true) shouldBe ext
            }
        }
    }

    test("rows of multiplicity 0 hold 0 in the auxiliary trace, and a value put there breaks the constraint") {
        val chip = Gated()
        val trace = chip.fill(16)
        val aux = auxOf(trace)
        // degree 2: the send has its own column (the receive's group is folded into φ)
        LogUp(chip.table()).groupCount() shouldBe 2
        for (row in 0 until 16) {
            val h = (0 until 4).map { aux.columns()[it][row] }
            if (row % 3 == 1) h shouldNotBe listOf(0, 0, 0, 0) else h shouldBe listOf(0, 0, 0, 0)
        }
        val tampered = aux.columns().map { it.clone() }.toTypedArray()
        tampered[0][4] = 1 // s = 0 on row 4
        val perRow = constraintsOnRows(trace, tampered, aux.sum(), ALPHA, BETA).chunked(2)
        perRow[4][0].isZero shouldBe false
        val pk = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(chip.table()))
        Verifier.verify(pk.verifyingKey(), publics(listOf(trace)), Prover.prove(pk, listOf(trace)), ANY)
    }

    test("an imbalance in either group is flagged by the checker and its proof, made without it, is rejected") {
        val chip = Pairs()
        val pk = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(chip.table()))
        val honest = chip.fill(16)
        Checker.check(honest).ok() shouldBe true
        Verifier.verify(pk.verifyingKey(), publics(listOf(honest)), Prover.prove(pk, listOf(honest)), ANY)
        for (column in listOf(chip.a, chip.d)) { // a: the first group's column; d: the group folded into φ
            val bad = chip.fill(16)
            bad[column, 5] = bad[column, 5] + 1
            Checker.check(bad).busImbalances().shouldNotBeEmpty()
            shouldThrow<VerificationException> {
                Verifier.verify(pk.verifyingKey(), publics(listOf(bad)), Prover.prove(pk, listOf(bad)), ANY)
            }.message shouldContain "do not balance"
        }
    }
})
