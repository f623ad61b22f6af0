package dev.rivet.circuits.rv32im

import dev.rivet.check.Checker
import dev.rivet.exec.Asm
import dev.rivet.exec.Executor
import dev.rivet.exec.program
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class Rv32imMachineTest : FunSpec({
    test("a run of adds, subs and a halt checks") {
        val asm = Asm()
        asm.addi(5, 0, 7).addi(6, 0, 35).reg(Opcode.ADD, 10, 5, 6).reg(Opcode.SUB, 10, 10, 6)
            .addi(6, 6, -2048).reg(Opcode.ADD, 0, 5, 6).addi(17, 0, 93).ecall()
        val program = program(asm)
        val result = Executor.of(program).recording(true).run()
        result.exitCode() shouldBe 7
        val machine = Rv32imMachine(program)
        val traces = machine.traces(result)
        val report = Checker.check(traces, Rv32imMachine.publicMessages(program.entry(), 7, ByteArray(0)))
        withClue(report.toString()) { report.ok() shouldBe true }
        Checker.check(traces, Rv32imMachine.publicMessages(program.entry(), 8, ByteArray(0))).ok() shouldBe false
    }
})
