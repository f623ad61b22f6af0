package dev.rivet.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.atomic.AtomicIntegerArray

class ParallelTest : FunSpec({
    test("every item is visited exactly once, whatever the count") {
        for (n in listOf(0, 1, 2, 3, 7, 1000)) {
            val seen = AtomicIntegerArray(n)
            Parallel.forEachRange(n) { from, to -> for (i in from until to) seen.incrementAndGet(i) }
            (0 until n).all { seen[it] == 1 } shouldBe true
        }
    }

    test("a failure in any range is rethrown after all ranges stop") {
        shouldThrow<IllegalStateException> {
            Parallel.forEachRange(100) { from, to -> if (99 in from until to) throw IllegalStateException("item 99") }
        }.message shouldBe "item 99"
    }
})
