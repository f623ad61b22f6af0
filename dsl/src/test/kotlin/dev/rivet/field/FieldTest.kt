package dev.rivet.field

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import java.math.BigInteger

private val P = BigInteger.valueOf(BabyBear.P_LONG)
private val element = Arb.int(0 until BabyBear.P)
private fun big(x: Int) = BigInteger.valueOf(x.toLong())
private fun ext(a: Int, b: Int, c: Int, d: Int) = Ext4.of(a, b, c, d)

class FieldTest : FunSpec({
    test("modulus is 2^31 - 2^27 + 1") {
        BabyBear.P.toLong() shouldBe (1L shl 31) - (1L shl 27) + 1
    }

    test("add, sub, mul agree with BigInteger") {
        checkAll(2000, element, element) { a, b ->
            BabyBear.add(a, b).toLong() shouldBe (big(a) + big(b)).mod(P).toLong()
            BabyBear.sub(a, b).toLong() shouldBe (big(a) - big(b)).mod(P).toLong()
            BabyBear.mul(a, b).toLong() shouldBe (big(a) * big(b)).mod(P).toLong()
        }
    }

    test("add, sub and neg are exact at the extremes (the branch-free forms wrap int arithmetic)") {
        val edges = listOf(0, 1, 2, BabyBear.P / 2, BabyBear.P / 2 + 1, BabyBear.P - 2, BabyBear.P - 1)
        for (a in edges) {
            BabyBear.neg(a).toLong() shouldBe (-big(a)).mod(P).toLong()
            for (b in edges) {
                BabyBear.add(a, b).toLong() shouldBe (big(a) + big(b)).mod(P).toLong()
                BabyBear.sub(a, b).toLong() shouldBe (big(a) - big(b)).mod(P).toLong()
            }
        }
    }

    test("reduce is exact across the whole range below 2^63, including the edges") {
        val edges = listOf(0L, 1L, BabyBear.P_LONG - 1, BabyBear.P_LONG, BabyBear.P_LONG * BabyBear.P_LONG - 1,
            2 * (BabyBear.P_LONG - 1) * (BabyBear.P_LONG - 1), Long.MAX_VALUE)
        for (x in edges) BabyBear.reduce(x).toLong() shouldBe BigInteger.valueOf(x).mod(P).toLong()
        checkAll(5000, Arb.long(0L..Long.MAX_VALUE)) { x ->
            BabyBear.reduce(x).toLong() shouldBe BigInteger.valueOf(x).mod(P).toLong()
        }
    }

    test("fromLong and fromInt map negatives to canonical residues") {
        BabyBear.fromInt(-1) shouldBe BabyBear.P - 1
        BabyBear.fromLong(-1L) shouldBe BabyBear.P - 1
        BabyBear.fromLong(Long.MIN_VALUE).toLong() shouldBe BigInteger.valueOf(Long.MIN_VALUE).mod(P).toLong()
    }

    test("inverse, and inverse of zero is an error") {
        checkAll(500, Arb.int(1 until BabyBear.P)) { a -> BabyBear.mul(a, BabyBear.inv(a)) shouldBe 1 }
        shouldThrow<ArithmeticException> { BabyBear.inv(0) }
    }

    test("batch inverse matches single inverses and names a zero's index") {
        val xs = IntArray(100) { it * 7919 + 3 }
        val inv = xs.copyOf().also { BabyBear.batchInverse(it) }
        for (i in xs.indices) inv[i] shouldBe BabyBear.inv(xs[i])
        val e = shouldThrow<ArithmeticException> { BabyBear.batchInverse(intArrayOf(1, 2, 0, 4)) }
        e.message shouldBe "batch inverse: element 2 is zero"
    }

    test("two-adic generators have exactly the claimed order") {
        for (k in 1..BabyBear.TWO_ADICITY) {
            val g = BabyBear.twoAdicGenerator(k)
            BabyBear.pow(g, 1L shl k) shouldBe 1
            BabyBear.pow(g, 1L shl (k - 1)) shouldBe BabyBear.P - 1
        }
        shouldThrow<IllegalArgumentException> { BabyBear.twoAdicGenerator(28) }
    }

    test("31 generates the multiplicative group") {
        // p - 1 = 2^27 * 3 * 5: a generator has no smaller order dividing (p-1)/q for q in {2, 3, 5}.
        for (q in listOf(2, 3, 5)) BabyBear.pow(BabyBear.GENERATOR, (BabyBear.P_LONG - 1) / q) shouldNotBe 1
    }

    test("Ext4 is a field: distributivity, inverses, x^4 = 11") {
        val x = ext(0, 1, 0, 0)
        x.pow(4) shouldBe Ext4.fromBase(11)
        checkAll(300, element, element, element, element) { a, b, c, d ->
            val u = ext(a, b, c, d)
            val v = ext(d, a, c, b)
            val w = ext(c, d, b, a)
            u * (v + w) shouldBe u * v + u * w
            u * v shouldBe v * u
            if (!u.isZero) u * u.inverse() shouldBe Ext4.ONE
            (u - v) + v shouldBe u
        }
    }

    test("Ext4 product matches schoolbook multiplication modulo x^4 - 11") {
        checkAll(300, element, element, element, element) { a, b, c, d ->
            val u = intArrayOf(a, b, c, d)
            val v = intArrayOf(d, c, b, a)
            val full = Array(7) { BigInteger.ZERO }
            for (i in 0..3) for (j in 0..3) full[i + j] = full[i + j] + big(u[i]) * big(v[j])
            for (k in 6 downTo 4) full[k - 4] = full[k - 4] + full[k] * BigInteger.valueOf(11)
            val got = Ext4.read(u, 0) * Ext4.read(v, 0)
            for (i in 0..3) got.coeff(i).toLong() shouldBe full[i].mod(P).toLong()
        }
    }

    test("the Frobenius has order 4 on a generic element, so x^4 - 11 is irreducible") {
        val a = ext(3, 5, 7, 11)
        val p = BabyBear.P_LONG
        a.pow(p) shouldNotBe a
        a.pow(p).pow(p) shouldNotBe a
        a.pow(p).pow(p).pow(p).pow(p) shouldBe a
    }
})

class SplitAccumulationTest : FunSpec({
    test("fromSplit equals the reduced sum of products, up to many terms of the largest elements") {
        val max = BabyBear.P - 1
        for (n in listOf(0, 1, 2, 3, 1000, 100_000)) {
            var lo = 0L
            var hi = 0L
            var expected = java.math.BigInteger.ZERO
            for (i in 0 until n) {
                val a = if (i % 3 == 0) max else (i * 7919L % BabyBear.P).toInt()
                val p = a.toLong() * max
                lo += p and 0xFFFFFFFFL
                hi += p ushr 32
                expected += java.math.BigInteger.valueOf(p)
            }
            BabyBear.fromSplit(lo, hi).toLong() shouldBe expected.mod(java.math.BigInteger.valueOf(BabyBear.P_LONG)).toLong()
        }
    }
})
