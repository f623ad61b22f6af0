package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.fail
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.random.Random
import kotlin.time.Duration.Companion.seconds

/**
 * Hostile bytes: random bytes and single-byte mutations of a valid proof and of a valid verifying key, under both
 * hash presets, 10,000 cases in all. The verifier must answer each with its own VerificationException (never one
 * wrapping an unexpected exception, which the verifier's outer layer would have caught), the key decoder with an
 * IllegalArgumentException (its documented exception, caused by nothing else); never another exception, a hang
 * or an OutOfMemoryError.
 */
class FuzzTest : FunSpec({
    val fib = Fibonacci()
    val adder = ByteAdd()
    val bytes = ByteRangeTable()
    val traces = listOf(fib.fill(8, 1, 1)) + ByteAdd.example(adder, bytes, 8, 9)
    val pv = publics(traces)

    fun rejected(vk: VerifyingKey, proof: ByteArray, what: String) {
        try {
            Verifier.verify(vk, pv, proof, ANY)
        } catch (e: VerificationException) {
            if (e.cause != null) fail("$what: the verifier failed unexpectedly: ${e.cause}")
            return
        }
        fail("$what: accepted")
    }

    /** Decodes hostile key bytes: null if refused as documented. */
    fun decode(key: ByteArray, what: String): VerifyingKey? = try {
        VerifyingKey.fromBytes(key)
    } catch (e: IllegalArgumentException) {
        generateSequence<Throwable>(e) { it.cause }.forEach {
            if (it !is IllegalArgumentException) fail("$what: the key decoder failed unexpectedly: $it")
        }
        null
    }

    // Poseidon2 verifies about 4 times slower on the JVM: 7,000 cases with SHA-256 and 3,000 with it take about 25 s
    for ((hash, share) in listOf(Sha256Hash.INSTANCE to 7, Poseidon2Hash.INSTANCE to 3)) {
        test("${hash.name()}: ${share * 1000} cases: half proof mutations, a tenth random proofs, 35% key mutations, 5% random keys")
            .config(timeout = 120.seconds) {
            val pk = ProvingKey.setup(StarkConfig(SecurityParameters(1, 4, 0, 1, 0), hash),
                listOf(fib.table(), adder.table(), bytes.table()))
            val vk = pk.verifyingKey()
            val proof = Prover.prove(pk, traces).toBytes()
            val key = vk.toBytes()
            Verifier.verify(vk, pv, proof, ANY)
            val rng = Random(hash.name().hashCode())
            val start = System.nanoTime()

            repeat(share * 500) {
                val at = rng.nextInt(proof.size)
                val mutated = proof.copyOf().also { it[at] = (it[at].toInt() xor rng.nextInt(1, 256)).toByte() }
                rejected(vk, mutated, "proof byte $at mutated")
            }
            // random bytes, and random bytes behind a valid header (length included) so that decoding goes deeper
            val header = 12 + 4 + hash.name().length + 20 + 64
            repeat(share * 100) { i ->
                val random = if (i % 2 == 1) proof.copyOf(header) + rng.nextBytes(proof.size - header)
                else rng.nextBytes(rng.nextInt(2 * proof.size))
                rejected(vk, random, "random proof $i")
            }

            repeat(share * 350) {
                val at = rng.nextInt(key.size)
                val mutated = key.copyOf().also { it[at] = (it[at].toInt() xor rng.nextInt(1, 256)).toByte() }
                // a key that still decodes is another key: the proof must not verify under it
                decode(mutated, "key byte $at mutated")?.let { rejected(it, proof, "proof under a key with byte $at mutated") }
            }
            repeat(share * 50) { i ->
                // odd ones keep the magic and version, so that decoding goes deeper
                val random = (if (i % 2 == 1) key.copyOf(8) else ByteArray(0)) + rng.nextBytes(rng.nextInt(2 * key.size))
                withClue("random key $i") { decode(random, "random key $i") shouldBe null }
            }
            println("FuzzTest ${hash.name()}: ${share * 1000} cases in ${(System.nanoTime() - start) / 1_000_000} ms")
        }
    }
})
