package dev.rivet.cli

import dev.rivet.exec.Guests
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.nio.file.Files

class ExecuteCommandTest : FunSpec({

    test("a guest that halts with 0: its output on stdout, the report on stderr, status 0") {
        val r = rivet("execute", Guests.prebuilt("hello").toString())
        r.status shouldBe 0
        r.out shouldStartWith "5 words, 20 letters, reversed:\n"
        r.err shouldContain "rivet: journal: 8 bytes: 0500000014000000"
        r.err shouldContain "rivet: exit code: 0"
        r.err shouldContain " cycles in "
        r.err shouldContain " MIPS)"
    }

    test("--input feeds the guest; a guest exit code other than 0 gives status 1") {
        val input = Files.createTempFile("input", ".bin")
        Files.write(input, Guests.le32(0))
        val r = rivet("execute", Guests.prebuilt("sort").toString(), "--input", input.toString())
        Files.delete(input)
        r.status shouldBe 1 // the guest halted with exit code 2
        r.err shouldContain "nothing to sort"
        r.err shouldContain "rivet: exit code: 2"
    }

    test("a malformed ELF or a trap: one line naming the problem, status 2") {
        val notElf = Files.createTempFile("bad", ".elf")
        Files.write(notElf, "hello".toByteArray())
        val bad = rivet("execute", notElf.toString())
        bad.status shouldBe 2
        bad.err shouldBe "rivet: error: $notElf: offset 0x0: not an ELF file (no \\x7fELF magic)\n"
        Files.delete(notElf)
        val trap = rivet("execute", Guests.prebuilt("fibonacci").toString(), "--cycle-limit", "100")
        trap.status shouldBe 2
        trap.err.lines().filter { it.isNotEmpty() } shouldBe listOf(trap.err.trim())
        trap.err shouldContain "trap at pc 0x"
        trap.err shouldContain "cycle limit reached: the limit is 100 cycles"
        rivet("execute", "/no/such/guest.elf").err shouldBe "rivet: error: no such file: /no/such/guest.elf\n"
    }
})
