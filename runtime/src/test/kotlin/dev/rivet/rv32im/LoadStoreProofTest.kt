package dev.rivet.rv32im

import dev.rivet.circuits.rv32im.MachineRun
import dev.rivet.circuits.rv32im.codeEdgeProgram
import dev.rivet.circuits.rv32im.memRow
import dev.rivet.circuits.rv32im.moveAddressHigh
import dev.rivet.circuits.rv32im.rederiveLookups
import dev.rivet.circuits.rv32im.refillCodeGaps
import dev.rivet.circuits.rv32im.subProgram
import dev.rivet.circuits.rv32im.wordProgram
import io.kotest.core.spec.style.FunSpec

private const val WORD = "rv32_mem_word"
private const val SUB = "rv32_mem_sub"

class LoadStoreProofTest : FunSpec({
    test("word and sub-word loads and stores prove and verify") {
        MachineProofs.proveAndVerify(wordProgram())
        MachineProofs.proveAndVerify(subProgram())
    }

    test("stores at code_end and just below code_start prove and verify") {
        MachineProofs.proveAndVerify(codeEdgeProgram())
    }

    test("a proof forged from a store moved into the code region is rejected") {
        val run = subProgram()
        run.moveAddressHigh(SUB, run.rowsWhere(SUB, "is_sh", 1).first(), 1) // 0x10020: inside the code
        run.refillCodeGaps()
        run.rederiveLookups()
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged for a code region claimed to cover the stores is rejected") {
        val run = wordProgram()
        val t = run.trace(WORD)
        t.publicValues()[t.table().publicValues().indexOf("code_end_word")] = 0x60000 ushr 2 // past every store
        run.refillCodeGaps()
        run.rederiveLookups()
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a wrong loaded word is rejected") {
        val run = wordProgram()
        val row = run.memRow(WORD, "is_lw", "rd", 6)
        run.tamper(WORD, "v_lo", row, run.cell(WORD, "v_lo", row) + 1)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from an address outside user memory is rejected") {
        val run = wordProgram()
        run.moveAddressHigh(WORD, run.memRow(WORD, "is_lw", "rd", 6), 0)
        run.rederiveLookups()
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a memory access not after the word's previous one is rejected") {
        val run = wordProgram()
        val row = run.memRow(WORD, "is_lw", "rd", 8)
        run.tamper(WORD, "mem_prev_ts", row, run.cell(WORD, "clk", row) + 2)
        run.rederiveLookups()
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a wrong sign extension is rejected") {
        val run = subProgram()
        val row = run.memRow(SUB, "is_lb", "rd", 7)
        run.tamper(SUB, "sign_b", row, 0)
        run.tamper(SUB, "rest", row, 1 shl 16)
        run.rederiveLookups()
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a byte store that changes another lane is rejected") {
        val run = subProgram()
        val row = run.rowsWhere(SUB, "is_sb", 1).first()
        run.tamper(SUB, "new_lo", row, run.cell(SUB, "new_lo", row) + 0x100)
        MachineProofs.forgeAndExpectRejection(run)
    }

    test("a proof forged from a misaligned halfword is rejected") {
        val run = subProgram()
        run.tamper(SUB, "lane0", run.memRow(SUB, "is_lh", "rd", 12), 1)
        MachineProofs.forgeAndExpectRejection(run)
    }
})
