package dev.rivet.stark

import dev.rivet.air.AirTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Trace
import dev.rivet.field.BabyBear
import dev.rivet.stark.hash.Sha256Hash
import dev.rivet.stark.merkle.MerkleTree
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/**
 * A table with a preprocessed column that no constraint reads: the out-of-domain check never sees it, so only FRI,
 * through the table's DEEP composition, tests that its committed LDE is low degree.
 */
private class Tagged(height: Int) : Chip("tagged") {
    val bit = column("bit")
    val tag = preprocessed("tag", IntArray(height) { 3 * it + 1 })

    init {
        assertBool("bit", bit)
    }

    fun fill(): Trace =
        newTrace(table().preprocessedHeight()).also { for (row in 0 until it.height()) it[bit, row] = row % 2 }
}

/**
 * The key of [tables] with table [t]'s first preprocessed column committed as T + X^n − 1 on its LDE coset: the
 * same values on the trace domain, but of degree n, half its LDE away from every polynomial of degree below n. A
 * cheating setup, which the verifier (trusting the key) can catch only by FRI.
 */
private fun keyWithHighDegreeColumn(config: StarkConfig, tables: List<AirTable>, t: Int): ProvingKey {
    val honest = ProvingKey.setup(config, tables)
    val ldes = honest.preprocessedLdes.map { m -> m?.map { it.clone() }?.toTypedArray() }.toTypedArray()
    val column = ldes[t]!![0]
    val logLde = Integer.numberOfTrailingZeros(column.size)
    val n = tables[t].preprocessedHeight().toLong()
    for (i in column.indices) {
        column[i] = BabyBear.add(column[i], BabyBear.sub(BabyBear.pow(Cosets.point(logLde, i), n), 1))
    }
    val tree = MerkleTree.commit(config.hash(), config.security().logCapHeight(), ldes.filterNotNull())
    val constructor = ProvingKey::class.java.getDeclaredConstructor(VerifyingKey::class.java,
        Array<Array<IntArray>>::class.java, Array<Array<IntArray>>::class.java, MerkleTree::class.java)
    constructor.isAccessible = true
    return constructor.newInstance(VerifyingKey(config, tables, tree.cap()), honest.preprocessedTraces, ldes, tree)
}

/** FRI runs on one input, every table's DEEP composition lifted to the largest LDE: the tables' side of it. */
class LiftedFriTest : FunSpec({
    // a final polynomial of 2^3 coefficients: the smallest table, of 2^2 rows, lies below FRI's final layer
    val config = StarkConfig(SecurityParameters(1, 8, 0, 0, 3, 2, 1), Sha256Hash.INSTANCE)
    val fib = Fibonacci()
    val small = Fibonacci()
    val tagged = Tagged(4)
    val tables = listOf(fib.table(), small.table(), tagged.table())
    val traces = listOf(fib.fill(64, 0, 1), small.fill(16, 2, 3), tagged.fill())

    test("tables of three heights, the smallest below the final polynomial's length, prove and verify") {
        val pk = ProvingKey.setup(config, tables)
        val proof = Proof.fromBytes(Prover.prove(pk, traces).toBytes(), pk.verifyingKey())
        proof.logHeights.toList() shouldBe listOf(6, 4, 2)
        // one FRI over the top domain of 2^7 points: folds by 4 down to 2^(3 + 1), whatever the smaller heights
        proof.fri.layerCaps().size shouldBe 2
        proof.fri.queries()[0].siblings().map { it.size / 4 } shouldBe listOf(3, 1)
        Verifier.verify(pk.verifyingKey(), publics(traces), proof, ANY)
    }

    test("the smallest table's committed LDE not of low degree, right on its trace domain, is rejected by FRI") {
        val cheat = keyWithHighDegreeColumn(config, tables, 2)
        val proof = Prover.prove(cheat, traces)
        shouldThrow<VerificationException> { Verifier.verify(cheat.verifyingKey(), publics(traces), proof, ANY) }
            .message!! shouldContain "FRI query"
    }

    test("the largest table needs the final polynomial's rows; smaller ones need not") {
        val pk = ProvingKey.setup(config, listOf(small.table(), tagged.table()))
        val low = listOf(small.fill(4, 2, 3), tagged.fill())
        shouldThrow<IllegalArgumentException> { Prover.prove(pk, low) }.message shouldBe
            "the largest table has 2^2 rows, below 2^3, the least FRI's final polynomial of 2^3 coefficients allows"
        val enough = listOf(small.fill(8, 2, 3), tagged.fill())
        val bytes = Prover.prove(pk, enough).toBytes()
        Verifier.verify(pk.verifyingKey(), publics(enough), bytes, ANY)
        // the same proof claiming 2^2 rows for its largest table: the log heights follow the header's two digests
        val heights = 16 + Sha256Hash.INSTANCE.name().length + 7 * 4 + 2 * 32
        bytes[heights] shouldBe 3.toByte()
        bytes[heights] = 2
        shouldThrow<VerificationException> { Proof.fromBytes(bytes, pk.verifyingKey()) }.message shouldBe
            "the largest table's log height 2 is below 3, the least FRI's final polynomial of 2^3 coefficients allows"
    }
})
