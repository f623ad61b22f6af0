package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class AddChipTest : FunSpec({
    fun run() = MachineRun.of(Asm().apply {
        addi(5, 0, -1).addi(6, 0, 1).reg(Opcode.ADD, 7, 5, 6) // 0xffffffff + 1 wraps to 0
        reg(Opcode.SUB, 8, 0, 6) // 0 - 1 = 0xffffffff
        reg(Opcode.ADD, 9, 5, 5) // rs1 = rs2: read twice
        reg(Opcode.ADD, 0, 5, 6) // writes to x0 are dropped
        addi(10, 7, 0).addi(17, 0, 93).ecall()
    })

    test("ADD, SUB, ADDI with carries, rs1 = rs2 and x0 check") {
        val run = run()
        run.result.register(7) shouldBe 0
        run.result.register(8) shouldBe -1
        run.result.register(9) shouldBe -2
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    test("a wrong result is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_add", "is_sub", 1).single()
        run.tamper("rv32_add", "c_lo", row, 0xfffe)
        run.check().toString() shouldContain "rv32_add"
        run.check().ok() shouldBe false
    }

    test("a write to x0 is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_add", "rd", 0).first { run.cell("rv32_add", "is_add", it) == 1 }
        run.tamper("rv32_add", "writes_rd", row, 1)
        run.check().ok() shouldBe false
    }
})
