package dev.rivet.cli

import dev.rivet.exec.Asm
import dev.rivet.exec.ElfWriter
import dev.rivet.exec.Executor
import dev.rivet.exec.Guests
import dev.rivet.exec.ecall.EcallRegistry
import dev.rivet.isa.Register
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.Enabled
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import java.io.RandomAccessFile
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import picocli.CommandLine

class ExecuteCommandTest : FunSpec({

    /** Status 2 and one line on stderr, [message] after "rivet: error: ", no stack trace. */
    fun Outcome.shouldRefuse(message: String) {
        status shouldBe 2
        err shouldBe "rivet: error: $message\n"
        err shouldNotContain "at dev."
        err shouldNotContain "Exception"
    }

    val hello = Guests.prebuilt("hello").toString()
    val tmp = Files.createTempDirectory("execute-test")
    afterSpec { tmp.toFile().deleteRecursively() }

    fun file(name: String, bytes: ByteArray): Path = tmp.resolve(name).also { Files.write(it, bytes) }

    fun fifo(name: String): Path = tmp.resolve(name).also {
        val mkfifo = ProcessBuilder("mkfifo", it.toString()).inheritIO().start()
        mkfifo.waitFor() shouldBe 0
    }

    test("a guest that halts with 0: its output on stdout, the report on stderr, status 0") {
        val r = rivet("execute", hello)
        r.status shouldBe 0
        r.out shouldStartWith "5 words, 20 letters, reversed:\n"
        r.err shouldContain "rivet: journal: 8 bytes: 0500000014000000"
        r.err shouldContain "rivet: exit code: 0"
        r.err shouldContain " cycles in "
        r.err shouldContain " MIPS)"
    }

    test("--input feeds the guest; a guest exit code other than 0 gives status 1") {
        val input = file("input.bin", Guests.le32(0))
        val r = rivet("execute", Guests.prebuilt("sort").toString(), "--input", input.toString())
        r.status shouldBe 1 // the guest halted with exit code 2
        r.err shouldContain "nothing to sort"
        r.err shouldContain "rivet: exit code: 2"
    }

    test("a malformed ELF or a trap: one line naming the problem, status 2") {
        val notElf = file("bad.elf", "hello".toByteArray())
        rivet("execute", notElf.toString()).shouldRefuse("$notElf: offset 0x0: not an ELF file (no \\x7fELF magic)")
        val trap = rivet("execute", Guests.prebuilt("fibonacci").toString(), "--cycle-limit", "100")
        trap.status shouldBe 2
        trap.err.lines().filter { it.isNotEmpty() } shouldBe listOf(trap.err.trim())
        trap.err shouldContain "trap at pc 0x"
        trap.err shouldContain "cycle limit reached: the limit is 100 cycles"
    }

    test("a cycle limit that is negative or not a number") {
        rivet("execute", hello, "--cycle-limit", "-5").shouldRefuse("--cycle-limit is -5; it must be 0 or more")
        rivet("execute", hello, "--cycle-limit", "abc").shouldRefuse(
            "Invalid value for option '--cycle-limit': 'abc' is not a long (see 'rivet execute --help')")
    }

    test("a missing file, a directory or a FIFO as the guest or as --input") {
        val pipe = fifo("pipe")
        rivet("execute", "/no/such/guest.elf").shouldRefuse("no such file: /no/such/guest.elf")
        rivet("execute", hello, "--input", "/no/such/input").shouldRefuse("no such file: /no/such/input")
        rivet("execute", tmp.toString()).shouldRefuse("$tmp: is a directory, not a file")
        rivet("execute", hello, "--input", tmp.toString()).shouldRefuse("$tmp: is a directory, not a file")
        // A FIFO or a device would be read forever (before, the command hung on both).
        rivet("execute", pipe.toString()).shouldRefuse("$pipe: not a regular file")
        rivet("execute", hello, "--input", pipe.toString()).shouldRefuse("$pipe: not a regular file")
        rivet("execute", hello, "--input", "/dev/zero").shouldRefuse("/dev/zero: not a regular file")
    }

    test("an --input over the executor's limit is refused before it is read (over 2 GiB it was an OutOfMemoryError)") {
        // Sparse: no disk space, and the command must refuse it on its size alone.
        for (size in listOf(3L shl 30, Executor.MAX_INPUT_BYTES + 1L)) {
            val big = tmp.resolve("big.bin")
            RandomAccessFile(big.toFile(), "rw").use { it.setLength(size) }
            rivet("execute", hello, "--input", big.toString()).shouldRefuse(
                "$big: %,d bytes; an input may have at most 1,073,741,824 bytes".format(size))
            Files.delete(big)
        }
    }

    test("a file whose read fails, even for root: Linux's /proc/self/mem at offset 0")
        .config(enabledIf = { Files.isRegularFile(Path.of("/proc/self/mem")) }) {
            rivet("execute", "/proc/self/mem").shouldRefuse("/proc/self/mem: cannot read: Input/output error")
            rivet("execute", hello, "--input", "/proc/self/mem")
                .shouldRefuse("/proc/self/mem: cannot read: Input/output error")
        }

    val denied = file("denied", ByteArray(4)).also {
        Files.setPosixFilePermissions(it, PosixFilePermissions.fromString("---------"))
    }
    test("a file without read permission as the guest or as --input")
        .config(enabledOrReasonIf = {
            if (Files.isReadable(denied)) {
                Enabled.disabled("permission bits do not stop this user (root, or CAP_DAC_OVERRIDE) from reading")
            } else {
                Enabled.enabled
            }
        }) {
            rivet("execute", denied.toString()).shouldRefuse("$denied: permission denied")
            rivet("execute", hello, "--input", denied.toString()).shouldRefuse("$denied: permission denied")
        }

    test("an empty or truncated ELF: the error names the file and the offset") {
        val elf = ElfWriter.write(0x10000, listOf(ElfWriter.Segment(0x10000, Asm().li(10, 0).halt().bytes())))
        val empty = file("empty.elf", ByteArray(0))
        rivet("execute", empty.toString())
            .shouldRefuse("$empty: offset 0x0: empty file (0 bytes); an ELF executable starts with a 52-byte header")
        val magic = file("magic.elf", elf.copyOf(3))
        rivet("execute", magic.toString()).shouldRefuse("$magic: offset 0x3: truncated: the file ends inside the ELF magic")
        val header = file("header.elf", elf.copyOf(40))
        rivet("execute", header.toString())
            .shouldRefuse("$header: offset 0x28: truncated: the ELF header needs 52 bytes, the file has 40")
        val table = file("table.elf", elf.copyOf(60))
        rivet("execute", table.toString()).shouldRefuse("$table: offset 0x1c: truncated: program header table" +
            " [0x34, 0x54) ends past the end of the file (60 bytes)")
        val data = file("data.elf", elf.copyOf(0x1008))
        rivet("execute", data.toString()).shouldRefuse("$data: offset 0x38: truncated: segment 0's data" +
            " [0x1000, 0x1014) ends past the end of the file (4104 bytes)")
    }

    test("an ECALL handler that throws is reported like any trap") {
        val divide = EcallRegistry.standard().with(0x1000, "divide") { ctx ->
            ctx.setRegister(Register.A0, ctx.register(Register.A0) / ctx.register(Register.A1))
        }
        val code = Asm().li(10, 7).li(11, 0).li(17, 0x1000).ecall().halt().bytes()
        val guest = file("divide.elf", ElfWriter.write(0x10000, listOf(ElfWriter.Segment(0x10000, code))))
        val r = run(CommandLine(ExecuteCommand(divide)), guest.toString())
        r.status shouldBe 2
        r.err shouldBe "rivet: error: trap at pc 0x00010018 (cycle 6): ECALL handler failed: ECALL 4096" +
            " (0x1000, divide) threw java.lang.ArithmeticException: / by zero\n"
        // The one "Exception" is the handler's, named in the message: no stack trace.
        r.err.replace("java.lang.ArithmeticException", "") shouldNotContain "Exception"
        r.err shouldNotContain "at dev."
    }
})
