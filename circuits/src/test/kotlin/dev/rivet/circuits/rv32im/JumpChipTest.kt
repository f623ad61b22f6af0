package dev.rivet.circuits.rv32im

import dev.rivet.dsl.gadgets.SharedTables
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class JumpChipTest : FunSpec({
    // The code starts at 0x1fff4 so that the JAL at 0x1fffc links to 0x20000: the link's low half carries.
    val base = 0x1fff4
    fun run() = MachineRun.of(Asm(base).apply {
        addi(10, 0, 0) // 0x1fff4
        nop() // 0x1fff8
        jal(1, 20) // 0x1fffc: a call to 0x20010, x1 = 0x20000
        addi(10, 10, 1) // 0x20000: the return lands here
        jal(0, 24) // 0x20004: a plain jump (rd = x0) to 0x2001c
        addi(10, 10, 100) // 0x20008: never runs
        addi(10, 10, 100) // 0x2000c: never runs
        addi(10, 10, 2) // 0x20010: the function
        jalr(0, 1, 0) // 0x20014: return
        addi(10, 10, 100) // 0x20018: never runs
        auipc(5, 0) // 0x2001c: x5 = 0x2001c
        jalr(6, 5, 13) // 0x20020: odd target 0x20029 → 0x20028, x6 = 0x20024
        addi(10, 10, 100) // 0x20024: skipped
        auipc(7, 0) // 0x20028: x7 = 0x20028
        jalr(7, 7, 12) // 0x2002c: rd = rs1, to 0x20034, x7 = 0x20030
        addi(10, 10, 100) // 0x20030: skipped
        auipc(8, 0) // 0x20034
        addi(8, 8, 24) // 0x20038: x8 = 0x2004c
        jalr(9, 8, -8) // 0x2003c: a negative immediate (both halves carry) to 0x20044, x9 = 0x20040
        addi(10, 10, 100) // 0x20040: skipped
        addi(11, 0, 3) // 0x20044: a countdown with a backward JAL
        addi(11, 11, -1) // 0x20048
        branch(Opcode.BEQ, 11, 0, 8) // 0x2004c
        jal(0, -8) // 0x20050: back to 0x20048
        addi(17, 0, 93).ecall()
    })

    test("the table compiles without warnings, at 21 columns and 17 interactions") {
        val table = JumpChip(SharedTables().bytes()).table()
        table.warnings() shouldBe emptyList()
        table.mainColumns().size shouldBe 21
        table.interactions().size shouldBe 17
    }

    test("JAL and JALR: calls, returns, plain jumps, an odd target, rd = rs1, negative offsets") {
        val run = run()
        run.result.register(10) shouldBe 3
        run.result.register(1) shouldBe 0x20000
        run.result.register(6) shouldBe 0x20024
        run.result.register(7) shouldBe 0x20030
        run.result.register(9) shouldBe 0x20040
        run.result.register(11) shouldBe 0
        run.shouldCheck()
    }

    fun jalrRow(run: MachineRun, rs1: Int) = run.rowsWhere("rv32_jump", "is_jalr", 1)
        .first { run.cell("rv32_jump", "rs1", it) == rs1 }

    test("an odd JALR target is flagged") {
        val run = run()
        val row = jalrRow(run, 5)
        run.tamper("rv32_jump", "bit", row, 0)
        run.shouldFailConstraint("JALR: the low carry")
    }

    test("a JALR target off by 2^16 is flagged by its carries") {
        val run = run()
        val row = jalrRow(run, 8)
        run.bump("rv32_jump", "target_hi", row, 1)
        run.shouldFailConstraint("JALR: the high carry")
    }

    test("a JAL to another target is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_jump", "is_jal", 1).first()
        run.bump("rv32_jump", "target_half", row, 2)
        run.shouldFailConstraint("JAL: the target is pc + offset")
    }

    test("a wrong link is flagged by its range checks") {
        val run = run()
        val row = run.rowsWhere("rv32_jump", "is_jal", 1).first { run.cell("rv32_jump", "rd", it) == 1 }
        // link_lo + 4 keeps the equation in the field, but link_hi is then no integer half.
        run.bump("rv32_jump", "link_lo", row, 4)
        run.check().constraintFailures().isEmpty() shouldBe true
        run.shouldUnbalance("byte_ops")
    }

    test("a write to x0 is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_jump", "rd", 0).first { run.cell("rv32_jump", "is_jal", it) == 1 }
        run.tamper("rv32_jump", "writes_rd", row, 1)
        run.shouldUnbalance("rv32_fetch")
    }

    test("a JAL executed as a JALR is flagged by the fetch") {
        val run = run()
        val row = run.rowsWhere("rv32_jump", "is_jal", 1).first()
        run.tamper("rv32_jump", "is_jal", row, 0)
        run.tamper("rv32_jump", "is_jalr", row, 1)
        run.shouldUnbalance("rv32_fetch")
    }

    test("a padding row that writes is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_jump", "clk", 0).first()
        run.tamper("rv32_jump", "writes_rd", row, 1)
        run.shouldFailConstraint("padding rows write no register")
    }
})
