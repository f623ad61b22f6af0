package dev.rivet.stark.merkle

import dev.rivet.field.BabyBear
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

        test("$name: every row of every matrix of a mixed-height tree opens and verifies, for caps 0 to 3") {
            // heights 2^5, 2^5, 2^3, 2^2, 2^5 (given out of order): the tallest share the leaves
            val ms = listOf(matrix(3, 32), matrix(2, 32), matrix(4, 8), matrix(1, 4), matrix(2, 32))
            val logs = intArrayOf(5, 5, 3, 2, 5)
            for (cap in 0..3) {
                val tree = MerkleTree.commit(hash, cap, ms)
                tree.logHeight() shouldBe 5
                tree.cap().size shouldBe (8 shl minOf(cap, 2))
                for (i in 0 until 32) {
                    val rows = tree.rows(i)
                    for (m in ms.indices) rows[m].toList() shouldBe ms[m].map { it[i and ((1 shl logs[m]) - 1)] }
                    tree.open(i).depth() shouldBe 5 - minOf(cap, 2)
                    MerkleTree.verify(hash, tree.cap(), cap, logs, i, rows, tree.open(i))
                }
            }
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

        test("$name: tampered rows, siblings, indices, heights, caps and malformed paths are rejected with a reason") {
            val big = matrix(4, 16)
            val small = matrix(2, 4)
            val logs = intArrayOf(4, 2)
            val tree = MerkleTree.commit(hash, 1, listOf(big, small))
            val cap = tree.cap()
            val rows = tree.rows(5)
            val path = tree.open(5)
            fun fails(message: String, block: () -> Unit) =
                shouldThrow<VerificationException>(block).message!! shouldContain message
            fun bumped(m: Int, c: Int) = Array(2) { rows[it].copyOf() }.also { it[m][c] = BabyBear.add(it[m][c], 1) }

            MerkleTree.verify(hash, cap, 1, logs, 5, rows, path)
            fails("does not lead to the committed cap") { MerkleTree.verify(hash, cap, 1, logs, 5, bumped(0, 2), path) }
            fails("does not lead") { MerkleTree.verify(hash, cap, 1, logs, 5, bumped(1, 1), path) }
            for (level in 0 until 3) {
                val s = path.siblings().also { it[8 * level + 3] = it[8 * level + 3] xor 1 }
                fails("does not lead") { MerkleTree.verify(hash, cap, 1, logs, 5, rows, MerklePath(s)) }
            }
            fails("does not lead") { MerkleTree.verify(hash, cap, 1, logs, 4, rows, path) }
            fails("does not lead") { MerkleTree.verify(hash, cap.copyOf().also { it[8] = it[8] xor 1 }, 1, logs, 5, rows, path) }
            // the small matrix claimed one level higher or lower: its row is hashed in elsewhere
            fails("does not lead") { MerkleTree.verify(hash, cap, 1, intArrayOf(4, 3), 5, rows, path) }
            fails("does not lead") { MerkleTree.verify(hash, cap, 1, intArrayOf(4, 1), 5, rows, path) }
            // a row moved from one matrix to the other (the widths are the verifier's, the bytes the same)
            fails("does not lead") {
                MerkleTree.verify(hash, cap, 1, logs, 5, arrayOf(rows[0] + rows[1][0], rows[1].copyOfRange(1, 2)), path)
            }
            fails("2 rows for 1 matrices") { MerkleTree.verify(hash, cap, 1, intArrayOf(4), 5, rows, path) }
            fails("outside a tree of 2^4 leaves") { MerkleTree.verify(hash, cap, 1, logs, 16, rows, path) }
            fails("outside a tree") { MerkleTree.verify(hash, cap, 1, logs, -1, rows, path) }
            fails("has 2 levels, the tree has 3") {
                MerkleTree.verify(hash, cap, 1, logs, 5, rows, MerklePath(path.siblings().copyOf(16)))
            }
            fails("has 4 levels") { MerkleTree.verify(hash, cap, 1, logs, 5, rows, MerklePath(path.siblings().copyOf(32))) }
            fails("log-height 31") { MerkleTree.verify(hash, cap, 1, intArrayOf(31, 2), 5, rows, path) }
            fails("not a canonical") {
                MerkleTree.verify(hash, cap, 1, logs, 5, Array(2) { rows[it].copyOf() }.also { it[1][0] = -1 }, path)
            }
            fails("has 15 ints, expected 16") { MerkleTree.verify(hash, cap.copyOf(15), 1, logs, 5, rows, path) }
            fails("expected 32") { MerkleTree.verify(hash, cap, 2, logs, 5, rows, path) }
        }
    }

    test("bad shapes are refused when committing") {
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf(arrayOf(IntArray(4), IntArray(8)))) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf(arrayOf(IntArray(6)))) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf(arrayOf<IntArray>())) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, 0, listOf()) }
        shouldThrow<IllegalArgumentException> { MerklePath(IntArray(7)) }
    }
})
