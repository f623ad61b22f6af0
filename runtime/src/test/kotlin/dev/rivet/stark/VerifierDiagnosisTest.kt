package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.field.BabyBear
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.nio.ByteBuffer
import java.nio.ByteOrder

/** The position of [needle] in [haystack]; digests are unique in a proof with overwhelming probability. */
internal fun indexOf(haystack: ByteArray, needle: ByteArray): Int =
    (0..haystack.size - needle.size).single { i -> needle.indices.all { haystack[i + it] == needle[it] } }

private fun occurrences(haystack: ByteArray, needle: ByteArray): Int =
    (0..haystack.size - needle.size).count { i -> needle.indices.all { haystack[i + it] == needle[it] } }

internal fun le(words: IntArray): ByteArray =
    ByteBuffer.allocate(4 * words.size).order(ByteOrder.LITTLE_ENDIAN).also { b -> words.forEach { b.putInt(it) } }.array()

/** Each way a proof can fail to fit gets a message naming the likeliest cause, and nothing but a VerificationException. */
class VerifierDiagnosisTest : FunSpec({
    val fib = Fibonacci()
    val config = StarkConfig(SecurityParameters(1, 10, 1, 1, 0), Sha256Hash.INSTANCE)
    val pk = ProvingKey.setup(config, listOf(fib.table()))
    val vk = pk.verifyingKey()
    val trace = fib.fill(16, 0, 1)
    val pv = publics(listOf(trace))
    val proof = Prover.prove(pk, listOf(trace)).toBytes()

    fun rejected(key: VerifyingKey = vk, publics: List<IntArray> = pv, bytes: ByteArray = proof) =
        shouldThrow<VerificationException> { Verifier.verify(key, publics, bytes, ANY) }.message!!

    test("a wrong public value is named, not a proof-of-work nonce") {
        val lie = listOf(pv[0].clone().also { it[2] = it[2] + 1 })
        rejected(publics = lie) shouldBe "wrong public values or messages: the proof was made for other public inputs than those given"
    }

    test("a proof for another key is named with both digests") {
        val other = ProvingKey.setup(config, listOf(fib.table(), ByteAdd().table(), ByteRangeTable().table())).verifyingKey()
        rejected(key = other, publics = pv + listOf(IntArray(0), IntArray(0))) shouldBe
            "proof for another verifying key: the proof was made for key ${vk.digestHex()}, this key is ${other.digestHex()}"
    }

    test("truncated, padded and empty proofs are named from the header's length") {
        shouldThrow<MalformedProofException> { Verifier.verify(vk, pv, proof.copyOf(proof.size - 7), ANY) }.message shouldBe
            "the proof is truncated: ${proof.size - 7} bytes of the ${proof.size} its header announces"
        rejected(bytes = proof + ByteArray(3)) shouldBe "the proof is padded: 3 bytes after the ${proof.size} its header announces"
        rejected(bytes = ByteArray(0)) shouldBe "the proof is empty (0 bytes)"
    }

    test("a proof with fewer queries than its key, or another hash, is a proof from another configuration") {
        // the same tables under a key that asks for 16 queries: the 10-query proof chooses nothing
        val strict = ProvingKey.setup(StarkConfig(SecurityParameters(1, 16, 1, 1, 0), Sha256Hash.INSTANCE),
            listOf(fib.table())).verifyingKey()
        rejected(key = strict) shouldBe "proof from another configuration: the proof was made with sha256, log blowup 1, " +
            "10 queries, 1 bits of query proof of work, 1 bits of grinding, final polynomial 2^0, folding arity 2^1, " +
            "cap height 0, the verifying key is set up for sha256, log blowup 1, 16 queries, 1 bits of query proof of " +
            "work, 1 bits of grinding, final polynomial 2^0, folding arity 2^1, cap height 0"
        val poseidon = ProvingKey.setup(StarkConfig(config.security(), Poseidon2Hash.INSTANCE), listOf(fib.table()))
            .verifyingKey()
        rejected(key = poseidon) shouldStartWith "proof from another configuration: the proof was made with sha256,"
        // a forged header claiming fewer queries is refused the same way, whatever bits the caller requires
        val forged = proof.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(12 + 4 + 6 + 4, 4) }
        for (bits in listOf(0.0, 4.0)) {
            shouldThrow<VerificationException> { Verifier.verify(vk, pv, forged, bits) }.message!! shouldContain
                "proof from another configuration: the proof was made with sha256, log blowup 1, 4 queries"
        }
    }

    test("the caller's mistakes are IllegalArgumentExceptions with a message") {
        for (bits in listOf(Double.NaN, -1.0, Double.POSITIVE_INFINITY)) {
            shouldThrow<IllegalArgumentException> { Verifier.verify(vk, pv, proof, bits) }.message shouldBe
                "required bits $bits is not a finite number ≥ 0"
        }
        shouldThrow<IllegalArgumentException> { Verifier.verify(vk, null, proof, ANY) }.message shouldBe "no public values given"
        shouldThrow<IllegalArgumentException> { Verifier.verify(vk, listOf(null), proof, ANY) }.message shouldBe
            "no public values given for table 0"
    }

    context("Poseidon2: digest words read from a proof must be canonical") {
        val p2 = ProvingKey.setup(StarkConfig(config.security(), Poseidon2Hash.INSTANCE), listOf(fib.table()))
        val p2Proof = Prover.prove(p2, listOf(trace))
        val p2Bytes = p2Proof.toBytes()
        Verifier.verify(p2.verifyingKey(), pv, p2Bytes, ANY)

        test("a non-canonical root word is a MalformedProofException, not an IllegalArgumentException") {
            val root = p2Proof.mainCap.copyOf(8)
            val at = indexOf(p2Bytes, le(root))
            val bad = p2Bytes.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(at, -1) }
            shouldThrow<MalformedProofException> { Verifier.verify(p2.verifyingKey(), pv, bad, ANY) }.message shouldBe
                "proof byte $at: main trace cap is not a poseidon2-babybear-16 digest (a word is not a canonical field element)"
        }

        test("a Merkle sibling word w replaced by w − p, which Poseidon2 hashes alike, is refused") {
            // a digest may also occur elsewhere in the proof (a cap), so take one that occurs once
            val digest = listOf(p2Proof.phaseProofs[0].siblings())
                .flatMap { s -> (0 until s.size / 8).map { s.copyOfRange(8 * it, 8 * it + 8) } }
                .first { d -> occurrences(p2Bytes, le(d)) == 1 }
            val at = indexOf(p2Bytes, le(digest))
            val forged = digest.copyOf().also { it[0] = it[0] - BabyBear.P } // the unsigned word w + 2^32 − p
            // the attack: both encodings compress to the same node
            val left = IntArray(8) { it + 1 }
            val (honestNode, forgedNode) = IntArray(8) to IntArray(8)
            Poseidon2Hash.INSTANCE.compress(left, 0, digest, 0, honestNode, 0)
            Poseidon2Hash.INSTANCE.compress(left, 0, forged, 0, forgedNode, 0)
            forgedNode.toList() shouldBe honestNode.toList()
            val bad = p2Bytes.copyOf().also { System.arraycopy(le(forged), 0, it, at, 32) }
            shouldThrow<MalformedProofException> { Verifier.verify(p2.verifyingKey(), pv, bad, ANY) }.message shouldBe
                "proof byte $at: main trace Merkle siblings is not a poseidon2-babybear-16 digest (a word is not a canonical field element)"
        }
    }
})
