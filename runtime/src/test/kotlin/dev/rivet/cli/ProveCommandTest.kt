package dev.rivet.cli

import dev.rivet.exec.Asm
import dev.rivet.exec.ElfWriter
import dev.rivet.isa.Opcode
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import java.nio.file.Files
import java.nio.file.Path

class ProveCommandTest : FunSpec({
    val tmp = Files.createTempDirectory("rivet-prove")
    afterSpec { tmp.toFile().deleteRecursively() }

    fun elf(name: String, exit: Int): Path {
        val asm = Asm().apply {
            addi(5, 0, exit).addi(6, 0, 35).reg(Opcode.ADD, 10, 5, 6).reg(Opcode.SUB, 10, 10, 6).addi(17, 0, 93).ecall()
        }
        val file = tmp.resolve("$name.elf")
        Files.write(file, ElfWriter.write(Asm.CODE, listOf(ElfWriter.Segment(Asm.CODE, asm.bytes()))))
        return file
    }

    test("prove, image-id, verify and receipt agree; another image or a changed byte is rejected with status 1") {
        val guest = elf("adds", 0)
        val receipt = tmp.resolve("adds.receipt")
        val proved = rivet("prove", guest.toString(), "-o", receipt.toString())
        proved.status shouldBe 0
        proved.err shouldContain "[100%] done"
        val id = rivet("image-id", guest.toString())
        id.status shouldBe 0
        id.out.trim() shouldMatch Regex("[0-9a-f]{64}")
        rivet("verify", receipt.toString(), "--image-id", id.out.trim()).status shouldBe 0
        val shown = rivet("receipt", receipt.toString())
        shown.out shouldContain "image id:     ${id.out.trim()}"
        shown.out shouldContain "exit code:    0"
        shown.out shouldContain "cycles:       6"

        val otherId = rivet("image-id", elf("other", 1).toString()).out.trim()
        val wrong = rivet("verify", receipt.toString(), "--image-id", otherId)
        wrong.status shouldBe 1
        wrong.err shouldContain "expected $otherId"
        val bytes = Files.readAllBytes(receipt)
        bytes[bytes.size - 100] = (bytes[bytes.size - 100].toInt() xor 1).toByte()
        val tampered = tmp.resolve("tampered.receipt")
        Files.write(tampered, bytes)
        rivet("verify", tampered.toString(), "--image-id", id.out.trim()).status shouldBe 1
        rivet("verify", tmp.resolve("missing").toString(), "--image-id", id.out.trim()).status shouldBe 1
    }

    test("the example guests hello and fibonacci prove and verify through the CLI; sieve and sha256 are refused") {
        for (name in listOf("hello", "fibonacci")) {
            val guest = dev.rivet.exec.Guests.prebuilt(name).toString()
            val receipt = tmp.resolve("$name.receipt").toString()
            rivet("prove", guest, "-o", receipt, "--quiet").status shouldBe 0
            rivet("verify", receipt, "--image-id", rivet("image-id", guest).out.trim()).status shouldBe 0
        }
        val sieve = rivet("prove", dev.rivet.exec.Guests.prebuilt("sieve").toString(), "-o", tmp.resolve("s").toString())
        sieve.status shouldBe 2
        sieve.err shouldContain "more than 4,194,303 cycles"
        val sha = rivet("prove", dev.rivet.exec.Guests.prebuilt("sha256").toString(), "-o", tmp.resolve("h").toString())
        sha.status shouldBe 2
        sha.err shouldContain "sha256_compress"
    }

    test("--quiet hides the progress; a trapping guest is refused with status 2 and no receipt") {
        val receipt = tmp.resolve("quiet.receipt")
        rivet("prove", elf("quiet", 0).toString(), "-o", receipt.toString(), "--quiet").err shouldNotContainProgress true
        val trap = tmp.resolve("trap.elf")
        Files.write(trap, ElfWriter.write(Asm.CODE, listOf(ElfWriter.Segment(Asm.CODE, Asm().ebreak().bytes()))))
        val refused = rivet("prove", trap.toString(), "-o", tmp.resolve("trap.receipt").toString())
        refused.status shouldBe 2
        refused.err shouldContain "trapped"
        Files.exists(tmp.resolve("trap.receipt")) shouldBe false
    }
})

private infix fun String.shouldNotContainProgress(expected: Boolean) = contains("[ ") shouldBe !expected
