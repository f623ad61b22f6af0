package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Trace
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.security.MessageDigest

/** A chip whose one column must equal its preprocessed column: a table per list of fixed values, one shape. */
private class Fixed(val values: IntArray) : Chip("fixed") {
    val x = column("x")
    val p = preprocessed("p", values)

    init {
        assertEq("x is p", x, p)
    }

    fun fill(): Trace = newTrace(values.size).also { t -> values.forEachIndexed { row, v -> t[x, row] = v } }
}

class VerifyingKeyTest : FunSpec({
    val fib = Fibonacci()
    val adder = ByteAdd()
    val bytes = ByteRangeTable()
    val tables = listOf(fib.table(), adder.table(), bytes.table())

    for (hash in listOf(Sha256Hash.INSTANCE, Poseidon2Hash.INSTANCE)) {
        test("${hash.name()}: a key round-trips through its bytes, tables and digests equal, and verifies a proof") {
            val config = StarkConfig(SecurityParameters(1, 5, 1, 2, 1), hash)
            val pk = ProvingKey.setup(config, tables)
            val vk = pk.verifyingKey()
            val decoded = VerifyingKey.fromBytes(vk.toBytes())
            decoded.config() shouldBe config
            decoded.tables().map { it.digestHex() } shouldBe tables.map { it.digestHex() }
            decoded.tables().map { it.publicValues() } shouldBe tables.map { it.publicValues() }
            decoded.preprocessedCommitment()?.toList() shouldBe vk.preprocessedCommitment()?.toList()
            decoded.digestHex() shouldBe vk.digestHex()
            vk.digest().size shouldBe 32
            (vk.digest() contentEquals MessageDigest.getInstance("SHA-256").digest(vk.toBytes())) shouldBe true
            val traces = listOf(fib.fill(16, 0, 1)) + ByteAdd.example(adder, bytes, 16, 5)
            Verifier.verify(decoded, publics(traces), Prover.prove(pk, traces).toBytes(), ANY)
        }
    }

    test("the digest changes with the configuration and with the tables") {
        val a = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(fib.table())).verifyingKey()
        val b = ProvingKey.setup(StarkConfig(SecurityParameters(1, 17, 4, 0, 0), Sha256Hash.INSTANCE), listOf(fib.table()))
            .verifyingKey()
        val c = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(fib.table(), adder.table(), bytes.table()))
            .verifyingKey()
        setOf(a.digestHex(), b.digestHex(), c.digestHex()).size shouldBe 3
    }

    test("malformed keys are refused with an IllegalArgumentException naming the problem") {
        val good = ProvingKey.setup(StarkConfig.insecureForTests(), tables).verifyingKey().toBytes()
        fun refused(b: ByteArray) = shouldThrow<IllegalArgumentException> { VerifyingKey.fromBytes(b) }.message!!
        refused(ByteArray(0)) shouldBe "verifying key is empty"
        refused(good.copyOf(3)) shouldStartWith "verifying key truncated at byte 0"
        refused(good.copyOf(good.size - 1)) shouldStartWith "verifying key truncated"
        refused(good + 0) shouldContain "1 trailing bytes"
        refused("RVTP".toByteArray() + good.copyOfRange(4, good.size)) shouldContain "not a Rivet verifying key"
        val v1 = good.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1) }
        refused(v1) shouldContain "unsupported verifying key version 1: this build reads only version 2"
        // a huge table count or encoding length is refused before anything is allocated
        val count = 8 + 4 + "sha256".length + 28
        refused(good.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(count, Int.MAX_VALUE) }) shouldContain
            "table count 2147483647 is outside"
        refused(good.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(count + 4, -1) }) shouldContain
            "table encoding length 4294967295 is outside"
        // a recorded table digest that is not its encoding's
        val firstDigest = count + 8 + fib.table().encode().size
        refused(good.copyOf().also { it[firstDigest] = (it[firstDigest] + 1).toByte() }) shouldContain
            "table 0 ('fibonacci'): the recorded digest is not that of its encoding"
    }

    test("a key holds no preprocessed values: the byte table's key is far smaller than its 2^16 rows") {
        val vk = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(bytes.table())).verifyingKey()
        (vk.toBytes().size < 4096) shouldBe true
        val decoded = VerifyingKey.fromBytes(vk.toBytes()).tables()[0]
        decoded.hasPreprocessedValues() shouldBe false
        shouldThrow<IllegalStateException> { decoded.preprocessedValues(0) }.message!! shouldContain
            "which holds no preprocessed values"
    }

    test("tables differing only in preprocessed values: one machine digest, two key digests, proofs not interchangeable") {
        val a = Fixed(intArrayOf(1, 2, 3, 4))
        val b = Fixed(intArrayOf(1, 2, 3, 5))
        a.table().digestHex() shouldBe b.table().digestHex()
        val config = StarkConfig.insecureForTests()
        val pkA = ProvingKey.setup(config, listOf(a.table()))
        val pkB = ProvingKey.setup(config, listOf(b.table()))
        val vkA = VerifyingKey.fromBytes(pkA.verifyingKey().toBytes())
        val vkB = VerifyingKey.fromBytes(pkB.verifyingKey().toBytes())
        (vkA.machineDigest() contentEquals vkB.machineDigest()) shouldBe true
        vkA.digestHex() shouldNotBe vkB.digestHex()
        // the machine digest is the digest of the encoding without the cap, the cap being the encoding's last bytes
        val capBytes = 4 * vkA.preprocessedCommitment()!!.size
        val machine = vkA.toBytes().copyOf(vkA.toBytes().size - capBytes)
        (vkA.machineDigest() contentEquals MessageDigest.getInstance("SHA-256").digest(machine)) shouldBe true
        val proof = Prover.prove(pkA, listOf(a.fill())).toBytes()
        Verifier.verify(vkA, listOf(IntArray(0)), proof, ANY)
        shouldThrow<VerificationException> { Verifier.verify(vkB, listOf(IntArray(0)), proof, ANY) }
        // the prover refuses a trace filled for the other values, though its table has the same digest
        shouldThrow<IllegalArgumentException> { Prover.prove(pkB, listOf(a.fill())) }.message!! shouldContain
            "same name, other shape or preprocessed values"
    }

    test("a Poseidon2 key's preprocessed root must be canonical") {
        val vk = ProvingKey.setup(StarkConfig(SecurityParameters.INSECURE_TEST, Poseidon2Hash.INSTANCE),
            listOf(bytes.table())).verifyingKey()
        val b = vk.toBytes()
        val root = b.size - 32 // the byte table's root ends the key
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(root, -1)
        shouldThrow<IllegalArgumentException> { VerifyingKey.fromBytes(b) }.message!! shouldContain
            "preprocessed cap's digest 0 is not a poseidon2-babybear-16 digest"
    }
})
