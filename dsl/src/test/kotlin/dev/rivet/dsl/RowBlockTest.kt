package dev.rivet.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class RowBlockTest : FunSpec({
    test("a block's rows land in the trace's columns at the flushed rows; a short flush copies only its rows") {
        val chip = Chip("block")
        val cols = chip.columns("c", 3)
        val t = chip.newTrace(8)
        val block = RowBlock(t, 3)
        val offsets = block.offsets(cols)
        for (r in 0 until 3) for (c in 0 until 3) block.cells()[offsets[c] + r] = 10 * c + r + 1
        block.flush(4, 3)
        block.flush(7, 1)
        (0 until 8).map { t[cols[2], it] } shouldBe listOf(0, 0, 0, 0, 21, 22, 23, 21)
        (0 until 8).map { t[cols[0], it] } shouldBe listOf(0, 0, 0, 0, 1, 2, 3, 1)
        shouldThrow<IllegalArgumentException> { block.flush(6, 3) }.message shouldContain "cannot flush 3 rows"
        val other = Chip("other").column("x")
        shouldThrow<IllegalArgumentException> { block.offset(other) }.message shouldContain "belongs to chip 'other'"
    }
})
