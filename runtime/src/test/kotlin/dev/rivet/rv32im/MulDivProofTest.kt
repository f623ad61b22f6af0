package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.circuits.rv32im.forgeDivision
import dev.rivet.circuits.rv32im.forgeableDivisions
import dev.rivet.circuits.rv32im.load
import dev.rivet.circuits.rv32im.forgeUnsignedMulh
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** Proofs of the MUL and DIV chips: a true run verifies; a proof forged from each family of wrong rows does not. */
class MulDivProofTest : FunSpec({
    /** Every MUL and DIV operation once, results summed into the exit code; then rows with rd = x0 to forge. */
    fun run() = MachineRun.of(Asm().apply {
        load(1, -7).addi(2, 0, 3).addi(3, 0, 0)
        for (op in intArrayOf(Opcode.MUL, Opcode.MULH, Opcode.MULHSU, Opcode.MULHU, Opcode.DIV, Opcode.DIVU,
                Opcode.REM, Opcode.REMU)) {
            reg(op, 4, 1, 2).reg(Opcode.ADD, 3, 3, 4)
        }
        reg(Opcode.DIV, 4, 1, 0).reg(Opcode.ADD, 3, 3, 4) // by zero: −1
        reg(Opcode.MULH, 0, 1, 2).reg(Opcode.DIVU, 0, 2, 2)
        addi(10, 3, 0).addi(17, 0, 93).ecall()
    })

    test("a run of every MUL and DIV operation proves and verifies") {
        val run = run()
        run.check().ok() shouldBe true
        MachineProofs.proveAndVerify(run)
    }

    test("a proof forged from a wrong product byte is rejected") {
        val run = run()
        val row = run.rowsWhere("rv32_mul", "is_mul", 1).single()
        run.tamper("rv32_mul", "r[0]", row, run.cell("rv32_mul", "r[0]", row) xor 1)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from MULH of a negative operand computed as unsigned is rejected") {
        val run = run()
        val row = run.rowsWhere("rv32_mul", "is_mulh", 1).single { run.cell("rv32_mul", "rd", it) == 0 }
        forgeUnsignedMulh(run, row, -7, 3)
        run.check().ok() shouldBe false
        MachineProofs.forgeAndExpectRejection(run)
    }

    for ((what, forgery) in listOf(
        "a remainder equal to the divisor" to { run: MachineRun -> forgeDivision(run, "is_divu", 6, 3, 1, false, 3) },
        "a remainder of the wrong sign" to { run: MachineRun -> forgeDivision(run, "is_div", -7, 2, -4, true, 1) },
        "a division by zero with a zero quotient" to
            { run: MachineRun -> forgeDivision(run, "is_divu", 5, 0, 0, false, 5) },
    )) {
        test("a proof forged from $what is rejected") {
            val run = forgeableDivisions()
            forgery(run)
            run.check().ok() shouldBe false
            MachineProofs.forgeAndExpectRejection(run)
        }
    }
})
