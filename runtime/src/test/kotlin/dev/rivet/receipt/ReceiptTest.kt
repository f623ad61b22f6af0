package dev.rivet.receipt

import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Expr
import dev.rivet.dsl.Trace
import dev.rivet.exec.ProgramDigest
import dev.rivet.stark.ProvingKey
import dev.rivet.stark.Prover
import dev.rivet.stark.StarkConfig
import dev.rivet.stark.VerificationException
import dev.rivet.stark.VerifyingKey
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.nio.ByteBuffer
import java.nio.ByteOrder

private data class State(val pc: Expr, val clk: Expr) : BusMessage {
    override fun fields() = listOf(pc, clk)
}

private data class Halt(val lo: Expr, val hi: Expr, val n: Expr) : BusMessage {
    override fun fields() = listOf(lo, hi, n)
}

private data class JournalByte(val index: Expr, val value: Expr) : BusMessage {
    override fun fields() = listOf(index, value)
}

private val STATE = Bus.of<State>("rv32_state", "pc", "clk").withPublicMessages()
private val HALT = Bus.of<Halt>("rv32_halt", "exit_lo", "exit_hi", "journal_length").withPublicMessages()
private val JOURNAL = Bus.of<JournalByte>("rv32_journal", "index", "value").withPublicMessages()

/**
 * A toy machine with the RV32IM public buses: its first row takes the start state, which must be its "program"
 * (a preprocessed column, so the program is in the key's cap); its last row sends the halt; flagged rows send the
 * journal's bytes. Nothing else is proven, which is all a receipt's statement needs.
 */
private class Toy(val entry: Int) : Chip("toy") {
    val pc = column("pc")
    val clk = column("clk")
    val lo = column("exit_lo")
    val hi = column("exit_hi")
    val n = column("n")
    val index = column("index")
    val value = column("value")
    val flag = column("flag")
    val code = preprocessed("code", IntArray(HEIGHT) { if (it == 0) entry else 0 })

    init {
        whenFirstRow().assertEq(pc, code)
        whenFirstRow().receive(STATE, State(pc, clk))
        whenLastRow().send(HALT, Halt(lo, hi, n))
        assertBool(flag)
        send(JOURNAL, JournalByte(index, value), flag)
    }

    fun fill(exit: Int, journal: ByteArray): Trace {
        val t = newTrace(HEIGHT)
        for (row in 0 until HEIGHT) {
            t[pc, row] = entry
            t[clk, row] = 4
            t[lo, row] = exit and 0xffff
            t[hi, row] = exit ushr 16
            t[n, row] = journal.size
            t[index, row] = row
            if (row < journal.size) {
                t[value, row] = journal[row].toInt() and 0xff
                t[flag, row] = 1
            }
        }
        return t
    }

    companion object {
        const val HEIGHT = 8
    }
}

private const val ENTRY = 0x1000
/** The code region the toy's receipts carry (the toy has no store chip, so only the image ID sees it). */
private val CODE = CodeRegion(0x10000, 0x10100)
private val ANY = VerifyOptions.DEFAULT.withRequiredBits(0.0)

/** A proven run of the toy machine as a receipt. */
private fun receipt(toy: Toy, exit: Int, journal: ByteArray): Pair<Receipt, VerifyingKey> {
    val pk = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(toy.table()))
    val vk = pk.verifyingKey()
    val claim = Claim(ImageId.of(vk, toy.entry, CODE), exit, journal)
    val seal = Prover.prove(pk, listOf(toy.fill(exit, journal)), ClaimMessages.RV32IM.messages(claim, toy.entry))
    return Receipt.of(vk, toy.entry, CODE, exit, journal, seal.toBytes(), 1234) to vk
}

private const val GOLDEN = "/golden/receipt-v2.bin"
/** The toy run's image ID, as the committed receipt names it: a change means ImageId's derivation or the key moved. */
private const val GOLDEN_IMAGE = "7826c9e2d5a222e8fe3d18827809abf23c6b904405929d7800132577f0d0e906"

private fun ByteArray.putInt(at: Int, v: Int) = copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v) }

class ReceiptTest : FunSpec({
    val toy = Toy(ENTRY)
    val journal = "hi!".toByteArray()
    val (good, vk) = receipt(toy, 0, journal)
    val image = ImageId.of(vk, ENTRY, CODE)

    test("a proven run verifies as a receipt, from its bytes and the expected image ID alone") {
        val decoded = Receipt.fromBytes(good.toBytes())
        decoded.claim() shouldBe good.claim()
        decoded.claim().imageId() shouldBe image
        decoded.cycles() shouldBe 1234
        decoded.entryPc() shouldBe ENTRY
        decoded.codeRegion() shouldBe CODE
        decoded.verify(image, ANY)
    }

    test("the committed v2 receipt verifies for its image ID, and proving the same run reproduces it") {
        val fresh = good.toBytes()
        if (System.getenv("REGENERATE_GOLDEN") != null) {
            java.nio.file.Files.write(java.nio.file.Path.of("src/test/resources$GOLDEN"), fresh)
            error("golden receipt regenerated for image $image; set GOLDEN_IMAGE and rerun without REGENERATE_GOLDEN")
        }
        val golden = ReceiptTest::class.java.getResourceAsStream(GOLDEN)!!.readAllBytes()
        Receipt.fromBytes(golden).verify(ImageId.parse(GOLDEN_IMAGE), ANY)
        image.toString() shouldBe GOLDEN_IMAGE
        (fresh contentEquals golden) shouldBe true
    }

    test("the encoding is canonical: decode then encode gives the same bytes, and fields sit where documented") {
        val bytes = good.toBytes()
        Receipt.fromBytes(bytes).toBytes() shouldBe bytes
        bytes.copyOf(4).decodeToString() shouldBe "RVRC"
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4) shouldBe 2
        bytes.copyOfRange(8, 40) shouldBe image.bytes()
        Receipt(good.claim(), good.verifyingKey(), ENTRY, CODE, good.seal(), 1234).toBytes() shouldBe bytes
    }

    test("image IDs: hex round-trips, bad hex is refused clearly, and they differ by program and entry pc") {
        ImageId.parse(image.toString()) shouldBe image
        image.toString().length shouldBe 64
        shouldThrow<IllegalArgumentException> { ImageId.parse("abc") }.message shouldBe
            "an image ID is 64 hex digits, not 3"
        shouldThrow<IllegalArgumentException> { ImageId.parse("A" + image.toString().drop(1)) }.message shouldBe
            "an image ID is lowercase hex digits: 'A' at position 0"
        shouldThrow<IllegalArgumentException> { ImageId.fromBytes(ByteArray(31)) }.message shouldBe
            "an image ID is 32 bytes, not 31"
        ImageId.fromBytes(image.bytes()) shouldBe image
        // the same 32 bytes as a program digest name an ELF for the executor, not what a proof verifies against
        ProgramDigest.parse(image.toString()).toString() shouldBe image.toString()
        (ProgramDigest.parse(image.toString()) as Any) shouldNotBe image
        ImageId.of(vk, ENTRY + 4, CODE) shouldNotBe image
        // another program of the same machine: same machine digest, another commitment, another image
        val other = ProvingKey.setup(StarkConfig.insecureForTests(), listOf(Toy(ENTRY + 4).table())).verifyingKey()
        (other.machineDigest() contentEquals vk.machineDigest()) shouldBe true
        ImageId.of(other, ENTRY, CODE) shouldNotBe image
        // the code region, which the store chips keep stores out of, is part of the image
        ImageId.of(vk, ENTRY, CodeRegion(0x10000, 0x10104)) shouldNotBe image
        ImageId.of(vk, ENTRY, CodeRegion(0x10004, 0x10100)) shouldNotBe image
    }

    test("a receipt for another image is refused first, naming both") {
        val (otherReceipt, otherVk) = receipt(Toy(ENTRY + 4), 0, journal)
        val e = shouldThrow<VerificationException> { otherReceipt.verify(image, ANY) }
        e.message shouldBe "receipt is for image ${ImageId.of(otherVk, ENTRY + 4, CODE)}, expected $image"
        // a claim naming the expected image over another program's key does not help
        val forged = Receipt(Claim(image, 0, journal), otherReceipt.verifyingKey(), ENTRY + 4, CODE, otherReceipt.seal(), 1)
        shouldThrow<VerificationException> { forged.verify(image, ANY) }.message!! shouldStartWith
            "receipt is for image"
        // nor does moving the entry pc
        val moved = Receipt(good.claim(), good.verifyingKey(), ENTRY + 4, CODE, good.seal(), 1)
        shouldThrow<VerificationException> { moved.verify(image, ANY) }.message!! shouldStartWith
            "receipt is for image"
        // nor does shrinking the code region (to make room for a store into the code)
        val shrunk = Receipt(good.claim(), good.verifyingKey(), ENTRY, CodeRegion(0x10000, 0x10004), good.seal(), 1)
        shouldThrow<VerificationException> { shrunk.verify(image, ANY) }.message!! shouldStartWith
            "receipt is for image"
    }

    test("exit codes: nonzero is refused by default, accepted when allowed, and a changed code fails the seal") {
        val (failed, _) = receipt(toy, 0x12345, journal)
        shouldThrow<VerificationException> { failed.verify(image, ANY) }.message shouldBe
            "guest exited with code 74565; nonzero exit codes are refused unless allowed (VerifyOptions.allowingNonzeroExit())"
        failed.verify(image, ANY.allowingNonzeroExit())
        val lie = Receipt(Claim(image, 0, journal), failed.verifyingKey(), ENTRY, CODE, failed.seal(), 1)
        shouldThrow<VerificationException> { lie.verify(image, ANY) }
        val other = Receipt(Claim(image, 0x12346, journal), failed.verifyingKey(), ENTRY, CODE, failed.seal(), 1)
        shouldThrow<VerificationException> { other.verify(image, ANY.allowingNonzeroExit()) }
    }

    test("tampering with the journal, a seal byte or the claim's image ID is rejected") {
        for (changed in listOf("hi?".toByteArray(), "hi".toByteArray(), "hi!!".toByteArray())) {
            val r = Receipt(Claim(image, 0, changed), good.verifyingKey(), ENTRY, CODE, good.seal(), 1)
            shouldThrow<VerificationException> { r.verify(image, ANY) }
        }
        val seal = good.seal()
        for (at in listOf(seal.size / 3, seal.size / 2, seal.size - 1)) {
            val bad = seal.copyOf().also { it[at] = (it[at].toInt() xor 1).toByte() }
            shouldThrow<VerificationException> {
                Receipt(good.claim(), good.verifyingKey(), ENTRY, CODE, bad, 1).verify(image, ANY)
            }
        }
        val wrongId = ImageId.fromBytes(image.bytes().also { it[0] = (it[0].toInt() xor 1).toByte() })
        shouldThrow<VerificationException> {
            Receipt(Claim(wrongId, 0, journal), good.verifyingKey(), ENTRY, CODE, good.seal(), 1).verify(image, ANY)
        }.message shouldBe "receipt's claim names image $wrongId but its key, entry pc and code region are image $image"
        // the default options ask for 100 bits, which the test configuration does not reach
        shouldThrow<VerificationException> { good.verify(image) }.message!! shouldContain "soundness"
    }

    test("a broken key inside the receipt is a verification failure naming the key") {
        val key = good.verifyingKey()
        val r = Receipt(good.claim(), key.copyOf(key.size - 1), ENTRY, CODE, good.seal(), 1)
        shouldThrow<VerificationException> { r.verify(image, ANY) }.message!! shouldStartWith
            "receipt's verifying key truncated"
    }

    test("truncated, padded or garbage bytes are refused with the field and offset") {
        val bytes = good.toBytes()
        fun refused(b: ByteArray) = shouldThrow<IllegalArgumentException> { Receipt.fromBytes(b) }.message!!
        refused(ByteArray(0)) shouldBe "receipt is empty"
        refused("RVTK".toByteArray() + bytes.copyOfRange(4, bytes.size)) shouldBe
            "receipt invalid at byte 0: not a Rivet receipt (bad magic)"
        refused(bytes.putInt(4, 1)) shouldBe "receipt invalid at byte 4: unsupported receipt version 1: this build reads only version 2"
        refused(bytes.copyOf(20)) shouldBe "receipt truncated at byte 8 of 20: image ID is cut short"
        refused(bytes + 0) shouldBe "receipt invalid at byte ${bytes.size}: 1 trailing bytes after the seal"
        // the journal length sits after magic, version, image ID and exit code
        refused(bytes.putInt(44, Int.MAX_VALUE)) shouldStartWith
            "receipt truncated at byte 44: journal length 2147483647 exceeds the"
        refused(bytes.putInt(44, -1)) shouldStartWith "receipt truncated at byte 44: journal length 4294967295 exceeds"
        val cycles = 48 + journal.size + 4 + 8
        refused(bytes.copyOf().also { it[cycles + 7] = 0x80.toByte() }) shouldStartWith
            "receipt invalid at byte $cycles: cycle count"
        refused(bytes.putInt(cycles - 8, 0)) shouldBe
            "receipt invalid at byte ${cycles - 8}: code region [0x00000000, 0x00010100) is empty or not in user memory"
        refused(bytes.putInt(cycles - 4, 0x10002)) shouldBe
            "receipt invalid at byte ${cycles - 8}: code region [0x00010000, 0x00010002) is not word-aligned"
        refused(bytes.putInt(cycles + 8, 0)) shouldBe "receipt invalid at byte ${cycles + 8}: verifying key length 0 is below 1"
        for (n in 1 until bytes.size) {
            refused(bytes.copyOf(n)) shouldStartWith "receipt "
        }
        val random = java.util.Random(7)
        repeat(200) {
            val garbage = ByteArray(random.nextInt(200)).also { random.nextBytes(it) }
            if (garbage.isNotEmpty()) refused(garbage) shouldStartWith "receipt "
        }
    }
})
