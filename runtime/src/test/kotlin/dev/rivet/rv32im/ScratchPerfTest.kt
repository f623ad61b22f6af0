package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import dev.rivet.stark.Prover
import dev.rivet.stark.ProverTimings
import dev.rivet.stark.ProvingKey
import dev.rivet.stark.StarkConfig
import dev.rivet.stark.Verifier
import io.kotest.core.spec.style.FunSpec

class ScratchPerfTest : FunSpec({
    test("scratch") {
        val n = (System.getenv("ITERS") ?: "16384").toInt()
        val asm = Asm()
        asm.lui(20, 0x40000).li(21, n)
        val loop = asm.here
        asm.addi(5, 5, 7).reg(Opcode.ADD, 6, 6, 5).reg(Opcode.XOR, 7, 6, 5).imm(Opcode.SLLI, 8, 7, 3)
        asm.store(Opcode.SW, 8, 20, 0).load(Opcode.LW, 9, 20, 4).reg(Opcode.SLTU, 10, 9, 8)
        asm.addi(21, 21, -1)
        asm.branch(Opcode.BNE, 21, 0, loop - asm.here)
        asm.addi(10, 0, 0).addi(17, 0, 93).ecall()
        var t = System.nanoTime()
        val run = MachineRun.of(asm, IntArray(4))
        println("execute+trace ${(System.nanoTime() - t) / 1_000_000} ms, cycles ${run.result.cycles()}")
        t = System.nanoTime()
        val pk = ProvingKey.setup(StarkConfig.standard(), run.machine.tables())
        println("setup ${(System.nanoTime() - t) / 1_000_000} ms")
        t = System.nanoTime()
        val timings = ProverTimings()
        val proof = Prover.prove(pk, run.traces, run.messages, timings).toBytes()
        println("prove ${(System.nanoTime() - t) / 1_000_000} ms, ${proof.size} B")
        timings.millis().forEach { (k, v) -> println("  $k ${v.toInt()} ms") }
        t = System.nanoTime()
        Verifier.verify(pk.verifyingKey(), run.machine.tables().map { IntArray(0) }, run.messages, proof, 100.0)
        println("verify ${(System.nanoTime() - t) / 1_000_000} ms")
        run.traces.forEach { println("${it.table().name()} ${it.height()} x ${it.table().mainColumns().size}") }
    }
})
