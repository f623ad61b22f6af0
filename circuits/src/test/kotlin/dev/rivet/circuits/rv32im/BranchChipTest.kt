package dev.rivet.circuits.rv32im

import dev.rivet.dsl.gadgets.SharedTables
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class BranchChipTest : FunSpec({
    // Registers: x1 = 0, x2 = 1, x3 = -1, x4 = INT_MIN, x5 = INT_MAX, x6 = 0x10000, x7 = 0xffff, x8 = 0x10001,
    // x9 = 0x1ffff (x7 and x9 share their low half, x6 and x8 their high half).
    data class Case(val op: Int, val rs1: Int, val rs2: Int, val taken: Boolean)
    val cases = listOf(
        Case(Opcode.BEQ, 2, 2, true), Case(Opcode.BEQ, 2, 3, false), Case(Opcode.BEQ, 6, 8, false),
        Case(Opcode.BEQ, 7, 9, false), Case(Opcode.BEQ, 1, 1, true),
        Case(Opcode.BNE, 2, 3, true), Case(Opcode.BNE, 3, 3, false), Case(Opcode.BNE, 7, 9, true),
        Case(Opcode.BLT, 3, 2, true), Case(Opcode.BLT, 2, 3, false), Case(Opcode.BLT, 4, 5, true),
        Case(Opcode.BLT, 5, 4, false), Case(Opcode.BLT, 2, 2, false), Case(Opcode.BLT, 4, 3, true),
        Case(Opcode.BGE, 2, 3, true), Case(Opcode.BGE, 3, 2, false), Case(Opcode.BGE, 2, 2, true),
        Case(Opcode.BGE, 5, 4, true), Case(Opcode.BGE, 4, 5, false),
        Case(Opcode.BLTU, 2, 3, true), Case(Opcode.BLTU, 3, 2, false), Case(Opcode.BLTU, 5, 4, true),
        Case(Opcode.BLTU, 7, 6, true), Case(Opcode.BLTU, 2, 2, false), Case(Opcode.BLTU, 4, 5, false),
        Case(Opcode.BGEU, 3, 2, true), Case(Opcode.BGEU, 2, 3, false), Case(Opcode.BGEU, 2, 2, true),
        Case(Opcode.BGEU, 4, 5, true), Case(Opcode.BGEU, 1, 2, false),
    )
    // Case i's not-taken path adds 2^(i mod 10) to x(20 + i / 10); a taken branch skips that ADDI.
    fun expected(group: Int) = cases.withIndex().filter { it.index / 10 == group && !it.value.taken }
        .sumOf { 1 shl (it.index % 10) }

    fun run() = MachineRun.of(Asm().apply {
        addi(1, 0, 0).addi(2, 0, 1).addi(3, 0, -1)
        lui(4, 0x80000000.toInt()).addi(5, 4, -1)
        lui(6, 0x10000).addi(7, 6, -1).addi(8, 6, 1).reg(Opcode.ADD, 9, 7, 6)
        cases.forEachIndexed { i, c ->
            branch(c.op, c.rs1, c.rs2, 8)
            addi(20 + i / 10, 20 + i / 10, 1 shl (i % 10))
        }
        // A loop: a backward BNE taken four times, then not.
        addi(11, 0, 5)
        addi(12, 12, 3).addi(11, 11, -1).branch(Opcode.BNE, 11, 0, -8)
        // A backward BLT over a larger distance, and a forward branch past several instructions.
        addi(13, 0, -3)
        addi(13, 13, 1).nop().nop().branch(Opcode.BLT, 13, 1, -12)
        branch(Opcode.BGEU, 3, 1, 16).addi(14, 0, 1).addi(14, 0, 2).addi(14, 0, 3)
        addi(10, 12, 0).addi(17, 0, 93).ecall()
    })

    test("the table compiles without warnings, at 26 columns and 14 interactions") {
        val table = BranchChip(SharedTables().bytes()).table()
        table.warnings() shouldBe emptyList()
        table.mainColumns().size shouldBe 26
        table.interactions().size shouldBe 14
    }

    test("every branch, taken and not, at the signed and unsigned boundaries, checks") {
        val run = run()
        for (group in 0..2) {
            run.result.register(20 + group) shouldBe expected(group)
        }
        run.result.register(12) shouldBe 15
        run.result.register(13) shouldBe 0
        run.result.register(14) shouldBe 0
        run.shouldCheck()
    }

    fun takenRow(run: MachineRun, flag: String) = run.rowsWhere("rv32_branch", flag, 1)
        .first { run.cell("rv32_branch", "next_pc", it) != run.cell("rv32_branch", "pc", it) + 4 }

    test("a taken branch that falls through is flagged") {
        val run = run()
        val row = takenRow(run, "is_bltu")
        run.tamper("rv32_branch", "next_pc", row, run.cell("rv32_branch", "pc", row) + 4)
        run.shouldFailConstraint("next_pc is pc + offset if taken")
    }

    test("a wrong equality flag is flagged") {
        val run = run()
        val row = takenRow(run, "is_beq")
        run.tamper("rv32_branch", "zero", row, 0)
        run.shouldFailConstraint("zero: out = 1")
    }

    test("a claimed equality of different words is flagged") {
        val run = run()
        // BEQ x7, x9: the halves differ only in the high half; claim zero with a "difference" 0.
        val row = run.rowsWhere("rv32_branch", "is_beq", 1).first {
            run.cell("rv32_branch", "rs1", it) == 7 && run.cell("rv32_branch", "rs2", it) == 9
        }
        run.tamper("rv32_branch", "diff_hi", row, 0)
        run.tamper("rv32_branch", "zero", row, 1)
        run.tamper("rv32_branch", "zero_inv", row, 0)
        run.tamper("rv32_branch", "next_pc", row, run.cell("rv32_branch", "pc", row) + 8)
        run.shouldFailConstraint("the high borrow")
    }

    test("a wrong difference is flagged by the borrows") {
        val run = run()
        val row = run.rowsWhere("rv32_branch", "is_bltu", 1).first()
        run.bump("rv32_branch", "diff_lo", row, 1)
        run.shouldFailConstraint("the low borrow")
    }

    test("a wrong sign bit is flagged by its lookup") {
        val run = run()
        // BLT x4, x5 (INT_MIN < INT_MAX): with msb_a = 0 the signed comparison would read as unsigned.
        val row = run.rowsWhere("rv32_branch", "is_blt", 1).first {
            run.cell("rv32_branch", "rs1", it) == 4 && run.cell("rv32_branch", "rs2", it) == 5
        }
        run.tamper("rv32_branch", "msb_a", row, 0)
        run.tamper("rv32_branch", "next_pc", row, run.cell("rv32_branch", "pc", row) + 4)
        run.check().constraintFailures().isEmpty() shouldBe true
        run.shouldUnbalance("byte_ops")
    }

    test("a signed branch executed as an unsigned one is flagged by the fetch") {
        val run = run()
        val row = run.rowsWhere("rv32_branch", "is_blt", 1).first()
        run.tamper("rv32_branch", "is_blt", row, 0)
        run.tamper("rv32_branch", "is_bltu", row, 1)
        run.shouldUnbalance("rv32_fetch")
    }

    test("a wrong offset is flagged by the fetch") {
        val run = run()
        val row = takenRow(run, "is_bne")
        run.bump("rv32_branch", "imm_lo", row, 4)
        run.bump("rv32_branch", "next_pc", row, 4)
        run.check().constraintFailures().isEmpty() shouldBe true
        run.shouldUnbalance("rv32_fetch")
    }
})
