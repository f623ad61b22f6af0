package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.circuits.rv32im.Rv32imMachine
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import dev.rivet.stark.Prover
import dev.rivet.stark.ProvingKey
import dev.rivet.stark.StarkConfig
import dev.rivet.stark.VerificationException
import dev.rivet.stark.Verifier
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec

class Rv32imProofTest : FunSpec({
    fun adds() = MachineRun.of(Asm().apply {
        addi(5, 0, 7).addi(6, 0, 35).reg(Opcode.ADD, 10, 5, 6).reg(Opcode.SUB, 10, 10, 6).addi(17, 0, 93).ecall()
    })

    test("a guest of adds proves and verifies; another exit code is rejected") {
        val run = adds()
        val pk = ProvingKey.setup(StarkConfig.standard(), run.machine.tables())
        val proof = Prover.prove(pk, run.traces, run.messages).toBytes()
        val publics = run.machine.publicValues()
        Verifier.verify(pk.verifyingKey(), publics, run.messages, proof, 100.0)
        shouldThrow<VerificationException> {
            Verifier.verify(pk.verifyingKey(), publics, Rv32imMachine.publicMessages(run.program.entry(), 8, ByteArray(0)),
                proof, 100.0)
        }
    }

    test("a proof forged from a wrong ADD result is rejected") {
        val run = adds()
        val row = run.rowsWhere("rv32_add", "is_add", 1).first()
        run.tamper("rv32_add", "c_lo", row, run.cell("rv32_add", "c_lo", row) + 1)
        MachineProofs.forgeAndExpectRejection(run)
    }
})
