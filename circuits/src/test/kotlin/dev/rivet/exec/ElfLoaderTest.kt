package dev.rivet.exec

import dev.rivet.exec.ElfWriter.PF_R
import dev.rivet.exec.ElfWriter.PF_W
import dev.rivet.exec.ElfWriter.PF_X
import dev.rivet.exec.ElfWriter.Segment
import dev.rivet.exec.elf.ElfException
import dev.rivet.exec.elf.ElfLoader
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import java.nio.ByteBuffer
import java.nio.ByteOrder
import kotlin.random.Random

class ElfLoaderTest : FunSpec({

    val code = Asm().li(10, 42).halt().bytes()

    fun elf(vararg segments: Segment, entry: Int = 0x10000) = ElfWriter.write(entry, segments.toList())

    fun load(name: String, bytes: ByteArray): Program = Program.of(ElfLoader.load(name, bytes))

    fun refused(bytes: ByteArray): ElfException = shouldThrow<ElfException> { ElfLoader.load("bad.elf", bytes) }

    fun ByteArray.patch32(offset: Int, value: Int) = copyOf().also {
        ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value)
    }

    test("a well-formed executable loads and runs; .bss is zero and costs no image pages") {
        val bytes = elf(Segment(0x10000, code), Segment(0x20000, byteArrayOf(1, 2, 3), memSize = 1 shl 20, flags = PF_R or PF_W))
        ElfLoader.load("good.elf", bytes).segments().map { it.address() } shouldBe listOf(0x10000, 0x20000)
        val program = load("good.elf", bytes)
        program.entry() shouldBe 0x10000
        program.codeStart() shouldBe 0x10000
        program.codeEnd() shouldBe 0x10000 + code.size
        program.image().pageCount() shouldBe 2
        program.image().word(0x20000) shouldBe 0x030201
        Executor.of(program).run().exitCode() shouldBe 42
    }

    test("the image ID is stable, and changes with code, data and entry") {
        val a = load("a", elf(Segment(0x10000, code)))
        load("b", elf(Segment(0x10000, code))).digest() shouldBe a.digest()
        // Extra zero memory does not change the image.
        load("c", elf(Segment(0x10000, code), Segment(0x30000, ByteArray(8), 4096, PF_R or PF_W))).digest() shouldBe a.digest()
        load("d", elf(Segment(0x10000, code), Segment(0x30000, byteArrayOf(1), 1, PF_R))).digest() shouldNotBe a.digest()
        load("e", elf(Segment(0x10000, code), entry = 0x10004)).digest() shouldNotBe a.digest()
        a.digest().toString().length shouldBe 64
        ProgramDigest.parse(a.digest().toString()) shouldBe a.digest()
        shouldThrow<IllegalArgumentException> { ProgramDigest.parse("abc") }.message shouldBe
            "a program digest is 64 hex digits, not 3"
        shouldThrow<IllegalArgumentException> { ProgramDigest.parse("A" + a.digest().toString().drop(1)) }.message shouldBe
            "a program digest is lowercase hex digits: 'A' at position 0"
    }

    test("not ELF, truncated header") {
        refused(ByteArray(0)).message shouldBe
            "bad.elf: offset 0x0: empty file (0 bytes); an ELF executable starts with a 52-byte header"
        refused("hello".toByteArray()).message shouldBe "bad.elf: offset 0x0: not an ELF file (no \\x7fELF magic)"
        refused(byteArrayOf(0x7f, 'E'.code.toByte())).message shouldBe "bad.elf: offset 0x2: truncated: the file ends inside the ELF magic"
        refused(elf(Segment(0x10000, code)).copyOf(30)).message shouldContain "truncated: the ELF header needs 52 bytes"
    }

    test("wrong class, machine, type and flags") {
        refused(ElfWriter.write(0x10000, listOf(Segment(0x10000, code)), elfClass = 2)).message shouldBe
            "bad.elf: offset 0x4: EI_CLASS is 2 (64-bit), expected 1 (32-bit)"
        refused(ElfWriter.write(0x10000, listOf(Segment(0x10000, code)), machine = 62)).message shouldBe
            "bad.elf: offset 0x12: e_machine is 62 (x86-64), expected 243 (RISC-V)"
        refused(ElfWriter.write(0x10000, listOf(Segment(0x10000, code)), type = 3)).message shouldContain "e_type is 3 (shared object or PIE)"
        refused(ElfWriter.write(0x10000, listOf(Segment(0x10000, code)), flags = 1)).message shouldContain "compressed instructions"
        refused(ElfWriter.write(0x10000, listOf(Segment(0x10000, code)), flags = 4)).message shouldContain "floating-point ABI"
    }

    test("segments in the invalid page, in kernel memory or running past user memory") {
        refused(elf(Segment(0x0, code), entry = 0)).message shouldBe
            "bad.elf: offset 0x3c: segment 0 [0x00000000, 0x14) lies in the invalid page below 0x00010000"
        refused(elf(Segment(0x10000, code), Segment(0xc0000000.toInt(), ByteArray(4), flags = PF_R or PF_W))).message shouldContain
            "segment 1 [0xc0000000, 0xc0000004) lies in kernel memory"
        refused(elf(Segment(0x10000, code), Segment(0xbffff000.toInt(), ByteArray(4), memSize = 0x2000, flags = PF_R))).message shouldContain
            "runs past user memory"
    }

    test("overlapping segments") {
        refused(elf(Segment(0x10000, code), Segment(0x10010, ByteArray(8), flags = PF_R))).message shouldContain
            "segment 1 [0x00010010, 0x00010018) overlaps segment 0 [0x00010000, 0x00010014)"
    }

    test("misaligned code and entry point") {
        refused(elf(Segment(0x10002, code), entry = 0x10002)).message shouldContain "executable segment 0 starts at 0x00010002, not 4-byte aligned"
        refused(elf(Segment(0x10000, code), entry = 0x10002)).message shouldBe "bad.elf: offset 0x18: entry point 0x00010002 is not 4-byte aligned"
        refused(elf(Segment(0x10000, code), entry = 0x20000)).message shouldContain "entry point 0x00020000 is outside the executable segments"
        refused(elf(Segment(0x10000, code, flags = PF_R))).message shouldContain "no executable (PF_X) PT_LOAD segment"
        refused(elf(Segment(0x10000, code, flags = PF_R or PF_W or PF_X))).message shouldContain "code must be read-only"
    }

    test("absurd sizes and truncated segment data") {
        val good = elf(Segment(0x10000, code))
        // p_filesz of segment 0 (program header at 52, field at +16) far past the file.
        refused(good.patch32(52 + 16, 0x7fffffff).patch32(52 + 20, 0x7fffffff)).message shouldContain "truncated: segment 0's data"
        refused(good.patch32(52 + 16, 100).patch32(52 + 20, 50)).message shouldContain "p_filesz 0x64 larger than p_memsz 0x32"
        refused(good.patch32(52 + 20, -1)).message shouldContain "runs past user memory"
        refused(good.patch32(28, -1)).message shouldContain "truncated: program header table"
        val manyHeaders = good.copyOf().also { it[44] = 0xff.toByte(); it[45] = 0xff.toByte() }
        refused(manyHeaders).message shouldContain "e_phnum is 65535, more than the 64 allowed"
        refused(good.copyOf(0x1000 + 4)).message shouldContain "truncated"
    }

    test("random corruption never escapes as anything but ElfException") {
        val good = elf(Segment(0x10000, code), Segment(0x20000, ByteArray(64) { it.toByte() }, flags = PF_R or PF_W))
        val random = Random(4)
        repeat(3000) {
            val bad = good.copyOf(if (random.nextInt(4) == 0) random.nextInt(good.size) else good.size)
            repeat(1 + random.nextInt(4)) { if (bad.size > 0) bad[random.nextInt(minOf(bad.size, 200))] = random.nextInt().toByte() }
            try {
                // Into a program too: a checked image must never fail Program's own checks.
                Program.of(ElfLoader.load("fuzz.elf", bad))
            } catch (e: ElfException) {
                e.message shouldContain "fuzz.elf: offset 0x"
            }
        }
    }
})
