package dev.rivet.stark

import dev.rivet.field.BabyBear
import dev.rivet.field.Ext4
import dev.rivet.stark.hash.HashFunction
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe

/** One scripted conversation; `variant` perturbs observation number `variant` (−1: none). */
private fun script(hash: HashFunction, variant: Int): List<Any> {
    val t = Transcript(hash, "test")
    val samples = mutableListOf<Any>()
    fun v(i: Int, x: Int) = if (variant == i) BabyBear.add(x, 1) else x
    t.observe(v(0, 5))
    t.observeDigest(IntArray(8) { v(1 + it, it * 1000) }, 0)
    samples += t.sampleElement()
    t.observe(Ext4.of(v(9, 1), v(10, 2), v(11, 3), v(12, 4)))
    samples += t.sampleExt4()
    t.observeLabel(if (variant == 13) "phasf" else "phase")
    t.observeLong(if (variant == 14) 1L shl 40 else 0L)
    t.observe(intArrayOf(v(15, 7), v(16, 8)), 0, 2)
    samples += t.sampleElement()
    samples.addAll(List(5) { t.sampleIndex(20) })
    samples += t.sampleExt4()
    return samples
}

class TranscriptTest : FunSpec({
    for (hash in listOf(Sha256Hash.INSTANCE, Poseidon2Hash.INSTANCE)) {
        val name = hash.name()

        test("$name: the same conversation gives the same samples") {
            script(hash, -1) shouldBe script(hash, -1)
        }

        test("$name: changing any observed value changes every later sample") {
            val base = script(hash, -1)
            for (variant in 0..16) {
                val changed = script(hash, variant)
                // the first sample drawn after the changed observation, and all after it, differ
                val firstAffected = when (variant) { in 0..8 -> 0; in 9..12 -> 1; else -> 2 }
                for (i in firstAffected until base.size) changed[i] shouldNotBe base[i]
            }
        }

        test("$name: the protocol label and the number of samples drawn are bound") {
            val a = Transcript(hash, "a").sampleElement()
            val b = Transcript(hash, "b").sampleElement()
            a shouldNotBe b
            val t1 = Transcript(hash, "x").also { it.sampleElement(); it.observe(1) }
            val t2 = Transcript(hash, "x").also { it.sampleElement(); it.sampleElement(); it.observe(1) }
            t1.sampleElement() shouldNotBe t2.sampleElement()
        }

        test("$name: samples are in range and spread out") {
            val t = Transcript(hash, "range")
            val indices = List(2000) { t.sampleIndex(3) }
            for (k in 0 until 8) indices.count { it == k } shouldBeInRange 180..320
            List(200) { t.sampleElement() }.forEach { it shouldBeInRange 0..(BabyBear.P - 1) }
            List(50) { t.sampleIndex(0) }.toSet() shouldBe setOf(0)
            List(50) { t.sampleIndex(27) }.forEach { it shouldBeInRange 0..((1 shl 27) - 1) }
            shouldThrow<IllegalArgumentException> { t.sampleIndex(28) }
        }

        test("$name: proof of work is found, verified, observed, and a wrong nonce is rejected") {
            val prover = Transcript(hash, "pow").also { it.observe(42) }
            val verifier = Transcript(hash, "pow").also { it.observe(42) }
            val nonce = prover.grind(8)
            verifier.checkWork("test", 8, nonce)
            prover.sampleElement() shouldBe verifier.sampleElement()

            val other = Transcript(hash, "pow").also { it.observe(42) }
            // the smallest passing nonce was returned, so nonce − 1 (if any) must fail; and a random one most likely
            if (nonce > 0) shouldThrow<VerificationException> { other.checkWork("test", 8, nonce - 1) }.message shouldBe
                "test: proof-of-work nonce ${nonce - 1} does not reach 8 bits"
            shouldThrow<VerificationException> { Transcript(hash, "pow").also { it.observe(43) }.checkWork("test", 16, nonce) }
            shouldThrow<VerificationException> { Transcript(hash, "pow").checkWork("test", 8, -1) }
            Transcript(hash, "pow").grind(0) shouldBe 0L
        }
    }

    test("byte strings: every byte, the length and the label are bound") {
        fun sample(label: String, data: ByteArray) =
            Transcript(Poseidon2Hash.INSTANCE, "bytes").also { it.observeBytes(label, data) }.sampleElement()
        val data = ByteArray(10) { (it * 37 - 100).toByte() }
        val base = sample("journal", data)
        sample("journal", data) shouldBe base
        for (i in data.indices) sample("journal", data.clone().also { it[i] = (it[i] + 1).toByte() }) shouldNotBe base
        sample("journal", data + 0) shouldNotBe base
        sample("journal", data.copyOf(9)) shouldNotBe base
        sample("journak", data) shouldNotBe base
        sample("journal", ByteArray(0)) shouldNotBe sample("journal", ByteArray(1))
    }

    test("non-canonical observations are refused") {
        shouldThrow<IllegalArgumentException> { Transcript(Sha256Hash.INSTANCE, "t").observe(BabyBear.P) }
        shouldThrow<IllegalArgumentException> { Transcript(Sha256Hash.INSTANCE, "t").observe(-1) }
    }

    test("sampled extension elements are canonical") {
        val t = Transcript(Sha256Hash.INSTANCE, "ext")
        repeat(50) { val e = t.sampleExt4(); for (i in 0..3) e.coeff(i) shouldBeInRange 0..(BabyBear.P - 1) }
    }
})
