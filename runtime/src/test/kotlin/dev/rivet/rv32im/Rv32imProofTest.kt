package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.Rv32imMachine
import dev.rivet.exec.Asm
import dev.rivet.exec.Executor
import dev.rivet.exec.program
import dev.rivet.isa.Opcode
import dev.rivet.stark.Prover
import dev.rivet.stark.ProvingKey
import dev.rivet.stark.StarkConfig
import dev.rivet.stark.VerificationException
import dev.rivet.stark.Verifier
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec

class Rv32imProofTest : FunSpec({
    test("a guest of adds proves and verifies; another exit code is rejected") {
        val asm = Asm()
        asm.addi(5, 0, 7).addi(6, 0, 35).reg(Opcode.ADD, 10, 5, 6).reg(Opcode.SUB, 10, 10, 6)
            .addi(17, 0, 93).ecall()
        val program = program(asm)
        val result = Executor.of(program).recording(true).run()
        val machine = Rv32imMachine(program)
        val pk = ProvingKey.setup(StarkConfig.standard(), machine.tables())
        val messages = Rv32imMachine.publicMessages(program.entry(), 7, ByteArray(0))
        val start = System.nanoTime()
        val proof = Prover.prove(pk, machine.traces(result), messages)
        val bytes = proof.toBytes()
        println("proof ${bytes.size} B in ${(System.nanoTime() - start) / 1_000_000} ms")
        val publics = machine.tables().map { IntArray(0) }
        Verifier.verify(pk.verifyingKey(), publics, messages, bytes, 100.0)
        shouldThrow<VerificationException> {
            Verifier.verify(pk.verifyingKey(), publics, Rv32imMachine.publicMessages(program.entry(), 8, ByteArray(0)),
                bytes, 100.0)
        }
    }
})
