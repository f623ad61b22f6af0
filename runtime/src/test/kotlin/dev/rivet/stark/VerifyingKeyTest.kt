package dev.rivet.stark

import dev.rivet.circuits.demo.ByteAdd
import dev.rivet.dsl.gadgets.ByteRangeTable
import dev.rivet.circuits.demo.Fibonacci
import dev.rivet.stark.hash.Poseidon2Hash
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.security.MessageDigest

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
        val v2 = good.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2) }
        refused(v2) shouldContain "unsupported verifying key version 2: this build reads only version 1"
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
