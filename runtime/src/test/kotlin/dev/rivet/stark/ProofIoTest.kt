package dev.rivet.stark

import dev.rivet.field.BabyBear
import dev.rivet.field.Ext4
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class ProofIoTest : FunSpec({
    fun sample(): ByteArray {
        val w = ProofWriter()
        w.writeInt(-5)
        w.writeLong(Long.MIN_VALUE + 3)
        w.writeElement(BabyBear.P - 1)
        w.writeExt4(Ext4.of(1, 2, 3, 4))
        w.writeDigest(IntArray(8) { -it }, 0)
        w.writeInt(3)
        w.writeElements(intArrayOf(7, 8, 9), 0, 3)
        return w.toByteArray()
    }

    test("values round-trip") {
        val r = ProofReader(sample(), Sha256Hash.INSTANCE)
        r.readInt("i") shouldBe -5
        r.readLong("l") shouldBe Long.MIN_VALUE + 3
        r.readElement("e") shouldBe BabyBear.P - 1
        r.readExt4("x") shouldBe Ext4.of(1, 2, 3, 4)
        r.readDigest("d").toList() shouldBe List(8) { -it }
        val n = r.readCount(10, "things")
        r.readElements(n, "things").toList() shouldBe listOf(7, 8, 9)
        r.finish()
    }

    test("every truncation is rejected cleanly, naming the position") {
        val bytes = sample()
        for (len in 0 until bytes.size) {
            val e = shouldThrow<VerificationException> {
                val r = ProofReader(bytes.copyOf(len), Sha256Hash.INSTANCE)
                r.readInt("i"); r.readLong("l"); r.readElement("e"); r.readExt4("x"); r.readDigest("d")
                r.readElements(r.readCount(10, "things"), "things"); r.finish()
            }
            e.message!! shouldContain "truncated"
        }
    }

    test("trailing bytes, oversized counts and non-canonical elements are rejected") {
        shouldThrow<VerificationException> { ProofReader(ByteArray(5), Sha256Hash.INSTANCE).also { it.readInt("i") }.finish() }.message shouldBe
            "proof has 1 trailing bytes after byte 4"
        val huge = ProofWriter().also { it.writeInt(Int.MAX_VALUE) }.toByteArray()
        shouldThrow<VerificationException> { ProofReader(huge, Sha256Hash.INSTANCE).readCount(1000, "queries") }.message!! shouldContain "exceeds the maximum 1000"
        val negative = ProofWriter().also { it.writeInt(-1) }.toByteArray()
        shouldThrow<VerificationException> { ProofReader(negative, Sha256Hash.INSTANCE).readCount(1000, "queries") }
        shouldThrow<VerificationException> { ProofReader(huge, Sha256Hash.INSTANCE).readElement("e") }.message!! shouldContain "not a canonical"
        // a count that passes its maximum still cannot allocate beyond the bytes present
        shouldThrow<VerificationException> { ProofReader(ByteArray(8), Sha256Hash.INSTANCE).readElements(1 shl 30, "values") }
        shouldThrow<IllegalArgumentException> { ProofWriter().writeElement(BabyBear.P) }
    }

    test("a digest is read as the hash outputs it: any words for SHA-256, canonical elements for Poseidon2") {
        val words = ProofWriter().also { it.writeDigest(IntArray(8) { i -> if (i == 3) BabyBear.P else i }, 0) }.toByteArray()
        ProofReader(words, Sha256Hash.INSTANCE).readDigest("root")[3] shouldBe BabyBear.P
        shouldThrow<MalformedProofException> { ProofReader(words, Poseidon2Hash.INSTANCE).readDigest("root") }.message shouldBe
            "proof byte 0: root is not a poseidon2-babybear-16 digest (a word is not a canonical field element)"
    }
})
