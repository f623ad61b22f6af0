package dev.rivet.field

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlin.random.Random

/** Fills this thread's pool with arrays of junk of every power-of-two length up to 2^maxLog. */
private fun poison(maxLog: Int, perLength: Int) {
    for (log in 0..maxLog) {
        repeat(perLength) { ScratchInts.give(IntArray(1 shl log) { BabyBear.P - 1 - (it and 7) }) }
    }
}

class ScratchIntsTest : FunSpec({
    test("take returns the exact length, and a given array comes back to the same thread") {
        val a = ScratchInts.take(1000)
        a.size shouldBe 1000
        ScratchInts.give(a)
        ScratchInts.take(1000) shouldBeSameInstanceAs a
        ScratchInts.take(3, 7).map { it.size } shouldBe listOf(7, 7, 7)
    }

    test("transforms over reused junk-filled scratch give the same results as over fresh arrays") {
        val rng = Random(7)
        // sizes on both sides of the four-step threshold (2^8); the LDE's scratch is up to 2^(logN+1) per row
        for (logN in listOf(8, 9, 12, 15)) {
            val column = IntArray(1 shl logN) { rng.nextInt(BabyBear.P) }
            val shift = BabyBear.GENERATOR
            // the results of a first call, then the same calls with every scratch array coming from the junk pool
            val lde = Ntt.lde(column, 1, shift)
            val forward = column.copyOf().also { Ntt.cosetForward(it, shift) }
            poison(logN + 1, 64)
            Ntt.lde(column, 1, shift).toList() shouldBe lde.toList()
            column.copyOf().also { Ntt.cosetForward(it, shift) }.toList() shouldBe forward.toList()
            poison(logN + 1, 64)
            forward.copyOf().also { Ntt.cosetInverse(it, shift) }.toList() shouldBe column.toList()
            // and against the definition: the LDE is the coset transform of the zero-padded coefficients
            val coeffs = column.copyOf().also { Ntt.inverse(it) }.copyOf(2 shl logN)
            poison(logN + 1, 64)
            Ntt.cosetForward(coeffs, shift)
            coeffs.toList() shouldBe lde.toList()
        }
    }
})
