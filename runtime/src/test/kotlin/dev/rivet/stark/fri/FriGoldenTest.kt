package dev.rivet.stark.fri

import dev.rivet.stark.Cosets
import dev.rivet.field.BabyBear
import dev.rivet.field.Ext4
import dev.rivet.field.Ntt
import dev.rivet.stark.ProofReader
import dev.rivet.stark.ProofWriter
import dev.rivet.stark.SecurityParameters
import dev.rivet.stark.Transcript
import dev.rivet.stark.hash.HashFunction
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.security.MessageDigest

/** Inputs fixed by formula, not by a random generator, so the fixture depends only on Rivet's code. */
private fun fixedInput(logSize: Int, degree: Int, seed: Long): IntArray {
    val n = 1 shl logSize
    val packed = IntArray(4 * n)
    for (c in 0 until 4) {
        val coeffs = IntArray(n) { i -> if (i < degree) BabyBear.fromLong(seed * 1_000_003L + 31L * i * i + 7L * c) else 0 }
        Ntt.cosetForward(coeffs, Cosets.shift(logSize))
        for (i in 0 until n) packed[4 * i + c] = coeffs[i]
    }
    return packed
}

private fun proofDigest(hash: HashFunction): String {
    val params = SecurityParameters(1, 8, 3, 2, 1, 2, 1)
    val inputs = listOf(fixedInput(7, 64, 1), fixedInput(4, 8, 2))
    val t = Transcript(hash, "rivet-fri-golden")
    val bytes = ProofWriter().also { FriProver.prove(params, t, inputs).proof.write(it) }.toByteArray()
    // the fixture also verifies after decoding
    val decoded = FriProof.read(ProofReader(bytes, hash), params, intArrayOf(7, 4))
    FriVerifier.verify(params, Transcript(hash, "rivet-fri-golden"), intArrayOf(7, 4), decoded) { indices ->
        Array(indices.size) { q -> Array(2) { j -> Ext4.read(inputs[j], 4 * (indices[q] and ((1 shl intArrayOf(7, 4)[j]) - 1))) } }
    }
    return MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }
}

/**
 * Golden fixtures: the SHA-256 of a FRI proof's bytes for fixed inputs and parameters. A change here means the
 * proof format, the transcript or the protocol changed: bump the proof version, then update the constant.
 */
class FriGoldenTest : FunSpec({
    test("SHA-256 FRI proof bytes are unchanged") {
        proofDigest(Sha256Hash.INSTANCE) shouldBe "4622ae8b14c0cd0ec18658d3e0198b793c218ab8e7bc517dfcc249e2fa8fd731"
    }
    test("Poseidon2 FRI proof bytes are unchanged") {
        proofDigest(Poseidon2Hash.INSTANCE) shouldBe "d7c58c42a107cf8a2b27921d206f97403ecd0cf770dc8b8722cc843661bf9e20"
    }
})
