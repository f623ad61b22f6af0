package dev.rivet.stark.merkle

import dev.rivet.field.BabyBear
import dev.rivet.stark.VerificationException
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.random.Random

class MerkleTreeTest : FunSpec({
    val rng = Random(11)
    fun matrix(width: Int, height: Int) = Array(width) { IntArray(height) { rng.nextInt(BabyBear.P) } }

    for (hash in listOf(Sha256Hash.INSTANCE, Poseidon2Hash.INSTANCE)) {
        val name = hash.name()

        test("$name: every row of a multi-matrix tree opens and verifies, for heights 1 to 2^6") {
            for (log in 0..6) {
                val a = matrix(3, 1 shl log)
                val b = matrix(5, 1 shl log)
                val tree = MerkleTree.commit(hash, a, b)
                tree.logHeight() shouldBe log
                tree.width() shouldBe 8
                for (i in 0 until (1 shl log)) {
                    val row = tree.row(i)
                    row.toList() shouldBe (a.map { it[i] } + b.map { it[i] })
                    MerkleTree.verify(hash, tree.root(), log, i, row, tree.open(i))
                }
            }
        }

        test("$name: several matrices commit like their concatenation; the root is deterministic") {
            val a = matrix(2, 1 shl 12)
            val b = matrix(3, 1 shl 12)
            MerkleTree.commit(hash, a, b).root().toList() shouldBe MerkleTree.commit(hash, a + b).root().toList()
            MerkleTree.commit(hash, a, b).root().toList() shouldBe MerkleTree.commit(hash, a, b).root().toList()
        }

        test("$name: tampered rows, siblings, indices, roots and malformed paths are rejected with a reason") {
            val m = matrix(4, 16)
            val tree = MerkleTree.commit(hash, m)
            val root = tree.root()
            val row = tree.row(5)
            val path = tree.open(5)
            fun fails(message: String, block: () -> Unit) =
                shouldThrow<VerificationException>(block).message!! shouldContain message

            fails("does not lead to the committed root") {
                MerkleTree.verify(hash, root, 4, 5, row.copyOf().also { it[2] = BabyBear.add(it[2], 1) }, path)
            }
            for (level in 0 until 4) {
                val s = path.siblings().also { it[8 * level + 3] = it[8 * level + 3] xor 1 }
                fails("does not lead") { MerkleTree.verify(hash, root, 4, 5, row, MerklePath(s)) }
            }
            fails("does not lead") { MerkleTree.verify(hash, root, 4, 4, row, path) }
            fails("does not lead") { MerkleTree.verify(hash, root.copyOf().also { it[0] = it[0] xor 1 }, 4, 5, row, path) }
            fails("outside a tree of 2^4 leaves") { MerkleTree.verify(hash, root, 4, 16, row, path) }
            fails("outside a tree") { MerkleTree.verify(hash, root, 4, -1, row, path) }
            fails("has 3 levels, the tree has 4") {
                MerkleTree.verify(hash, root, 4, 5, row, MerklePath(path.siblings().copyOf(24)))
            }
            fails("has 5 levels") { MerkleTree.verify(hash, root, 4, 5, row, MerklePath(path.siblings().copyOf(40))) }
            fails("log-height 31") { MerkleTree.verify(hash, root, 31, 5, row, path) }
            fails("not a canonical") { MerkleTree.verify(hash, root, 4, 5, row.copyOf().also { it[0] = -1 }, path) }
            fails("has 7 ints") { MerkleTree.verify(hash, root.copyOf(7), 4, 5, row, path) }
        }
    }

    test("bad shapes are refused when committing") {
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, arrayOf(IntArray(4), IntArray(8))) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE, arrayOf(IntArray(6))) }
        shouldThrow<IllegalArgumentException> { MerkleTree.commit(Sha256Hash.INSTANCE) }
        shouldThrow<IllegalArgumentException> { MerklePath(IntArray(7)) }
    }
})
