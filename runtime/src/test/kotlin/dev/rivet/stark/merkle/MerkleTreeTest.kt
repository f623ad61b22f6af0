package dev.rivet.stark.merkle

import dev.rivet.field.BabyBear
import dev.rivet.stark.ProofReader
import dev.rivet.stark.ProofWriter
import dev.rivet.stark.VerificationException
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import kotlin.random.Random

class MerkleTreeTest : FunSpec({
    val rng = Random(11)
    fun matrix(width: Int, height: Int) = Array(width) { IntArray(height) { rng.nextInt(BabyBear.P) } }

    for (hash in listOf(Sha256Hash.INSTANCE, Poseidon2Hash.INSTANCE)) {
        val name = hash.name()

        test("$name: batch openings of a mixed-height tree verify: one index, all, random sets with repeats, caps 0 to 3") {
            // heights 2^5, 2^5, 2^3, 2^2, 2^5 (given out of order): the tallest share the leaves
            val ms = listOf(matrix(3, 32), matrix(2, 32), matrix(4, 8), matrix(1, 4), matrix(2, 32))
            val logs = intArrayOf(5, 5, 3, 2, 5)
            for (cap in 0..3) {
                val tree = MerkleTree.commit(hash, cap, ms)
                tree.logHeight() shouldBe 5
                tree.cap().size shouldBe (8 shl minOf(cap, 2))
                val depth = 5 - minOf(cap, 2)
                val sets = (0 until 32).map { intArrayOf(it) } + listOf(IntArray(32) { it }, IntArray(64) { it % 32 }) +
                    List(20) { IntArray(rng.nextInt(1, 40)) { rng.nextInt(32) } }
                for (indices in sets) {
                    val rows = Array(indices.size) { tree.rows(indices[it]) }
                    for (q in indices.indices) for (m in ms.indices) {
                        rows[q][m].toList() shouldBe ms[m].map { it[indices[q] and ((1 shl logs[m]) - 1)] }
                    }
                    val proof = tree.openBatch(indices)
                    proof.size() shouldBe MerkleTree.siblingCount(5, minOf(cap, 2), indices)
                    MerkleTree.verifyBatch(hash, tree.cap(), cap, logs, indices, rows, proof)
                }
                // one index needs one sibling per level, all of them none
                tree.openBatch(intArrayOf(7)).size() shouldBe depth
                tree.openBatch(IntArray(32) { 31 - it }).size() shouldBe 0
            }
        }

        test("$name: the multi-proof holds exactly the siblings the indices cannot compute, leaves first, ascending") {
            // a single tree of 2^4 leaves, cap 0: node j of level l + 1 compresses nodes j and j + 2^(3 - l)
            val m = matrix(1, 16)
            val tree = MerkleTree.commit(hash, 0, listOf(m))
            fun leaf(i: Int) = IntArray(8).also { hash.hashRow(intArrayOf(m[0][i]), it, 0) }
            fun node(a: IntArray, b: IntArray) = IntArray(8).also { hash.compress(a, 0, b, 0, it, 0) }
            val level1 = (0 until 8).map { node(leaf(it), leaf(it + 8)) }
            val level2 = (0 until 4).map { node(level1[it], level1[it + 4]) }
            // indices 9, 3, 1, 9: leaves 1 and 9 pair up, 3 needs leaf 11; level 1 reaches nodes 1 and 3, which need
            // 5 and 7; level 2 reaches 1 and 3, a pair; level 3 reaches node 1, which needs node 0
            val level3 = (0 until 2).map { node(level2[it], level2[it + 2]) }
            val expected = listOf(leaf(11), level1[5], level1[7], level3[0])
            tree.openBatch(intArrayOf(9, 3, 1, 9)).siblings().toList() shouldBe expected.flatMap { it.toList() }
        }
        test("$name: one height commits like the concatenation; a smaller matrix joins above the leaves") {
            val a = matrix(2, 1 shl 12)
            val b = matrix(3, 1 shl 12)
            val small = matrix(2, 1 shl 4)
            MerkleTree.commit(hash, 0, listOf(a, b)).cap().toList() shouldBe MerkleTree.commit(hash, 0, listOf(a + b)).cap().toList()
            MerkleTree.commit(hash, 2, listOf(a, small)).cap().toList() shouldBe
                MerkleTree.commit(hash, 2, listOf(a, small)).cap().toList()
            // the small matrix is committed: another one changes the cap
            MerkleTree.commit(hash, 2, listOf(a, small)).cap().toList() shouldNotBe
                MerkleTree.commit(hash, 2, listOf(a, matrix(2, 1 shl 4))).cap().toList()
        }

        test("$name: the level a matrix joins is its height: a node of level l is node i mod 2^(K - l)") {
            // with a single matrix of height 2^k the cap of height k is its row hashes, in natural order
            val m = matrix(3, 8)
            val cap = MerkleTree.commit(hash, 3, listOf(m)).cap()
            for (j in 0 until 8) {
                val d = IntArray(8)
                hash.hashRow(m.map { it[j] }.toIntArray(), d, 0)
                cap.copyOfRange(8 * j, 8 * j + 8).toList() shouldBe d.toList()
            }
            // two levels: node j of level 1 compresses leaves j and j + 4 (FRI's pairing), then the row of the joining matrix
            val top = matrix(1, 8)
            val joining = matrix(2, 4)
            val cap2 = MerkleTree.commit(hash, 2, listOf(top, joining)).cap()
            for (j in 0 until 4) {
                val lo = IntArray(8).also { hash.hashRow(intArrayOf(top[0][j]), it, 0) }
                val hi = IntArray(8).also { hash.hashRow(intArrayOf(top[0][j + 4]), it, 0) }
                val node = IntArray(8).also { hash.compress(lo, 0, hi, 0, it, 0) }
                val row = IntArray(8).also { hash.hashRow(intArrayOf(joining[0][j], joining[1][j]), it, 0) }
                hash.compress(node, 0, row, 0, node, 0)
                cap2.copyOfRange(8 * j, 8 * j + 8).toList() shouldBe node.toList()
            }
        }

        test("$name: every tampered sibling word, opened value and cap word is rejected, and every bad shape") {
            val big = matrix(4, 16)
            val small = matrix(2, 4)
            val logs = intArrayOf(4, 2)
            val tree = MerkleTree.commit(hash, 1, listOf(big, small))
            val cap = tree.cap()
            // 5 twice; 1 and 9 reach row 1 of the small matrix as 5 does; 12 alone
            val indices = intArrayOf(5, 12, 1, 5, 9)
            val rows = Array(indices.size) { tree.rows(indices[it]) }
            val proof = tree.openBatch(indices)
            fun copyRows() = Array(rows.size) { q -> Array(2) { rows[q][it].copyOf() } }
            fun fails(message: String, block: () -> Unit) =
                shouldThrow<VerificationException>(block).message!! shouldContain message

            MerkleTree.verifyBatch(hash, cap, 1, logs, indices, rows, proof)
            val siblings = proof.siblings()
            for (i in siblings.indices) {
                val s = siblings.copyOf().also { it[i] = it[i] xor 1 }
                fails("do not lead to the committed cap") { MerkleTree.verifyBatch(hash, cap, 1, logs, indices, rows, MerkleMultiProof(s)) }
            }
            for (q in indices.indices) for (m in 0 until 2) for (c in rows[q][m].indices) {
                val bumped = copyRows().also { it[q][m][c] = BabyBear.add(it[q][m][c], 1) }
                val e = shouldThrow<VerificationException> { MerkleTree.verifyBatch(hash, cap, 1, logs, indices, bumped, proof) }
                // a row that another opening shares is caught by comparison, the others by the hash
                val shared = indices.indices.any { it != q && (indices[it] and ((1 shl logs[m]) - 1)) == (indices[q] and ((1 shl logs[m]) - 1)) }
                e.message!! shouldContain if (shared) "different values" else "do not lead to the committed cap"
            }
            for (i in cap.indices) {
                fails("do not lead") { MerkleTree.verifyBatch(hash, cap.copyOf().also { it[i] = it[i] xor 1 }, 1, logs, indices, rows, proof) }
            }
            // rows of 5 claimed at 13, which shares 5's row of the small matrix: the big one's row is not 13's
            fails("do not lead") { MerkleTree.verifyBatch(hash, cap, 1, logs, intArrayOf(13, 12, 1, 13, 9), rows, proof) }
            // the small matrix claimed one level higher or lower: its row is hashed in elsewhere
            fails("do not lead") { MerkleTree.verifyBatch(hash, cap, 1, intArrayOf(4, 3), indices, rows, proof) }
            fails("do not lead") { MerkleTree.verifyBatch(hash, cap, 1, intArrayOf(4, 1), indices, rows, proof) }
            // a row moved from one matrix to the other (the widths are the verifier's, the bytes the same)
            val moved = Array(rows.size) { q -> arrayOf(rows[q][0] + rows[q][1][0], rows[q][1].copyOfRange(1, 2)) }
            fails("do not lead") { MerkleTree.verifyBatch(hash, cap, 1, logs, indices, moved, proof) }
            fails("has 2 rows for 1 matrices") { MerkleTree.verifyBatch(hash, cap, 1, intArrayOf(4), indices, rows, proof) }
            fails("5 openings for 4 indices") { MerkleTree.verifyBatch(hash, cap, 1, logs, indices.copyOf(4), rows, proof) }
            fails("outside a tree of 2^4 leaves") { MerkleTree.verifyBatch(hash, cap, 1, logs, intArrayOf(5, 12, 1, 5, 16), rows, proof) }
            fails("outside a tree") { MerkleTree.verifyBatch(hash, cap, 1, logs, intArrayOf(5, 12, 1, 5, -1), rows, proof) }
            val n = proof.size()
            fails("has ${n - 1} siblings, the 4 distinct indices need $n") {
                MerkleTree.verifyBatch(hash, cap, 1, logs, indices, rows, MerkleMultiProof(siblings.copyOf(8 * (n - 1))))
            }
            fails("has ${n + 1} siblings") {
                MerkleTree.verifyBatch(hash, cap, 1, logs, indices, rows, MerkleMultiProof(siblings + siblings.copyOf(8)))
            }
            fails("log-height 31") { MerkleTree.verifyBatch(hash, cap, 1, intArrayOf(31, 2), indices, rows, proof) }
            fails("not a canonical") {
                MerkleTree.verifyBatch(hash, cap, 1, logs, indices, copyRows().also { it[2][1][0] = -1 }, proof)
            }
            fails("has 15 ints, expected 16") { MerkleTree.verifyBatch(hash, cap.copyOf(15), 1, logs, indices, rows, proof) }
            fails("expected 32") { MerkleTree.verifyBatch(hash, cap, 2, logs, indices, rows, proof) }
        }

        test("$name: a multi-proof round-trips through bytes; its count is bounded before anything is allocated") {
            val tree = MerkleTree.commit(hash, 0, listOf(matrix(2, 64)))
            val proof = tree.openBatch(intArrayOf(3, 40, 17))
            val bytes = ProofWriter().also { proof.write(it) }.toByteArray()
            bytes.size shouldBe 4 + 32 * proof.size()
            MerkleMultiProof.read(ProofReader(bytes, hash), 3 * 6, "test").also { it shouldBe proof }
            shouldThrow<VerificationException> { MerkleMultiProof.read(ProofReader(bytes, hash), proof.size() - 1, "test tree") }
                .message!! shouldContain "test tree Merkle siblings count ${proof.size()} exceeds the maximum ${proof.size() - 1}"
            shouldThrow<VerificationException> { MerkleMultiProof.read(ProofReader(bytes.copyOf(bytes.size - 1), hash), 18, "test tree") }
                .message!! shouldContain "test tree Merkle siblings needs"
        }
    }

    test("bad shapes are refused when committing") {
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf(arrayOf(IntArray(4), IntArray(8)))) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf(arrayOf(IntArray(6)))) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf(arrayOf<IntArray>())) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf()) }
        shouldThrow<IllegalArgumentException> { MerkleMultiProof(IntArray(7)) }
        shouldThrow<IndexOutOfBoundsException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf(arrayOf(IntArray(4)))).openBatch(intArrayOf(1, 4)) }
    }
})
