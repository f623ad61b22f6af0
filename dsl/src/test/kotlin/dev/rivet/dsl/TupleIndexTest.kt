package dev.rivet.dsl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class TupleIndexTest : FunSpec({
    test("ids are dense in order of first insertion, survive growth, and unknown tuples are not found") {
        val n = 10_000
        // fields differing only in their low bits, and the largest canonical value, where a weak hash would cluster
        val columns = arrayOf(IntArray(n) { it % 100 }, IntArray(n) { it / 100 }, IntArray(n) { 0x78000000 })
        val index = TupleIndex(3)
        for (row in 0 until n) index.add(columns, row) shouldBe row
        for (row in 0 until n) index.add(columns, row) shouldBe row
        index.size() shouldBe n
        for (row in 0 until n) index.find(columns, row) shouldBe row
        index.tuple(n - 1).toList() shouldBe listOf(99, 99, 0x78000000)
        index.get(250, 1) shouldBe 2
        val other = arrayOf(intArrayOf(5), intArrayOf(100), intArrayOf(0x78000000))
        index.find(other, 0) shouldBe -1
    }
})
