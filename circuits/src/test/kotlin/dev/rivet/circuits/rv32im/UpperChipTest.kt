package dev.rivet.circuits.rv32im

import dev.rivet.dsl.gadgets.SharedTables
import dev.rivet.exec.Asm
import dev.rivet.exec.TrapCause
import dev.rivet.exec.TrapException
import dev.rivet.isa.Opcode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class UpperChipTest : FunSpec({
    // The code starts just below 0x20000, so AUIPC's low half carries into the high half.
    val base = 0x1fff0
    fun run() = MachineRun.of(Asm(base).apply {
        lui(5, 0x12345000)
        lui(6, 0x80000000.toInt()) // bit 31 set
        lui(7, 0xfffff000.toInt()) // a negative upper immediate: -4096
        lui(8, 0x0000f000) // bit 15 set: the immediate's low half is 0xf000
        auipc(9, 0) // the pc: 0x1fff0 + 16
        auipc(11, 0x0000f000) // pc_lo + 0xf000 carries into the high half
        auipc(12, 0xfffff000.toInt()) // pc - 4096: the high half carries out
        auipc(13, 0x7ffff000)
        lui(0, 0x7000) // dropped: x0 is never written
        op(Opcode.FENCE)
        addi(10, 9, 0).addi(17, 0, 93).ecall()
    })

    test("the table compiles without warnings, at 16 columns and 12 interactions") {
        val table = UpperChip(SharedTables().bytes()).table()
        table.warnings() shouldBe emptyList()
        table.mainColumns().size shouldBe 16
        table.interactions().size shouldBe 12
    }

    test("LUI, AUIPC and FENCE check, and the results are the executor's") {
        val run = run()
        run.result.register(5) shouldBe 0x12345000
        run.result.register(6) shouldBe 0x80000000.toInt()
        run.result.register(7) shouldBe -4096
        run.result.register(8) shouldBe 0xf000
        run.result.register(9) shouldBe base + 16
        run.result.register(11) shouldBe base + 20 + 0xf000
        run.result.register(12) shouldBe base + 24 - 4096
        run.result.register(13) shouldBe base + 28 + 0x7ffff000
        run.result.register(0) shouldBe 0
        run.rowsWhere("rv32_upper", "is_fence", 1).size shouldBe 1
        run.shouldCheck()
    }

    test("a wrong LUI result is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_upper", "is_lui", 1).first()
        run.bump("rv32_upper", "c_lo", row, 1)
        run.shouldFailConstraint("LUI: c_lo")
    }

    test("a wrong AUIPC result is flagged by its carries") {
        val run = run()
        val row = run.rowsWhere("rv32_upper", "is_auipc", 1).first()
        run.bump("rv32_upper", "c_hi", row, 1)
        run.shouldFailConstraint("AUIPC: the high carry")
    }

    test("a wrong low half of the pc is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_upper", "is_auipc", 1).first()
        // Moving 4 from pc_lo into pc_hi keeps pc = pc_lo + 2^16·pc_hi but pc_hi is no longer an integer.
        run.bump("rv32_upper", "pc_lo", row, -4)
        run.bump("rv32_upper", "c_lo", row, -4)
        run.shouldFailConstraint("AUIPC: the high carry")
        run.shouldUnbalance("byte_ops")
    }

    test("a LUI executed as an AUIPC is flagged by the fetch") {
        val run = run()
        val row = run.rowsWhere("rv32_upper", "is_lui", 1).first()
        run.tamper("rv32_upper", "is_lui", row, 0)
        run.tamper("rv32_upper", "is_auipc", row, 1)
        run.shouldUnbalance("rv32_fetch")
    }

    test("a FENCE that writes a register is flagged by the fetch") {
        val run = run()
        val row = run.rowsWhere("rv32_upper", "is_fence", 1).single()
        run.tamper("rv32_upper", "rd", row, 5)
        run.tamper("rv32_upper", "writes_rd", row, 1)
        run.shouldUnbalance("rv32_fetch")
    }

    test("a write to x0 is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_upper", "rd", 0).first { run.cell("rv32_upper", "is_lui", it) == 1 }
        run.tamper("rv32_upper", "writes_rd", row, 1)
        run.shouldUnbalance("rv32_fetch")
    }

    test("a padding row that writes is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_upper", "clk", 0).first()
        run.tamper("rv32_upper", "writes_rd", row, 1)
        run.shouldFailConstraint("padding rows write no register")
    }

    test("EBREAK needs no chip: the executor traps on it, so no run to prove contains one") {
        val trap = shouldThrow<TrapException> { MachineRun.of(Asm().apply { addi(5, 0, 1).ebreak() }) }
        trap.trapCause() shouldBe TrapCause.EBREAK
    }
})
