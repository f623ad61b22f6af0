package dev.rivet.dsl

import dev.rivet.check.Checker
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class BitsTest : FunSpec({
    test("xor, and, andNot and xor3 agree with the Boolean functions on every input, at their degrees") {
        val chip = Chip("gates")
        val (a, b, c) = chip.columns("in", 3)
        val (x2, x3, and, andNot) = chip.columns("out", 4)
        chip.constraints {
            named("xor") { x2 eq (a xor b) }
            named("xor3") { x3 eq Bits.xor(a, b, c) }
            named("and") { and eq (a and b) }
            named("andNot") { andNot eq (!a and b) }
        }
        Bits.andNot(a, b).node() shouldBe (!a and b).node() // the Java helper and the Kotlin operators agree
        chip.table().constraints().map { it.name() to it.degree() } shouldBe
            listOf("xor" to 2, "xor3" to 3, "and" to 2, "andNot" to 2)
        val t = chip.newTrace(8)
        for (row in 0 until 8) {
            val (u, v, w) = Triple(row and 1, row shr 1 and 1, row shr 2 and 1)
            t[a, row] = u
            t[b, row] = v
            t[c, row] = w
            t[x2, row] = u xor v
            t[x3, row] = u xor v xor w
            t[and, row] = u and v
            t[andNot, row] = (1 - u) and v
        }
        Checker.check(t).ok() shouldBe true
        t[x3, 7] = 0
        Checker.check(t).constraintFailures().map { it.constraint().name() to it.row() } shouldBe listOf("xor3" to 7)
    }

    test("pack is little-endian and exact up to 30 bits; 31 bits are refused with the caller's line") {
        val chip = Chip("pack")
        val bits = chip.columns("bit", 30)
        val word = chip.column("word")
        chip.constraints { word eq bits.pack() }
        chip.table().constraints().single().degree() shouldBe 1
        val t = chip.newTrace(2)
        val value = 0x2345_6789
        for (i in 0 until 30) t[bits[i], 0] = value ushr i and 1
        t[word, 0] = value
        Checker.check(t).constraintFailures().map { it.row() } shouldBe emptyList()
        val e = shouldThrow<IllegalArgumentException> { Bits.pack(bits + bits[0]) }
        e.message shouldContain "BitsTest.kt:"
        e.message shouldContain "cannot pack 31 bits"
    }

    test("limbs split least significant first; packLimbs packs each") {
        Bits.limbs((0 until 10).toList(), 4) shouldBe listOf(listOf(0, 1, 2, 3), listOf(4, 5, 6, 7), listOf(8, 9))
        val chip = Chip("limbs")
        val bits = chip.columns("bit", 32)
        val limbs = chip.columns("limb", 2)
        chip.constraints { limbs eq bits.packLimbs(16) }
        val t = chip.newTrace(2)
        for (i in 0 until 32) t[bits[i], 1] = 0xBEEF_CAFE.toInt() ushr i and 1
        t[limbs[0], 1] = 0xCAFE
        t[limbs[1], 1] = 0xBEEF
        Checker.check(t).ok() shouldBe true
    }

    test("rotations are index permutations matching Long.rotateLeft") {
        val word = -0x1234_5678_9abc_def1L
        val bits = List(64) { (word ushr it and 1L).toInt() }
        for (n in listOf(0, 1, 36, 63, 64, -3)) {
            val rotated = java.lang.Long.rotateLeft(word, n)
            bits.rotateLeft(n) shouldBe List(64) { (rotated ushr it and 1L).toInt() }
            Bits.rotateRight(bits, n) shouldBe List(64) { (java.lang.Long.rotateRight(word, n) ushr it and 1L).toInt() }
        }
    }

    test("a group of columns reads on the next row as a group") {
        val chip = Chip("groups")
        val a = chip.columns("a", 3)
        chip.transition { a.next() eq a }
        chip.table().constraints().size shouldBe 3
        val t = chip.newTrace(4)
        for (row in 0 until 4) t[a[1], row] = 5
        Checker.check(t).ok() shouldBe true
    }
})
