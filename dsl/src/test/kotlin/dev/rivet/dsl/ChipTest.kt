package dev.rivet.dsl

import dev.rivet.check.Checker
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith


class ChipTest : FunSpec({
    test("a constraint over the degree limit fails to compile, naming its source line and the culprit") {
        val chip = Chip("too_high")
        val (a, b, c) = chip.columns("v", 3)
        val line = Throwable().stackTrace[0].lineNumber; chip.assertZero("quartic", a * b * c * a)
        val e = shouldThrow<CircuitException> { chip.table() }
        e.problems() shouldHaveSize 1
        e.problems()[0] shouldStartWith "ChipTest.kt:$line: constraint 'quartic' has degree 4 > 3"
        e.problems()[0] shouldContain "likely cause: the product of v[0] * v[1] * v[2] (degree 3) and v[0] (degree 1)"
    }

    test("a selector counts toward the degree, and the diagnosis says so") {
        val chip = Chip("selector")
        val a = chip.column("a")
        val line = Throwable().stackTrace[0].lineNumber; chip.transition { a * a * a eq 1 }
        val e = shouldThrow<CircuitException> { chip.table() }
        e.problems()[0] shouldStartWith "ChipTest.kt:$line: constraint has degree 4 > 3"
        e.problems()[0] shouldContain "its condition adds degree 1 to an expression of degree 3"
    }

    test("all problems are reported together") {
        val chip = Chip("many")
        val a = chip.column("a")
        chip.column("a")
        chip.assertZero(a * a * a * a)
        chip.assertZero(a * a * a * a * a)
        shouldThrow<CircuitException> { chip.table() }.problems() shouldHaveSize 3
    }

    test("a bus field above maximum degree minus one is refused; the multiplicity may use the maximum") {
        data class One(val v: Expr) : BusMessage { override fun fields() = listOf(v) }
        val bus = Bus.of<One>("b", "v")
        val ok = Chip("ok")
        val x = ok.column("x")
        ok.assertBool(x)
        ok.send(bus, One(x * x), x * x * x)
        ok.table().interactions() shouldHaveSize 1
        val bad = Chip("bad")
        val y = bad.column("y")
        bad.send(bus, One(y * y * y))
        shouldThrow<CircuitException> { bad.table() }.message shouldContain "field 'v' of a message on bus 'b' has degree 3 > 2"
    }

    test("folding: x·1, x+0, x·0 and constants disappear, shared subexpressions are one slot") {
        val chip = Chip("fold")
        val a = chip.column("a")
        val b = chip.column("b")
        val s = a * b
        chip.assertZero(s * 1 + 0 - s)
        chip.assertZero(a * 0 + (s + s))
        chip.assertZero(Expr.constant(2) * 3 - 6 + a)
        val t = chip.table()
        // slots: a, b, a*b, (a*b)-(a*b), (a*b)+(a*b)
        t.program().size() shouldBe 5
        t.constraints()[2].degree() shouldBe 1
    }

    test("expressions mixing two chips are refused where they are written") {
        val one = Chip("one")
        val two = Chip("two")
        val a = one.column("a")
        val b = two.column("b")
        shouldThrow<IllegalArgumentException> { a + b }.message shouldContain "mixes columns of chip 'one' and chip 'two'"
        two.assertZero(a)
        shouldThrow<CircuitException> { two.table() }.message shouldContain "reads columns of chip 'one'"
    }

    test("a compiled chip is frozen") {
        val chip = Chip("frozen")
        chip.column("a")
        chip.table()
        shouldThrow<IllegalStateException> { chip.column("b") }
    }

    test("a message of the wrong arity is refused with its source line") {
        data class Two(val a: Expr, val b: Expr) : BusMessage { override fun fields() = listOf(a, b) }
        val bus = Bus.of<Two>("pair", "left")
        val chip = Chip("arity")
        val a = chip.column("a")
        val line = Throwable().stackTrace[0].lineNumber; chip.send(bus, Two(a, a))
        shouldThrow<CircuitException> { chip.table() }.problems()[0] shouldStartWith
            "ChipTest.kt:$line: message on bus 'pair' has 2 fields, the bus has 1 [left]"
    }

    test("preprocessed columns must share one power-of-two height") {
        val chip = Chip("prep")
        chip.column("m")
        chip.preprocessed("p", IntArray(3))
        shouldThrow<CircuitException> { chip.table() }.message shouldContain "the height must be a power of two"
    }

    test("traces refuse bad heights and columns of other chips") {
        val one = Chip("one")
        val a = one.column("a")
        val two = Chip("two")
        two.column("b")
        shouldThrow<IllegalArgumentException> { one.newTrace(3) }.message shouldContain "not a power of two"
        val t = two.newTrace(4)
        shouldThrow<IllegalArgumentException> { t[a, 0] = 1 }.message shouldContain "belongs to chip 'one'"
    }

    test("negative constants and values are field elements") {
        val chip = Chip("neg")
        val a = chip.column("a")
        chip.assertEq(a, -1)
        val t = chip.newTrace(2)
        t[a, 0] = -1
        t[a, 1] = -1L
        Checker.check(t).ok() shouldBe true
    }

    test("next-row reads wrap from the last row to the first outside transitions") {
        val chip = Chip("wrap")
        val a = chip.column("a")
        chip.assertEq(a.next(), a + 1)
        val t = chip.newTrace(4)
        for (r in 0 until 4) t[a, r] = r
        val failures = Checker.check(t).constraintFailures()
        failures.map { it.row() } shouldBe listOf(3) // a[0] = 0 ≠ a[3] + 1
    }

    test("lookups with duplicate rows are refused as ambiguous") {
        data class One(val v: Expr) : BusMessage { override fun fields() = listOf(v) }
        val bus = Bus.of<One>("dup", "v")
        val table = Chip("table")
        val v = table.preprocessed("v", intArrayOf(0, 0))
        table.receive(bus, One(v), table.multiplicity("m"))
        val t = table.newTrace(2) // both rows hold 0
        shouldThrow<IllegalArgumentException> { Lookups.deriveMultiplicities(t) }.message shouldContain
            "message [0] is held by row 0 of 'table' and row 1 of 'table'"
    }
})
