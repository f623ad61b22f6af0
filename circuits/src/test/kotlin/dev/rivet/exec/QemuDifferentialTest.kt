package dev.rivet.exec

import dev.rivet.exec.ElfWriter.PF_R
import dev.rivet.exec.ElfWriter.PF_W
import dev.rivet.exec.ElfWriter.Segment
import dev.rivet.exec.elf.ElfLoader
import io.kotest.assertions.fail
import io.kotest.core.spec.style.FunSpec
import java.io.ByteArrayOutputStream
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * Differential testing against qemu-riscv32 (Debian package qemu-user), Linux user-mode
 * emulation: [RandomProgram]s run in both, and the registers and scratch memory they output must
 * agree.
 *
 * Process start-up dominates, so one ELF holds [PROGRAMS_PER_ELF] programs, each with its own
 * scratch region, each writing its scratch and registers to stdout with the write ECALL (a7 = 64),
 * whose number and arguments Rivet shares with Linux; the ELF ends with exit(0) (a7 = 93). So the
 * very same ELF runs unchanged in both, and their stdout must be identical. The seeds are a
 * superset of those runtime's RandomProgramProofTest proves.
 */
class QemuDifferentialTest : FunSpec({

    test("random RV32IM programs agree with qemu-riscv32 (needs Debian package qemu-user)")
        .config(enabledIf = { DebianTools.shouldRun("qemu-riscv32") }) {
            if (!DebianTools.onPath("qemu-riscv32")) fail("CI=true but qemu-riscv32 is missing: apt-get install qemu-user")
            val dir = Files.createTempDirectory("rivet-qemu")
            try {
                for (batch in 0 until BATCHES) {
                    val programs = List(PROGRAMS_PER_ELF) {
                        RandomProgram(RandomProgram.baseSeed + batch * PROGRAMS_PER_ELF + it, SCRATCH + it * RandomProgram.OUTPUT_BYTES)
                    }
                    val code = Asm()
                    val starts = programs.map { code.here.also { _ -> it.emit(code, RandomProgram.Output.WRITE) } }
                    code.li(10, 0).halt()
                    val data = ByteBuffer.allocate(PROGRAMS_PER_ELF * RandomProgram.OUTPUT_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    programs.forEach { p -> p.data.forEach { data.putInt(it) } }
                    val elf = ElfWriter.write(Asm.CODE, listOf(
                        Segment(Asm.CODE, code.bytes()),
                        Segment(SCRATCH, data.array(), flags = PF_R or PF_W)))
                    val file = dir.resolve("batch$batch.elf")
                    Files.write(file, elf)
                    file.toFile().setExecutable(true) // qemu-user, like the kernel, runs only executable files
                    val expected = runQemu(file.toString())
                    val out = ByteArrayOutputStream()
                    val result = try {
                        Executor.of(Program.of(ElfLoader.load(file.toString(), elf))).stdout(out).run()
                    } catch (e: TrapException) {
                        val program = programs[starts.indexOfLast { Integer.compareUnsigned(it, e.pc()) <= 0 }]
                        fail("${RandomProgram.rerun(program.seed)}: Rivet trapped: ${e.message}\n${program.listing()}")
                    }
                    val actual = out.toByteArray()
                    if (result.exitCode() != 0 || !actual.contentEquals(expected)) {
                        fail(describeDivergence(programs, expected, actual))
                    }
                }
            } finally {
                dir.toFile().deleteRecursively()
            }
        }
}) {
    companion object {
        const val BATCHES = 50
        const val PROGRAMS_PER_ELF = 100
        /** Far enough above [Asm.CODE] for a batch's code. */
        const val SCRATCH = 0x80000

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

        fun describeDivergence(programs: List<RandomProgram>, expected: ByteArray, actual: ByteArray): String {
            val first = (0 until minOf(expected.size, actual.size)).firstOrNull { expected[it] != actual[it] }
                ?: return "seeds ${programs.first().seed}..${programs.last().seed}: qemu wrote ${expected.size} bytes, Rivet ${actual.size}"
            val program = programs[first / RandomProgram.OUTPUT_BYTES]
            val offset = first % RandomProgram.OUTPUT_BYTES
            val what = if (offset >= RandomProgram.SCRATCH_BYTES) "register x${(offset - RandomProgram.SCRATCH_BYTES) / 4}" else "scratch byte $offset"
            return "${RandomProgram.rerun(program.seed)}: $what differs (qemu vs Rivet at byte $first)\n${program.listing()}"
        }
    }
}
