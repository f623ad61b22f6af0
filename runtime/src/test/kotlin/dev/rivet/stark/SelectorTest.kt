package dev.rivet.stark

import dev.rivet.check.Checker
import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Expr
import dev.rivet.dsl.Trace
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

private data class Tick(val value: Expr) : BusMessage {
    override fun fields(): List<Expr> = listOf(value)
}

private val TICK: Bus<Tick> = Bus.of("tick", "value")

/**
 * A chip that uses the row selectors as values, not only as guards: its `flag` column must equal is_transition,
 * and it scales bus multiplicities by is_first_row and is_last_row (it hands a constant from its last row back to
 * its first). The checker reads selectors as 0/1; the proof must mean the same.
 */
private class Ring : Chip("ring") {
    val c = column("c")
    val flag = column("flag")

    init {
        assertEq("flag is is_transition", flag, isTransition())
        whenLastRow().send(TICK, Tick(c))
        whenFirstRow().receive(TICK, Tick(c))
    }

    fun fill(height: Int): Trace {
        val t = newTrace(height)
        for (row in 0 until height) {
            t[c, row] = 42
            t[flag, row] = if (row == height - 1) 0 else 1
        }
        return t
    }
}

/** The prover and verifier evaluate is_first_row, is_last_row and is_transition exactly as the checker does. */
class SelectorTest : FunSpec({
    val ring = Ring()
    val key = ProvingKey.setup(StarkConfig(SecurityParameters(1, 4, 0, 0, 0), Sha256Hash.INSTANCE), listOf(ring.table()))
    fun prove(t: Trace) = Verifier.verify(key.verifyingKey(), publics(listOf(t)), Prover.prove(key, listOf(t)), 0.0)

    test("selectors used as values and as multiplicities: an honest trace is checked and proven") {
        for (height in listOf(4, 16, 64)) {
            val t = ring.fill(height)
            Checker.check(t).ok() shouldBe true
            prove(t)
        }
    }

    test("a flag that is not is_transition, on the last row or another, is flagged and its proof rejected") {
        for (row in listOf(15, 3, 0)) {
            val t = ring.fill(16)
            t[ring.flag, row] = 1 - t[ring.flag, row]
            Checker.check(t).constraintFailures().map { it.constraint().name() } shouldBe listOf("flag is is_transition")
            shouldThrow<VerificationException> { prove(t) }
        }
    }

    test("a last-row message that differs from the first row's is unbalanced and its proof rejected") {
        val t = ring.fill(16)
        t[ring.c, 15] = 43 // no constraint reads c: only the bus can catch this
        val report = Checker.check(t)
        report.constraintFailures() shouldBe emptyList()
        report.ok() shouldBe false
        shouldThrow<VerificationException> { prove(t) }
    }
})
