package dev.rivet.stark.fri

import dev.rivet.stark.Cosets
import dev.rivet.field.BabyBear
import dev.rivet.field.Ext4
import dev.rivet.field.Ntt
import dev.rivet.stark.ProofReader
import dev.rivet.stark.ProofWriter
import dev.rivet.stark.SecurityParameters
import dev.rivet.stark.Transcript
import dev.rivet.stark.VerificationException
import dev.rivet.stark.hash.HashFunction
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import dev.rivet.stark.merkle.MerkleMultiProof
import dev.rivet.stark.merkle.MerkleTree
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.random.Random

private val PARAMS = SecurityParameters(1, 12, 2, 2, 0)

/** Folding by 8 per round and caps of 4 digests. */
private val WIDE = SecurityParameters(1, 12, 2, 2, 0, 3, 2)

/**
 * Packed Ext4 evaluations, over the coset Cosets.shift(logSize)·H, of a random polynomial with
 * `degree` coefficients.
 */
private fun lowDegree(rng: Random, logSize: Int, degree: Int): IntArray {
    val n = 1 shl logSize
    val shift = Cosets.shift(logSize)
    val packed = IntArray(4 * n)
    for (c in 0 until 4) {
        val coeffs = IntArray(n) { if (it < degree) rng.nextInt(BabyBear.P) else 0 }
        Ntt.cosetForward(coeffs, shift)
        for (i in 0 until n) packed[4 * i + c] = coeffs[i]
    }
    return packed
}

private class Setup(val hash: HashFunction, val params: SecurityParameters, val inputs: List<IntArray>) {
    val logSizes = inputs.map { Integer.numberOfTrailingZeros(it.size / 4) }.toIntArray()

    fun transcript(prefix: Int = 1): Transcript = Transcript(hash, "fri-test").also { it.observe(prefix) }

    fun prove(): FriProver.Result = FriProver.prove(params, transcript(), inputs)

    fun opening(inputs: List<IntArray> = this.inputs) = FriVerifier.InputOpening { indices ->
        Array(indices.size) { q -> Array(inputs.size) { j -> Ext4.read(inputs[j], 4 * (indices[q] and ((1 shl logSizes[j]) - 1))) } }
    }

    fun verify(proof: FriProof, t: Transcript = transcript(), opening: FriVerifier.InputOpening = opening()): IntArray =
        FriVerifier.verify(params, t, logSizes, proof, opening)
}

private fun FriProof.copy(
    caps: Array<IntArray> = layerCaps().map { it.clone() }.toTypedArray(),
    foldNonces: LongArray = foldNonces().clone(),
    finalPoly: IntArray = finalPolynomial().clone(),
    nonce: Long = powNonce(),
    queries: Array<FriProof.QueryProof> = queries().map { q ->
        FriProof.QueryProof(q.siblings().map { it.clone() }.toTypedArray())
    }.toTypedArray(),
    layerProofs: Array<MerkleMultiProof> = layerProofs().clone(),
) = FriProof(caps, foldNonces, finalPoly, nonce, queries, layerProofs)

/** The proof with word 0 of sibling digest d of layer r's multi-proof flipped. */
private fun FriProof.withSibling(r: Int, d: Int): FriProof {
    val proofs = layerProofs().clone()
    proofs[r] = MerkleMultiProof(proofs[r].siblings().also { it[8 * d] = it[8 * d] xor 1 })
    return copy(layerProofs = proofs)
}

private fun bump(x: Int) = BabyBear.add(x, 1)

class FriTest : FunSpec({
    val rng = Random(3)

    for (hash in listOf(Sha256Hash.INSTANCE, Poseidon2Hash.INSTANCE)) {
        val name = hash.name()

        test("$name: honest proofs verify for several sizes and mixes of sizes, arities 2 to 16 and caps") {
            val mixes = listOf(listOf(1), listOf(2), listOf(6), listOf(6, 6), listOf(7, 5, 3, 1), listOf(4, 6, 6, 2, 4),
                listOf(9, 8, 3))
            for (params in listOf(PARAMS, WIDE, SecurityParameters(1, 12, 2, 2, 1, 2, 1), SecurityParameters(1, 12, 2, 2, 0, 4, 5))) {
                for (mix in mixes) {
                    val top = mix.max()
                    val inputs = mix.map { k -> lowDegree(rng, k, 1 shl (k - 1)) }
                    if (top < params.minInputLogSize()) continue
                    val setup = Setup(hash, params, inputs)
                    val result = setup.prove()
                    setup.verify(result.proof).toList() shouldBe result.queryIndices().toList()
                    result.queryIndices().forEach { it shouldBe (it and ((1 shl top) - 1)) }
                }
            }
        }
    }

    test("a larger final polynomial and blowup 4 verify too, with inputs smaller than the final layer") {
        val params = SecurityParameters(2, 10, 1, 0, 2)
        val inputs = listOf(lowDegree(rng, 8, 64), lowDegree(rng, 5, 8), lowDegree(rng, 3, 2), lowDegree(rng, 2, 1))
        val setup = Setup(Sha256Hash.INSTANCE, params, inputs)
        val result = setup.prove()
        result.proof.finalPolynomial().size shouldBe 16
        setup.verify(result.proof)
    }

    test("the top coset maps onto each smaller one, point i to point i mod 2^k: how a lifted input is read") {
        for (top in listOf(5, 12, 27)) {
            for (k in 0..top) {
                for (i in listOf(0, 1, 7, 12345, Int.MAX_VALUE).map { it and ((1 shl top) - 1) }) {
                    BabyBear.pow(Cosets.point(top, i), 1L shl (top - k)) shouldBe Cosets.point(k, i)
                }
            }
        }
    }

    test("lifting: inputs of three sizes verify, and each one a coefficient over its own degree bound is rejected") {
        val sizes = listOf(8, 5, 2)
        for (params in listOf(PARAMS, WIDE, SecurityParameters(1, 12, 2, 2, 3, 2, 1))) {
            val honest = Setup(Sha256Hash.INSTANCE, params, sizes.map { k -> lowDegree(rng, k, 1 shl (k - 1)) })
            honest.verify(honest.prove().proof)
            for (bad in sizes.indices) {
                // f of degree 2^(k-1) lifts to f(x^m) of degree 2^(K-1): one over the top bound, far from it
                val inputs = sizes.mapIndexed { j, k -> lowDegree(rng, k, (1 shl (k - 1)) + if (j == bad) 1 else 0) }
                val setup = Setup(Sha256Hash.INSTANCE, params, inputs)
                withClue("input of log-size ${sizes[bad]} too high, arity 2^${params.logFoldingArity()}") {
                    shouldThrow<VerificationException> { setup.verify(setup.prove().proof) }.message!! shouldContain
                        "disagrees with the final polynomial"
                }
            }
        }
    }

    test("a polynomial of too high a degree is rejected, also when it is the smaller input of a mix") {
        // degree exactly at the bound 2^(k − 1): one too many coefficients
        val tooHigh = Setup(Sha256Hash.INSTANCE, PARAMS, listOf(lowDegree(rng, 6, 33)))
        shouldThrow<VerificationException> { tooHigh.verify(tooHigh.prove().proof) }
        val smallOne = Setup(Sha256Hash.INSTANCE, PARAMS, listOf(lowDegree(rng, 7, 64), lowDegree(rng, 4, 9)))
        shouldThrow<VerificationException> { smallOne.verify(smallOne.prove().proof) }
        // random values: far from any low-degree polynomial
        val random = Setup(Sha256Hash.INSTANCE, PARAMS, listOf(IntArray(4 shl 6) { rng.nextInt(BabyBear.P) }))
        shouldThrow<VerificationException> { random.verify(random.prove().proof) }
    }

    context("tampering") {
        val setup = Setup(Sha256Hash.INSTANCE, PARAMS, listOf(lowDegree(rng, 6, 32), lowDegree(rng, 4, 8)))
        val proof = setup.prove().proof
        setup.verify(proof)
        fun rejects(p: FriProof, t: Transcript = setup.transcript(), opening: FriVerifier.InputOpening = setup.opening()) =
            shouldThrow<VerificationException> { setup.verify(p, t, opening) }

        test("any layer root") {
            for (r in proof.layerCaps().indices) {
                rejects(proof.copy(caps = proof.layerCaps().map { it.clone() }.toTypedArray().also { it[r][r % 8] = it[r][r % 8] xor 4 }))
            }
        }
        test("any sibling value of any query") {
            for (q in proof.queries().indices) for (r in 0 until 5) {
                val queries = proof.copy().queries()
                queries[q].siblings()[r][q % 4] = bump(queries[q].siblings()[r][q % 4])
                rejects(proof.copy(queries = queries))
            }
        }
        test("any digest of any layer's multi-proof, and a digest more or less") {
            for (r in 0 until 5) {
                for (d in 0 until proof.layerProofs()[r].size()) {
                    rejects(proof.withSibling(r, d)).message!! shouldContain "FRI layer $r: Merkle openings at index"
                }
                // the last layer's tree has 2 leaves, which 12 queries all reach: it needs no sibling to drop
                val siblings = proof.layerProofs()[r].siblings()
                for (other in listOf(siblings + IntArray(8), siblings.copyOf(maxOf(0, siblings.size - 8)))) {
                    if (other.size == siblings.size) continue
                    val proofs = proof.layerProofs().clone().also { it[r] = MerkleMultiProof(other) }
                    rejects(proof.copy(layerProofs = proofs)).message!! shouldContain
                        "FRI layer $r: Merkle multi-proof has ${other.size / 8} siblings"
                }
            }
        }
        test("any final polynomial coefficient, and its length") {
            for (i in proof.finalPolynomial().indices) {
                rejects(proof.copy(finalPoly = proof.finalPolynomial().clone().also { it[i] = bump(it[i]) }))
            }
            rejects(proof.copy(finalPoly = proof.finalPolynomial().copyOf(8))).message!! shouldContain
                "final polynomial has 2 coefficients, expected exactly 1"
        }
        test("the proof-of-work nonce") {
            // a different nonce either fails the work check or changes every query index
            for (delta in 1L..8L) rejects(proof.copy(nonce = proof.powNonce() + delta))
        }
        test("every folding proof-of-work nonce is checked by its own round") {
            // 8 bits, so that the honest nonces are rarely 0; each is the smallest passing one, so one less fails
            val grinding = Setup(Sha256Hash.INSTANCE, SecurityParameters(1, 12, 2, 8, 0), setup.inputs)
            val honest = grinding.prove().proof
            grinding.verify(honest)
            honest.foldNonces().size shouldBe 5
            for (r in honest.foldNonces().indices) {
                val nonce = honest.foldNonces()[r]
                withClue("round $r's honest nonce is 0: choose other inputs") { (nonce > 0) shouldBe true }
                val tampered = honest.copy(foldNonces = honest.foldNonces().clone().also { it[r] = nonce - 1 })
                shouldThrow<VerificationException> { grinding.verify(tampered) }.message shouldBe
                    "FRI folding round $r: proof-of-work nonce ${nonce - 1} does not reach 8 bits"
            }
        }
        test("the transcript before FRI, and the opened input values") {
            rejects(proof, setup.transcript(prefix = 2))
            val wrong = listOf(setup.inputs[0], setup.inputs[1].clone().also { for (i in it.indices) it[i] = bump(it[i]) })
            rejects(proof, opening = setup.opening(wrong))
            rejects(proof, opening = FriVerifier.InputOpening { indices -> Array(indices.size) { arrayOf(Ext4.ONE) } })
                .message!! shouldContain "returned 1 values for 2 inputs"
            rejects(proof, opening = FriVerifier.InputOpening { arrayOf() }).message!! shouldContain
                "returned 0 queries' values for 12 queries"
        }
        test("shapes: query count, multi-proof count, log-sizes") {
            rejects(proof.copy(queries = proof.queries().copyOf(11).requireNoNulls())).message!! shouldContain "answers 11 queries"
            rejects(proof.copy(layerProofs = proof.layerProofs().copyOf(4).requireNoNulls())).message!! shouldContain
                "one Merkle multi-proof per layer (5 layers)"
            shouldThrow<VerificationException> {
                FriVerifier.verify(PARAMS, setup.transcript(), intArrayOf(6, 28), proof, setup.opening())
            }.message!! shouldContain "log-size 28"
            shouldThrow<VerificationException> { FriVerifier.verify(PARAMS, setup.transcript(), intArrayOf(), proof, setup.opening()) }
        }
    }

    context("folding by 8 with caps") {
        // log-sizes 9 and 4: the input of 2^4 is lifted, so rounds fold 9 → 6 → 3 → 1 whatever the smaller sizes
        val setup = Setup(Sha256Hash.INSTANCE, WIDE, listOf(lowDegree(rng, 9, 256), lowDegree(rng, 4, 8)))
        val proof = setup.prove().proof
        setup.verify(proof)

        test("three rounds of arities 8, 8 and 4, one row per round and query, one multi-proof per round") {
            proof.layerCaps().map { it.size / 8 } shouldBe listOf(4, 4, 2)
            proof.queries()[0].siblings().map { it.size / 4 } shouldBe listOf(7, 7, 3)
            // trees of 2^6, 2^3 and 2^1 rows under caps of 2^2, 2^2 and 2^1: depths 4, 1 and 0
            val indices = setup.prove().queryIndices()
            proof.layerProofs().map { it.size() } shouldBe listOf(6 to 2, 3 to 2, 1 to 1).map { (log, cap) ->
                MerkleTree.siblingCount(log, cap, IntArray(indices.size) { indices[it] and ((1 shl log) - 1) })
            }
            proof.layerProofs()[2].size() shouldBe 0
        }
        test("any sibling value, path digest or cap digest is rejected") {
            for (r in 0 until 3) {
                for (i in proof.queries()[1].siblings()[r].indices step 3) {
                    val queries = proof.copy().queries()
                    queries[1].siblings()[r][i] = bump(queries[1].siblings()[r][i])
                    shouldThrow<VerificationException> { setup.verify(proof.copy(queries = queries)) }
                }
                for (d in 0 until proof.layerProofs()[r].size()) {
                    shouldThrow<VerificationException> { setup.verify(proof.withSibling(r, d)) }
                }
                for (d in 0 until proof.layerCaps()[r].size step 8) {
                    val caps = proof.layerCaps().map { it.clone() }.toTypedArray().also { it[r][d] = it[r][d] xor 2 }
                    shouldThrow<VerificationException> { setup.verify(proof.copy(caps = caps)) }
                }
            }
        }
        test("a polynomial of too high a degree is rejected") {
            val tooHigh = Setup(Sha256Hash.INSTANCE, WIDE, listOf(lowDegree(rng, 9, 257), lowDegree(rng, 4, 8)))
            shouldThrow<VerificationException> { tooHigh.verify(tooHigh.prove().proof) }
            val smallOne = Setup(Sha256Hash.INSTANCE, WIDE, listOf(lowDegree(rng, 9, 256), lowDegree(rng, 4, 9)))
            shouldThrow<VerificationException> { smallOne.verify(smallOne.prove().proof) }
        }
        test("a proof round-trips through bytes") {
            val bytes = ProofWriter().also { proof.write(it) }.toByteArray()
            val reader = ProofReader(bytes, Sha256Hash.INSTANCE)
            val decoded = FriProof.read(reader, WIDE, intArrayOf(9, 4))
            reader.finish()
            setup.verify(decoded)
        }
    }

    context("encoding") {
        val setup = Setup(Sha256Hash.INSTANCE, PARAMS, listOf(lowDegree(rng, 5, 16), lowDegree(rng, 3, 4)))
        val proof = setup.prove().proof
        val bytes = ProofWriter().also { proof.write(it) }.toByteArray()

        test("a proof round-trips through bytes and still verifies") {
            val reader = ProofReader(bytes, Sha256Hash.INSTANCE)
            val decoded = FriProof.read(reader, PARAMS, intArrayOf(5, 3))
            reader.finish()
            ProofWriter().also { decoded.write(it) }.toByteArray().toList() shouldBe bytes.toList()
            setup.verify(decoded)
        }
        test("every truncation and an extra byte are rejected cleanly") {
            for (len in 0 until bytes.size step 7) {
                shouldThrow<VerificationException> { FriProof.read(ProofReader(bytes.copyOf(len), Sha256Hash.INSTANCE), PARAMS, intArrayOf(5, 3)) }
            }
            shouldThrow<VerificationException> {
                ProofReader(bytes + 0, Sha256Hash.INSTANCE).also { FriProof.read(it, PARAMS, intArrayOf(5, 3)) }.finish()
            }.message!! shouldContain "trailing"
        }
        test("a non-canonical element in the bytes is rejected") {
            // the final polynomial starts right after 4 layer roots of 32 bytes, each followed by its 8-byte nonce
            val bad = bytes.clone().also { for (i in 160 until 164) it[i] = 0xFF.toByte() }
            shouldThrow<VerificationException> { FriProof.read(ProofReader(bad, Sha256Hash.INSTANCE), PARAMS, intArrayOf(5, 3)) }.message!! shouldContain "canonical"
        }
        test("every single-byte change is rejected by decoding or verification") {
            for (i in bytes.indices step 3) {
                val changed = bytes.clone().also { it[i] = (it[i].toInt() xor 0x10).toByte() }
                shouldThrow<VerificationException> {
                    val r = ProofReader(changed, Sha256Hash.INSTANCE)
                    val p = FriProof.read(r, PARAMS, intArrayOf(5, 3))
                    r.finish()
                    setup.verify(p)
                }
            }
        }
    }

    test("inputs of a bad shape are refused by the prover") {
        shouldThrow<IllegalArgumentException> { FriProver.prove(PARAMS, Transcript(Sha256Hash.INSTANCE, "t"), listOf(IntArray(12))) }
        shouldThrow<IllegalArgumentException> { FriProver.prove(PARAMS, Transcript(Sha256Hash.INSTANCE, "t"), listOf(IntArray(4))) }
            .message!! shouldContain "log-size 0"
        shouldThrow<IllegalArgumentException> { FriProver.prove(PARAMS, Transcript(Sha256Hash.INSTANCE, "t"), listOf()) }
    }
})
