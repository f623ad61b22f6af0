package dev.rivet.exec

import dev.rivet.exec.ElfWriter.PF_R
import dev.rivet.exec.ElfWriter.PF_W
import dev.rivet.exec.ElfWriter.Segment
import dev.rivet.exec.elf.ElfLoader
import dev.rivet.isa.Decoder
import dev.rivet.isa.Opcode
import dev.rivet.isa.Opcode.*
import io.kotest.assertions.fail
import io.kotest.core.spec.style.FunSpec
import java.io.ByteArrayOutputStream
import java.nio.file.Files
import java.util.concurrent.TimeUnit
import kotlin.random.Random

/**
 * Differential testing against qemu-riscv32 (Debian package qemu-user), Linux user-mode
 * emulation: random straight-line RV32IM programs run in both, and the final registers and
 * scratch memory must agree.
 *
 * Process start-up dominates, so one ELF holds [PROGRAMS_PER_ELF] programs. Each program loads
 * random values into the registers, runs [INSTRUCTIONS] random instructions, stores all registers
 * next to the scratch buffer and writes registers and buffer to stdout with the write ECALL
 * (a7 = 64), whose number and arguments Rivet shares with Linux; the ELF ends with exit(0)
 * (a7 = 93). So the very same ELF runs unchanged in both, and their stdout must be identical.
 *
 * Register [BASE] points into the scratch buffer and is never written by random instructions:
 * loads and stores use it with aligned offsets (Rivet traps on misaligned accesses, qemu does
 * not). Control flow is limited to forward skips of one instruction, which are safe anywhere.
 */
class QemuDifferentialTest : FunSpec({

    test("random RV32IM programs agree with qemu-riscv32 (needs Debian package qemu-user)")
        .config(enabledIf = { DebianTools.shouldRun("qemu-riscv32") }) {
            if (!DebianTools.onPath("qemu-riscv32")) fail("CI=true but qemu-riscv32 is missing: apt-get install qemu-user")
            val dir = Files.createTempDirectory("rivet-qemu")
            try {
                for (batch in 0 until BATCHES) {
                    val generator = Generator(Random(0x5eed + batch))
                    val programs = List(PROGRAMS_PER_ELF) { generator.program() }
                    val code = Asm()
                    programs.forEach { code.words += it }
                    code.li(10, 0).li(17, 93).ecall()
                    val scratch = ByteArray(SCRATCH_BYTES + DUMP_BYTES).also { generator.random.nextBytes(it) }
                    val elf = ElfWriter.write(Asm.CODE, listOf(
                        Segment(Asm.CODE, code.bytes()),
                        Segment(SCRATCH, scratch, flags = PF_R or PF_W)))
                    val file = dir.resolve("batch$batch.elf")
                    Files.write(file, elf)
                    file.toFile().setExecutable(true) // qemu-user, like the kernel, runs only executable files
                    val expected = runQemu(file.toString())
                    val out = ByteArrayOutputStream()
                    val result = Executor.of(Program.of(ElfLoader.load(file.toString(), elf))).stdout(out).run()
                    val actual = out.toByteArray()
                    if (result.exitCode() != 0 || !actual.contentEquals(expected)) {
                        fail(describeDivergence(batch, programs, expected, actual))
                    }
                }
            } finally {
                dir.toFile().deleteRecursively()
            }
        }
}) {
    private class Generator(val random: Random) {
        private val edgeValues = intArrayOf(0, 1, -1, 2, Int.MIN_VALUE, Int.MAX_VALUE, Int.MIN_VALUE + 1, 31, 32, 0xffff, 0x8000, -2048, 2047)

        fun value(): Int = if (random.nextInt(3) == 0) edgeValues[random.nextInt(edgeValues.size)] else random.nextInt()

        fun imm12(): Int = if (random.nextInt(4) == 0) intArrayOf(0, 1, -1, -2048, 2047)[random.nextInt(5)] else random.nextInt(-2048, 2048)

        fun dest(): Int = random.nextInt(32).let { if (it == BASE) 0 else it }

        fun reg(): Int = random.nextInt(32)

        fun program(): List<Int> {
            val asm = Asm()
            for (r in 1 until 32) if (r != BASE) asm.li(r, value())
            asm.li(BASE, SCRATCH + 128)
            var emitted = 0
            while (emitted < INSTRUCTIONS) emitted += instruction(asm)
            for (r in 1 until 32) asm.store(SW, r, BASE, 128 + 4 * r)
            asm.li(10, 1).addi(11, BASE, -128).li(12, SCRATCH_BYTES + DUMP_BYTES).li(17, 64).ecall()
            return asm.words
        }

        /**
         * Emits one random instruction and returns how many words it took. A branch or jump that
         * skips forward is followed by the single-word instruction it may skip; JALR comes with
         * the AUIPC that gives it a known target.
         */
        private fun instruction(asm: Asm): Int {
            val op = random.nextInt(Opcode.COUNT)
            when (op) {
                JAL -> asm.jal(dest(), 8)
                JALR -> {
                    val t = dest().let { if (it == 0) 5 else it }
                    asm.auipc(t, 0).jalr(dest(), t, 12 + random.nextInt(2))
                }
                in BEQ..BGEU -> asm.branch(op, reg(), reg(), 8)
                else -> return straightLine(asm, op)
            }
            while (straightLine(asm, random.nextInt(Opcode.COUNT)) == 0) continue
            return if (op == JALR) 3 else 2
        }

        /** Emits [op] unless it is control flow or a system call; returns the words emitted. */
        private fun straightLine(asm: Asm, op: Int): Int {
            when (op) {
                ECALL, EBREAK, JAL, JALR, in BEQ..BGEU -> return 0
                LUI, AUIPC -> asm.op(op, rd = dest(), imm = random.nextInt())
                in LB..LHU -> {
                    val size = when (op) { LW -> 4; LH, LHU -> 2; else -> 1 }
                    asm.load(op, dest(), BASE, size * random.nextInt(-128 / size, 128 / size))
                }
                in SB..SW -> {
                    val size = when (op) { SW -> 4; SH -> 2; else -> 1 }
                    asm.store(op, reg(), BASE, size * random.nextInt(-128 / size, 128 / size))
                }
                SLLI, SRLI, SRAI -> asm.imm(op, dest(), reg(), random.nextInt(32))
                in ADDI..ANDI -> asm.imm(op, dest(), reg(), imm12())
                FENCE -> asm.op(FENCE)
                else -> asm.reg(op, dest(), reg(), reg())
            }
            return 1
        }
    }

    companion object {
        const val BATCHES = 100
        const val PROGRAMS_PER_ELF = 100
        const val INSTRUCTIONS = 200
        const val SCRATCH = 0x80000
        const val SCRATCH_BYTES = 256
        const val DUMP_BYTES = 128
        /** x27 (s11): the scratch base register, never a random destination. */
        const val BASE = 27

        fun runQemu(elf: String): ByteArray {
            val errors = Files.createTempFile("qemu", ".err").toFile()
            val process = ProcessBuilder("qemu-riscv32", elf).redirectError(errors).start()
            val out = process.inputStream.readAllBytes()
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                fail("qemu-riscv32 $elf did not finish")
            }
            val stderr = errors.readText().also { errors.delete() }
            if (process.exitValue() != 0) fail("qemu-riscv32 $elf exited with ${process.exitValue()}: $stderr")
            return out
        }

        fun describeDivergence(batch: Int, programs: List<List<Int>>, expected: ByteArray, actual: ByteArray): String {
            val chunk = SCRATCH_BYTES + DUMP_BYTES
            val first = (0 until minOf(expected.size, actual.size)).firstOrNull { expected[it] != actual[it] }
                ?: return "batch $batch: qemu wrote ${expected.size} bytes, Rivet ${actual.size}"
            val program = first / chunk
            val offset = first % chunk
            val what = if (offset >= SCRATCH_BYTES) "register x${(offset - SCRATCH_BYTES) / 4}" else "scratch byte $offset"
            val listing = programs[program].joinToString("\n") { w ->
                if (Decoder.opcode(w) == Decoder.ILLEGAL) "  .word 0x%08x".format(w) else "  " + Decoder.decode(w)
            }
            return "batch $batch, program $program: $what differs (qemu vs Rivet at byte $first)\n$listing"
        }
    }
}
