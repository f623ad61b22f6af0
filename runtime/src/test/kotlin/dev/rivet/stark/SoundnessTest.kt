package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.check.CheckException
import dev.rivet.check.Checker
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Trace
import dev.rivet.stark.fri.FriProof
import dev.rivet.stark.hash.Sha256Hash
import dev.rivet.stark.merkle.MerkleMultiProof
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotStartWith
import io.kotest.matchers.string.shouldStartWith
import java.nio.ByteBuffer
import java.nio.ByteOrder

/** Few queries keep the every-byte test fast; the out-of-domain check catches bad traces regardless. */
private val SMALL = StarkConfig(SecurityParameters(1, 4, 0, 2, 0), Sha256Hash.INSTANCE)

private fun proveAndVerify(pk: ProvingKey, traces: List<Trace>, publics: List<IntArray> = publics(traces)) =
    Verifier.verify(pk.verifyingKey(), publics, Prover.prove(pk, traces), ANY)

private fun rejected(block: () -> Unit): VerificationException = shouldThrow<VerificationException> { block() }

/** The proof with other proof-of-work nonces before its challenge rounds. */
private fun Proof.withNonces(logUp: Long = logUpNonce, zeta: Long = zetaNonce, batching: Long = batchingNonce,
    folds: LongArray = fri.foldNonces()) =
    Proof(hash, params, keyDigest, publicsDigest, logHeights, mainCap, logUp, auxCap, tableSums, quotientCap, zeta,
        atZeta, atZetaNext, quotientAtZeta, batching,
        FriProof(fri.layerCaps(), folds, fri.finalPolynomial(), fri.powNonce(), fri.queries(), fri.layerProofs()),
        queries, phaseProofs)

/** The proof with a header that claims other public values. */
private fun Proof.withPublicsDigest(publics: List<IntArray>) =
    Proof(hash, params, keyDigest, Statement.publicInputsDigest(publics, emptyList()), logHeights, mainCap, logUpNonce,
        auxCap, tableSums, quotientCap, zetaNonce, atZeta, atZetaNext, quotientAtZeta, batchingNonce, fri, queries, phaseProofs)

/** The proof with other multi-proofs for its phase trees and FRI layers. */
private fun Proof.withMultiProofs(phases: Array<MerkleMultiProof> = phaseProofs, layers: Array<MerkleMultiProof> = fri.layerProofs()) =
    Proof(hash, params, keyDigest, publicsDigest, logHeights, mainCap, logUpNonce, auxCap, tableSums, quotientCap,
        zetaNonce, atZeta, atZetaNext, quotientAtZeta, batchingNonce,
        FriProof(fri.layerCaps(), fri.foldNonces(), fri.finalPolynomial(), fri.powNonce(), fri.queries(), layers),
        queries, phases)

/** Each way of changing one multi-proof: every digest's word flipped, one digest more (zero), the last one dropped. */
private fun variants(m: MerkleMultiProof): List<Pair<String, MerkleMultiProof>> {
    val s = m.siblings()
    return (0 until m.size()).map { d -> "digest $d" to MerkleMultiProof(s.copyOf().also { it[8 * d + d % 8] = it[8 * d + d % 8] xor 1 }) } +
        listOf("one more" to MerkleMultiProof(s + IntArray(8))) +
        (if (m.size() > 0) listOf("one less" to MerkleMultiProof(s.copyOf(s.size - 8))) else emptyList())
}

class SoundnessTest : FunSpec({
    val fib = Fibonacci()
    val fibKey = ProvingKey.setup(SMALL, listOf(fib.table()))
    val adder = ByteAdd()
    val bytes = ByteRangeTable()
    val byteKey = ProvingKey.setup(SMALL, listOf(adder.table(), bytes.table()))

    test("transition: one tampered Fibonacci cell, proven without the checker, is rejected") {
        val t = fib.fill(16, 0, 1)
        t[fib.b, 5] = t[fib.b, 5] + 1
        Checker.check(t).ok() shouldBe false
        rejected { proveAndVerify(fibKey, listOf(t)) }
    }

    test("first row and last row: wrong boundary public values are rejected, even under a header that names them") {
        val t = fib.fill(16, 0, 1)
        val honest = publics(listOf(t))
        proveAndVerify(fibKey, listOf(t), honest)
        val proof = Prover.prove(fibKey, listOf(t))
        for (index in listOf(0, 1, 2, 3)) { // x0, x1, result, n
            val lie = honest.map { it.clone() }
            lie[0][index] = lie[0][index] + 1
            rejected { Verifier.verify(fibKey.verifyingKey(), lie, proof, ANY) }.message shouldStartWith
                "wrong public values"
            // the header's digest is diagnostic: a proof whose header agrees with the lie still fails the transcript
            rejected { Verifier.verify(fibKey.verifyingKey(), lie, proof.withPublicsDigest(lie), ANY) }.message shouldNotStartWith
                "wrong public values"
        }
    }

    test("a trace whose public result is false is rejected even when proven with that result") {
        val t = fib.fill(16, 0, 1)
        t.setPublic(fib.result, 12345)
        rejected { proveAndVerify(fibKey, listOf(t)) }
    }

    test("every row: a carry that is not a bit is rejected") {
        val traces = ByteAdd.example(adder, bytes, 32, 3)
        val t = traces[0]
        // keep x + y = z + 256·carry true in the field with carry = 2
        t[adder.carry, 4] = 2
        t[adder.z, 4] = t[adder.x, 4] + t[adder.y, 4] - 512
        Checker.check(traces).ok() shouldBe false
        rejected { proveAndVerify(byteKey, traces) }
    }

    test("bus: a tampered sum cell breaks both its constraint and the byte bus, and is rejected") {
        val traces = ByteAdd.example(adder, bytes, 32, 3)
        traces[0][adder.z, 7] = traces[0][adder.z, 7] + 1
        rejected { proveAndVerify(byteKey, traces) }
    }

    test("bus: an unbalanced lookup with every row constraint satisfied is rejected for the imbalance") {
        val traces = ByteAdd.example(adder, bytes, 32, 3)
        val m = traces[1].mainColumns()[0]
        m[200] = m[200] + 1 // claims one more lookup of 200 than was made
        Checker.check(traces).constraintFailures() shouldBe emptyList()
        rejected { proveAndVerify(byteKey, traces) }.message shouldContain "do not balance"
    }

    test("preprocessed: a proof made with a different byte table does not verify under the real key") {
        val fake = object : Chip("byte_table") {
            val value = preprocessed("value", IntArray(256) { 255 - it }) // same set, other commitment
            val m = multiplicity("multiplicity")
            init { receive(dev.rivet.dsl.gadgets.ByteMessage.BUS, dev.rivet.dsl.gadgets.ByteMessage(value), m) }
        }
        val fakeKey = ProvingKey.setup(SMALL, listOf(adder.table(), fake.table()))
        val traces = listOf(adder.fill(32, java.util.Random(1)), fake.newTrace(256))
        dev.rivet.dsl.Lookups.deriveMultiplicities(traces)
        val proof = Prover.prove(fakeKey, traces)
        Verifier.verify(fakeKey.verifyingKey(), publics(traces), proof, ANY)
        rejected { Verifier.verify(byteKey.verifyingKey(), publics(traces), proof, ANY) }
    }

    test("a proof for circuit A does not verify as circuit B") {
        val other = object : Chip("fibonacci") {
            val a = column("a")
            val b = column("b")
            val x0 = publicValue("x0")
            val x1 = publicValue("x1")
            val result = publicValue("result")
            init {
                whenFirstRow().assertEq("starts at x0", a, x0)
                whenFirstRow().assertEq("starts at x1", b, x1)
                whenTransition().assertEq("shift", a.next(), b)
                whenTransition().assertEq("step", b.next(), a.plus(b).plus(1)) // a different recurrence
                whenLastRow().assertEq("ends at result", b, result)
            }
        }
        val otherKey = ProvingKey.setup(SMALL, listOf(other.table()))
        val t = fib.fill(16, 0, 1)
        val proof = Prover.prove(fibKey, listOf(t))
        rejected { Verifier.verify(otherKey.verifyingKey(), publics(listOf(t)), proof, ANY) }.message shouldStartWith
            "proof for another verifying key"
    }

    test("a proof below the required security is refused before anything else") {
        val t = fib.fill(16, 0, 1)
        val proof = Prover.prove(fibKey, listOf(t))
        // four queries: 4·log2(4/3) = 1.7 bits
        rejected { Verifier.verify(fibKey.verifyingKey(), publics(listOf(t)), proof, 100.0) }.message shouldStartWith
            "soundness 1.7 bits < required 100.0: weakest term FRI queries 1.7 bits (4 queries × 0.415"
        // before the public values are even looked at
        rejected { Verifier.verify(fibKey.verifyingKey(), listOf(), proof, 100.0) }.message shouldStartWith
            "soundness 1.7 bits < required 100.0"
    }

    test("the whole budget is required: a valid proof whose weakest term is a field term is refused naming it") {
        // 300 queries (124.5 bits) put the field terms below the query term: for 2^4 rows of degree 2 the weakest
        // is DEEP/FRI batching, 2·2^5 for the table, 2^5 for the quotient and 2^5 for FRI's mix of the two = 2^7
        // over |F|, 116.6 bits
        val key = ProvingKey.setup(StarkConfig(SecurityParameters(1, 300, 0, 0, 0), Sha256Hash.INSTANCE),
            listOf(fib.table()))
        val t = fib.fill(16, 0, 1)
        val proof = Prover.prove(key, listOf(t))
        val budget = SoundnessBudget.of(key.verifyingKey(), proof)
        budget.weakest().name() shouldBe SoundnessBudget.BATCHING
        budget.term(SoundnessBudget.QUERIES).bits() shouldBeGreaterThan 118.0
        Verifier.verify(key.verifyingKey(), publics(listOf(t)), proof, budget.bits())
        rejected { Verifier.verify(key.verifyingKey(), publics(listOf(t)), proof, 118.0) }.message shouldBe
            "soundness 116.6 bits < required 118.0: weakest term DEEP/FRI batching 116.6 bits " +
            "(Σ 2·|D| + quotient's |D| + FRI mix of 2 lifted inputs = 2^7.00 over |F| = 2^123.63)"
    }

    test("every challenge round's proof-of-work nonce is checked by that round") {
        // 8 bits, so that honest nonces are rarely 0; each is the smallest passing one, so one less must fail
        val grinding = ProvingKey.setup(StarkConfig(SecurityParameters(1, 4, 0, 8, 0), Sha256Hash.INSTANCE),
            listOf(adder.table(), bytes.table()))
        val traces = ByteAdd.example(adder, bytes, 32, 4)
        val honest = Prover.prove(grinding, traces)
        Verifier.verify(grinding.verifyingKey(), publics(traces), honest, ANY)
        val rounds = listOf(
            Triple(SoundnessBudget.LOGUP, honest.logUpNonce) { n: Long -> honest.withNonces(logUp = n) },
            Triple(SoundnessBudget.DEEP, honest.zetaNonce) { n: Long -> honest.withNonces(zeta = n) },
            Triple(SoundnessBudget.BATCHING, honest.batchingNonce) { n: Long -> honest.withNonces(batching = n) },
        ) + honest.fri.foldNonces().indices.map { r ->
            Triple("${SoundnessBudget.FOLDING} round $r", honest.fri.foldNonces()[r]) { n: Long ->
                honest.withNonces(folds = honest.fri.foldNonces().clone().also { it[r] = n })
            }
        }
        rounds.size shouldBe 3 + 8 // 2^8 rows of the byte table at blowup 2: eight folds down to 2 points
        for ((round, nonce, tamper) in rounds) {
            withClue("$round's honest nonce is 0: choose another statement") { (nonce > 0) shouldBe true }
            rejected { Verifier.verify(grinding.verifyingKey(), publics(traces), tamper(nonce - 1), ANY) }.message shouldBe
                "$round: proof-of-work nonce ${nonce - 1} does not reach 8 bits"
        }
    }

    test("every single-byte change of a small serialized proof is rejected") {
        // the proof grinds 2 bits before ζ, the batching and each fold: every nonce byte is flipped too
        fibKey.verifyingKey().config().security().challengePowBits() shouldBe 2
        val t = fib.fill(4, 2, 3)
        val bytes = Prover.prove(fibKey, listOf(t)).toBytes()
        val pv = publics(listOf(t))
        Verifier.verify(fibKey.verifyingKey(), pv, bytes, ANY)
        for (i in bytes.indices) {
            for (flip in intArrayOf(0x01, 0x80)) {
                val mutated = bytes.copyOf()
                mutated[i] = (mutated[i].toInt() xor flip).toByte()
                shouldThrow<VerificationException> { Verifier.verify(fibKey.verifyingKey(), pv, mutated, ANY) }
            }
        }
    }

    test("truncated and extended proofs are rejected with a clear message") {
        val t = fib.fill(4, 2, 3)
        val bytes = Prover.prove(fibKey, listOf(t)).toBytes()
        val pv = publics(listOf(t))
        for (n in listOf(0, 3, 8, 40, bytes.size / 2, bytes.size - 1)) {
            rejected { Verifier.verify(fibKey.verifyingKey(), pv, bytes.copyOf(n), ANY) }
        }
        rejected { Verifier.verify(fibKey.verifyingKey(), pv, bytes + 0, ANY) }.message shouldContain "padded"
    }

    test("every tree's multi-proof: a changed digest, one more or one less is rejected, naming the tree") {
        val traces = ByteAdd.example(adder, bytes, 64, 5)
        val proof = Prover.prove(byteKey, traces)
        val vk = byteKey.verifyingKey()
        val pv = publics(traces)
        Verifier.verify(vk, pv, proof, ANY)
        val labels = listOf("main trace", "preprocessed", "LogUp columns", "quotient")
        proof.phaseProofs.size shouldBe 4
        for (p in proof.phaseProofs.indices) {
            withClue("${labels[p]} needs siblings") { (proof.phaseProofs[p].size() > 0) shouldBe true }
            for ((what, forged) in variants(proof.phaseProofs[p])) {
                val phases = proof.phaseProofs.clone().also { it[p] = forged }
                withClue("${labels[p]}, $what") {
                    val message = rejected { Verifier.verify(vk, pv, proof.withMultiProofs(phases = phases), ANY) }.message!!
                    message shouldStartWith "${labels[p]} openings: Merkle"
                    if (what == "one more" || what == "one less") message shouldContain "multi-proof has ${forged.size()} siblings"
                }
            }
        }
        for (r in proof.fri.layerProofs().indices) {
            for ((what, forged) in variants(proof.fri.layerProofs()[r])) {
                val layers = proof.fri.layerProofs().clone().also { it[r] = forged }
                withClue("FRI layer $r, $what") {
                    rejected { Verifier.verify(vk, pv, proof.withMultiProofs(layers = layers), ANY) }.message!! shouldStartWith
                        "FRI layer $r: Merkle"
                }
            }
        }
        // in the bytes: the last tree (the quotient's) cut short, or announcing one digest more than it holds
        val encoded = proof.toBytes()
        fun withLength(b: ByteArray) = b.also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(8, it.size) }
        rejected { Verifier.verify(vk, pv, withLength(encoded.copyOf(encoded.size - 32)), ANY) }.message!! shouldContain
            "quotient Merkle siblings needs"
        val n = proof.phaseProofs.last().size()
        val more = withLength(encoded + ByteArray(32)).also {
            ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(encoded.size - 32 * n - 4, n + 1)
        }
        rejected { Verifier.verify(vk, pv, more, ANY) }.message!! shouldContain
            "quotient openings: Merkle multi-proof has ${n + 1} siblings"
    }

    test("debug mode refuses a bad trace with the checker's report instead of proving") {
        val t = fib.fill(16, 0, 1)
        t[fib.a, 3] = 7
        shouldThrow<CheckException> { Prover.proveChecked(fibKey, listOf(t)) }.message shouldContain "constraint 'shift'"
    }
})
