package dev.rivet.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class TraceColumnsTest : FunSpec({
    test("column() and columns() hand out the live cells, checked once per column") {
        val chip = Chip("cells")
        val (a, b) = chip.columns("v", 2)
        val t = chip.newTrace(4)
        t.column(b)[3] = 7
        t[b, 3] shouldBe 7
        val group = t.columns(listOf(b, a))
        group[1][2] = 5
        t[a, 2] shouldBe 5
        group[0][3] shouldBe 7
        val other = Chip("other")
        val c = other.column("c")
        shouldThrow<IllegalArgumentException> { t.column(c) }.message shouldContain "belongs to chip 'other'"
    }
})
