package dev.rivet.field

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.random.Random

private fun randomColumn(rng: Random, n: Int) = IntArray(n) { rng.nextInt(BabyBear.P) }

/** f(x) for coefficients in natural order, by Horner. */
private fun horner(coeffs: IntArray, x: Int): Int {
    var acc = 0
    for (j in coeffs.indices.reversed()) acc = BabyBear.add(BabyBear.mul(acc, x), coeffs[j])
    return acc
}

private fun hornerExt(coeffs: IntArray, z: Ext4): Ext4 {
    var acc = Ext4.ZERO
    for (j in coeffs.indices.reversed()) acc = acc.times(z).plus(coeffs[j])
    return acc
}

/** The O(n²) DFT: evaluations of the coefficients at shift·ω^i. */
private fun naiveEvaluate(coeffs: IntArray, logN: Int, shift: Int): IntArray {
    val omega = BabyBear.twoAdicGenerator(logN)
    return IntArray(1 shl logN) { i -> horner(coeffs, BabyBear.mul(shift, BabyBear.pow(omega, i.toLong()))) }
}

class NttTest : FunSpec({
    val rng = Random(42)

    // sizes from 2^8 up take the four-step path (row arrays of 2^4 and more), smaller ones the scalar path:
    // every test below covers both, and the boundary
    test("forward agrees with the naive DFT for every size up to 2^11") {
        for (logN in 0..11) {
            val coeffs = randomColumn(rng, 1 shl logN)
            val evals = coeffs.copyOf().also { Ntt.forward(it) }
            evals.toList() shouldBe naiveEvaluate(coeffs, logN, 1).toList()
        }
    }

    test("forward crosses the iterative block size correctly (2^13 against sampled naive points)") {
        val logN = 13
        val coeffs = randomColumn(rng, 1 shl logN)
        val evals = coeffs.copyOf().also { Ntt.forward(it) }
        val omega = BabyBear.twoAdicGenerator(logN)
        for (i in listOf(0, 1, 2, 4095, 4096, 4097, 8191)) evals[i] shouldBe horner(coeffs, BabyBear.pow(omega, i.toLong()))
    }

    test("inverse agrees with the naive inverse DFT on both sides of the four-step threshold") {
        for (logN in listOf(3, 7, 8, 9, 11)) {
            val n = 1 shl logN
            val evals = randomColumn(rng, n)
            val coeffs = evals.copyOf().also { Ntt.inverse(it) }
            // the inverse DFT is the forward DFT at ω^−1, divided by n
            val omegaInv = BabyBear.inv(BabyBear.twoAdicGenerator(logN))
            val nInv = BabyBear.inv(n)
            for (j in 0 until n) {
                coeffs[j] shouldBe BabyBear.mul(nInv, horner(evals, BabyBear.pow(omegaInv, j.toLong())))
            }
        }
    }

    test("inverse undoes forward, and forward undoes inverse, for every size up to 2^16") {
        for (logN in 0..16) {
            val a = randomColumn(rng, 1 shl logN)
            val b = a.copyOf().also { Ntt.forward(it); Ntt.inverse(it) }
            b.toList() shouldBe a.toList()
            val c = a.copyOf().also { Ntt.inverse(it); Ntt.forward(it) }
            c.toList() shouldBe a.toList()
        }
    }

    test("coset transforms evaluate on shift·H and invert, on both sides of the four-step threshold") {
        for (logN in listOf(1, 5, 7, 8, 9, 11)) {
            for (shift in listOf(BabyBear.GENERATOR, 7, BabyBear.P - 3)) {
                val coeffs = randomColumn(rng, 1 shl logN)
                val evals = coeffs.copyOf().also { Ntt.cosetForward(it, shift) }
                evals.toList() shouldBe naiveEvaluate(coeffs, logN, shift).toList()
                Ntt.cosetInverse(evals, shift)
                evals.toList() shouldBe coeffs.toList()
            }
        }
    }

    test("coset transforms of larger sizes agree with sampled direct evaluation and invert") {
        for (logN in listOf(12, 15, 17)) {
            val coeffs = randomColumn(rng, 1 shl logN)
            val shift = BabyBear.GENERATOR
            val evals = coeffs.copyOf().also { Ntt.cosetForward(it, shift) }
            val omega = BabyBear.twoAdicGenerator(logN)
            for (i in List(12) { rng.nextInt(1 shl logN) } + listOf(0, 1, (1 shl logN) - 1)) {
                evals[i] shouldBe horner(coeffs, BabyBear.mul(shift, BabyBear.pow(omega, i.toLong())))
            }
            Ntt.cosetInverse(evals, shift)
            evals.toList() shouldBe coeffs.toList()
        }
    }

    test("LDE agrees with direct evaluation of the interpolant on the coset, for several blowups and sizes") {
        for (logN in (0..14).toList() + 16) for (logBlowup in 0..3) {
            val n = 1 shl logN
            val column = randomColumn(rng, n)
            val coeffs = column.copyOf().also { Ntt.inverse(it) }
            val shift = BabyBear.GENERATOR
            val lde = Ntt.lde(column, logBlowup, shift)
            lde.size shouldBe (n shl logBlowup)
            val logBig = logN + logBlowup
            val omega = BabyBear.twoAdicGenerator(logBig)
            val samples = if (logBig <= 7) (0 until lde.size).toList() else List(24) { rng.nextInt(lde.size) } + listOf(0, 1, lde.size - 1)
            for (i in samples) lde[i] shouldBe horner(coeffs, BabyBear.mul(shift, BabyBear.pow(omega, i.toLong())))
        }
    }

    test("LDE equals the coset transform of the zero-padded coefficients, in full") {
        for (logN in listOf(7, 8, 9, 10, 13)) for (logBlowup in 0..3) {
            val column = randomColumn(rng, 1 shl logN)
            val shift = BabyBear.P - BabyBear.GENERATOR
            val expected = column.copyOf().also { Ntt.inverse(it) }.copyOf(column.size shl logBlowup)
            Ntt.cosetForward(expected, shift)
            Ntt.lde(column, logBlowup, shift).toList() shouldBe expected.toList()
        }
    }

    test("batch LDE equals column-by-column LDE and leaves the input alone") {
        for (logN in listOf(7, 8, 11)) {
            val columns = Array(7) { randomColumn(rng, 1 shl logN) }
            val copies = columns.map { it.copyOf() }
            val batch = Ntt.lde(columns, 1, BabyBear.GENERATOR)
            for (c in columns.indices) {
                batch[c].toList() shouldBe Ntt.lde(columns[c], 1, BabyBear.GENERATOR).toList()
                columns[c].toList() shouldBe copies[c].toList()
            }
        }
    }

    test("bad shapes are refused with a message") {
        shouldThrow<IllegalArgumentException> { Ntt.forward(IntArray(3)) }.message shouldBe
            "NTT length must be a power of two, got 3"
        shouldThrow<IllegalArgumentException> { Ntt.lde(arrayOf(IntArray(4), IntArray(8)), 1, 31) }
        shouldThrow<IllegalArgumentException> { Ntt.lde(IntArray(1 shl 4), 24, 31) }
    }

    test("barycentric evaluation of base and extension columns matches the interpolant at an extension point") {
        for (logN in listOf(0, 1, 5, 9)) {
            val column = randomColumn(rng, 1 shl logN)
            val shift = BabyBear.GENERATOR
            val coeffs = column.copyOf().also { Ntt.cosetInverse(it, shift) }
            val z = Ext4.of(rng.nextInt(BabyBear.P), rng.nextInt(BabyBear.P), rng.nextInt(BabyBear.P), rng.nextInt(BabyBear.P))
            val weights = Barycentric.weights(logN, shift, z)
            Barycentric.evaluate(column, weights) shouldBe hornerExt(coeffs, z)
            // an Ext4 column whose coordinates are independent base columns
            val others = List(3) { randomColumn(rng, 1 shl logN) }
            val packed = IntArray(4 shl logN) { i -> if (i % 4 == 0) column[i / 4] else others[i % 4 - 1][i / 4] }
            val expected = Barycentric.evaluate(column, weights)
                .plus(Barycentric.evaluate(others[0], weights).times(Ext4.of(0, 1, 0, 0)))
                .plus(Barycentric.evaluate(others[1], weights).times(Ext4.of(0, 0, 1, 0)))
                .plus(Barycentric.evaluate(others[2], weights).times(Ext4.of(0, 0, 0, 1)))
            Barycentric.evaluateExt(packed, weights) shouldBe expected
        }
    }

    test("barycentric weights refuse a point inside the coset") {
        val x = Ext4.fromBase(BabyBear.mul(BabyBear.GENERATOR, BabyBear.twoAdicGenerator(3)))
        shouldThrow<ArithmeticException> { Barycentric.weights(3, BabyBear.GENERATOR, x) }
    }
})
