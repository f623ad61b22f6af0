package dev.rivet.host

import dev.rivet.exec.Guests
import dev.rivet.exec.Program
import dev.rivet.receipt.Receipt
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path

private const val GOLDEN = "/golden/fibonacci-receipt-v2.bin"

/**
 * A committed receipt of an example guest (fibonacci, n = 90) verifies against the image ID computed from the
 * prebuilt ELF today. It fails when the receipt format, the image ID's derivation, the machine's circuits or the
 * proof system change: then the receipt format's version must be bumped if the bytes changed meaning, and the file
 * regenerated with REGENERATE_GOLDEN=1.
 */
class GuestGoldenReceiptTest : FunSpec({
    test("the committed receipt of the fibonacci guest verifies against the guest's image ID") {
        val program = Program.load(Guests.prebuilt("fibonacci"))
        if (System.getenv("REGENERATE_GOLDEN") != null) {
            Files.write(Path.of("src/test/resources$GOLDEN"), GuestProver().prove(program, ByteArray(0)).toBytes())
            error("golden receipt of the fibonacci guest regenerated; rerun without REGENERATE_GOLDEN")
        }
        val receipt = Receipt.fromBytes(GuestGoldenReceiptTest::class.java.getResourceAsStream(GOLDEN)!!.readAllBytes())
        receipt.verify(GuestProver().imageId(program))
        val journal = ByteBuffer.wrap(receipt.claim().journal()).order(ByteOrder.LITTLE_ENDIAN)
        journal.int shouldBe 90
        journal.long shouldBe 2880067194370816120L
    }
})
