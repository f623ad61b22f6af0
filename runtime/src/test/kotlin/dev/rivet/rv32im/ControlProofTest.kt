package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.circuits.rv32im.bump
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.core.spec.style.FunSpec

/** Proofs of runs of the control-flow chips (rv32_upper, rv32_branch, rv32_jump), honest and forged. */
class ControlProofTest : FunSpec({
    fun guest() = MachineRun.of(Asm().apply {
        lui(5, 0x80000000.toInt()) // 0x10000
        auipc(6, 0xfffff000.toInt()) // 0x10004: x6 = 0x10004 - 4096
        op(Opcode.FENCE) // 0x10008
        jal(1, 8) // 0x1000c: to 0x10014, x1 = 0x10010
        addi(12, 12, 100) // 0x10010: skipped
        addi(11, 0, 4) // 0x10014: a loop adding 2 to x12 four times
        addi(12, 12, 2).addi(11, 11, -1).branch(Opcode.BNE, 11, 0, -8) // 0x10018, 0x1001c, 0x10020
        branch(Opcode.BLT, 5, 0, 12) // 0x10024: INT_MIN < 0, taken to 0x10030
        addi(12, 12, 100).addi(12, 12, 100) // 0x10028, 0x1002c: skipped
        auipc(7, 0) // 0x10030
        jalr(8, 7, 13) // 0x10034: the odd target 0x1003d becomes 0x1003c, x8 = 0x10038
        addi(12, 12, 100) // 0x10038: skipped
        addi(10, 12, 0).addi(17, 0, 93).ecall() // exit code 8
    })

    test("a guest of upper immediates, branches and jumps proves and verifies") {
        MachineProofs.proveAndVerify(guest())
    }

    test("a proof forged from a wrong AUIPC result is rejected") {
        val run = guest()
        run.bump("rv32_upper", "c_hi", run.rowsWhere("rv32_upper", "is_auipc", 1).first(), 1)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a taken branch that falls through is rejected") {
        val run = guest()
        val row = run.rowsWhere("rv32_branch", "is_blt", 1).single()
        run.tamper("rv32_branch", "next_pc", row, run.cell("rv32_branch", "pc", row) + 4)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a wrong sign bit is rejected") {
        val run = guest()
        val row = run.rowsWhere("rv32_branch", "is_blt", 1).single()
        run.tamper("rv32_branch", "msb_a", row, 0)
        run.tamper("rv32_branch", "next_pc", row, run.cell("rv32_branch", "pc", row) + 4)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a JALR that keeps the low bit is rejected") {
        val run = guest()
        run.tamper("rv32_jump", "bit", run.rowsWhere("rv32_jump", "is_jalr", 1).single(), 0)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a wrong link is rejected") {
        val run = guest()
        run.bump("rv32_jump", "link_lo", run.rowsWhere("rv32_jump", "is_jal", 1).single(), 4)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a wrong LUI result is rejected") {
        val run = guest()
        run.bump("rv32_upper", "c_hi", run.rowsWhere("rv32_upper", "is_lui", 1).single(), -1)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a wrong equality flag is rejected") {
        val run = guest()
        // The loop's last BNE compares equal words and falls through; claim they differ and branch back.
        val row = run.rowsWhere("rv32_branch", "zero", 1).single()
        run.tamper("rv32_branch", "zero", row, 0)
        run.bump("rv32_branch", "next_pc", row, -12)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a JAL to another target is rejected") {
        val run = guest()
        run.bump("rv32_jump", "target_half", run.rowsWhere("rv32_jump", "is_jal", 1).single(), 2)
        MachineProofs.forgeAndExpectRejection(run)
    }
})
