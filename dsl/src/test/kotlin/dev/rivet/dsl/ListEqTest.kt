package dev.rivet.dsl

import dev.rivet.check.Checker
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class ListEqTest : FunSpec({
    test("lists of expressions are equated element by element, under the block's name and condition") {
        val chip = Chip("lists")
        val a = chip.columns("a", 2)
        val b = chip.columns("b", 2)
        chip.transition { named("copy") { a.next() eq b } }
        val table = chip.table()
        table.constraints().map { it.name() to it.degree() } shouldBe listOf("copy" to 2, "copy" to 2)
        val t = chip.newTrace(2)
        t[b[1], 0] = 9
        Checker.check(t).constraintFailures().map { it.constraint().name() to it.row() } shouldBe listOf("copy" to 0)
    }

    test("lists of different sizes are refused") {
        val chip = Chip("sizes")
        val a = chip.columns("a", 2)
        val b = chip.columns("b", 3)
        shouldThrow<IllegalArgumentException> { chip.constraints { a eq b } }.message shouldContain
            "2 expressions on the left, 3 on the right"
    }
})
