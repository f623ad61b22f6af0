package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.exec.RandomProgram
import io.kotest.assertions.fail
import io.kotest.core.spec.style.FunSpec

/**
 * [PROGRAMS] random RV32IM programs (seeds from [RandomProgram.baseSeed] on, so a run is
 * reproducible and RIVET_RANDOM_SEED reruns a failure) each go the whole way: the executor's run,
 * which must halt normally having committed its scratch and registers, its machine traces, the
 * checker, and a proof in the standard configuration that verifies against the run's true claim.
 * circuits' QemuDifferentialTest checks the same programs' output against qemu-riscv32.
 */
class RandomProgramProofTest : FunSpec({
    test("$PROGRAMS random RV32IM programs prove and verify") {
        val start = System.nanoTime()
        var cycles = 0L
        for (k in 0 until PROGRAMS) {
            val program = RandomProgram(RandomProgram.baseSeed + k)
            val where = RandomProgram.rerun(program.seed)
            // Any failure, a trap or a prover's exception included, must name the seed.
            try {
                val run = MachineRun(program.program(RandomProgram.Output.COMMIT))
                cycles += run.result.cycles()
                if (run.result.exitCode() != 0 || run.result.journal().size != RandomProgram.OUTPUT_BYTES) {
                    fail("exit code ${run.result.exitCode()}, journal of ${run.result.journal().size} bytes")
                }
                val report = run.check()
                if (!report.ok()) fail("the checker rejects the traces\n$report\n${program.listing()}")
                MachineProofs.proveAndVerify(run)
            } catch (e: Throwable) {
                throw AssertionError("$where: $e", e)
            }
        }
        val seconds = (System.nanoTime() - start) / 1e9
        println("RandomProgramProofTest: $PROGRAMS programs, $cycles cycles, proved and verified in %.1f s (%.2f s each)"
            .format(seconds, seconds / PROGRAMS))
    }
}) {
    companion object {
        const val PROGRAMS = 50
    }
}
