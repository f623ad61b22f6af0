package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.exec.TrapCause
import dev.rivet.exec.TrapException
import dev.rivet.isa.Opcode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

private const val WORD = "rv32_mem_word"
private const val SUB = "rv32_mem_sub"

/** Where [codeEdgeProgram]'s code starts: above the bottom of user memory, so that there is memory below it. */
const val EDGE_BASE = Asm.CODE + 0x1000

/**
 * SW, SH and SB at both edges of the code region, all allowed: the word at code_end, and the word just below
 * code_start (the code starts at [EDGE_BASE]).
 */
fun codeEdgeProgram(): MachineRun {
    fun build(end: Int) = Asm(EDGE_BASE).apply {
        const(5, end)
        store(Opcode.SW, 5, 5, 0) // the word at code_end
        store(Opcode.SH, 5, 5, 2)
        store(Opcode.SB, 5, 5, 1)
        store(Opcode.SW, 5, 5, EDGE_BASE - 4 - end) // the last word below code_start
        store(Opcode.SH, 5, 5, EDGE_BASE - 2 - end)
        store(Opcode.SB, 5, 5, EDGE_BASE - 1 - end)
        load(Opcode.LW, 6, 5, 0)
        exitWith(0)
    }
    val end = build(EDGE_BASE).here // the length does not depend on the constant
    return MachineRun.of(build(end)).also { it.program.codeEnd() shouldBe end }
}

class CodeRegionStoreTest : FunSpec({
    test("stores at code_end and just below code_start check, with the code bounds as public values") {
        val run = codeEdgeProgram()
        val end = run.program.codeEnd()
        val low = end and 0xff // SW puts x5 = code_end there, SH its low half at code_end + 2, SB its low byte at + 1
        run.result.register(6) shouldBe ((end and 0xffff) shl 16 or (low shl 8) or low)
        run.rowsWhere(WORD, "below_code", 1).size shouldBe 1
        run.rowsWhere(SUB, "below_code", 1).size shouldBe 2
        for (table in listOf(WORD, SUB)) {
            run.trace(table).publicValues().toList() shouldBe
                listOf(run.program.codeStart() ushr 2, run.program.codeEnd() ushr 2)
        }
        run.machine.publicValues().map { it.toList() } shouldBe run.traces.map { it.publicValues().toList() }
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    test("a store into the code region traps in the executor: no run to prove") {
        for (op in listOf(Opcode.SW, Opcode.SH, Opcode.SB)) {
            shouldThrow<TrapException> {
                MachineRun.of(Asm().apply { const(5, Asm.CODE); store(op, 0, 5, 4); exitWith(0) })
            }.trapCause() shouldBe TrapCause.STORE_TO_CODE
        }
    }

    for ((table, program, flag) in listOf(
        Triple(WORD, ::wordProgram, "is_sw"), Triple(SUB, ::subProgram, "is_sb"), Triple(SUB, ::subProgram, "is_sh"),
    )) {
        test("$table: a store moved into the code region fails only the code gap's range check ($flag)") {
            val run = program()
            val row = run.rowsWhere(table, flag, 1).first() // its base is DATA = 0x40000, with a small offset
            run.moveAddressHigh(table, row, Asm.CODE ushr 16) // now 0x100xx: inside the code
            val w = run.cell(table, "w_lo", row) + (run.cell(table, "addr_hi", row) shl 14)
            (4 * w < run.program.codeEnd()) shouldBe true
            run.refillCodeGaps()
            run.rederiveLookups()
            val report = run.check()
            report.constraintFailures.shouldBeEmpty()
            // the wrapped gap's high limb is below 2^16 but not below 2^14: its shifted lookup is what fails
            val shifted = run.cell(table, "code_gap_hi", row) * 4
            report.busImbalances.any { it.bus == "byte_ops" && it.values[1] == shifted } shouldBe true
        }
    }

    test("claiming the code region ends past a store makes its gap unprovable, whichever side the forger picks") {
        for (below in listOf(0, 1)) {
            val run = wordProgram()
            val t = run.trace(WORD)
            t.publicValues()[t.table().publicValues().indexOf("code_end_word")] = 0x60000 ushr 2 // past every store
            run.refillCodeGaps()
            if (below == 1) {
                for (row in run.rowsWhere(WORD, "is_sw", 1)) {
                    val w = run.cell(WORD, "w_lo", row) + (run.cell(WORD, "addr_hi", row) shl 14)
                    val gap = Math.floorMod((Asm.CODE ushr 2) - 1L - w, dev.rivet.field.BabyBear.P.toLong()).toInt()
                    run.tamper(WORD, "below_code", row, 1)
                    run.tamper(WORD, "code_gap_lo", row, gap and 0xffff)
                    run.tamper(WORD, "code_gap_hi", row, gap ushr 16)
                }
            }
            run.rederiveLookups()
            val report = run.check()
            report.constraintFailures.shouldBeEmpty()
            report.busImbalances.any { it.bus == "byte_ops" } shouldBe true
        }
    }
})
