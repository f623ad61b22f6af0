package dev.rivet.exec

import dev.rivet.isa.Decoder
import dev.rivet.isa.Format
import dev.rivet.isa.Opcode
import dev.rivet.isa.Opcode.*
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe

/**
 * What [RandomProgram] promises, measured on the executed cycles of the first [SEEDS] seeds (the
 * programs runtime's RandomProgramProofTest proves), so that a change to the generator cannot
 * quietly stop covering a family or an edge case.
 */
class RandomProgramTest : FunSpec({
    val seen = HashSet<String>()
    val cycles = ArrayList<Long>()
    for (k in 0 until SEEDS) {
        val program = RandomProgram(RandomProgram.baseSeed + k)
        val result = Executor.of(program.program(RandomProgram.Output.COMMIT)).recording(true).run()
        val record = result.record()
        cycles += result.cycles()
        for (c in 0 until record.cycleCount()) {
            val word = record.instruction(c)
            val op = Decoder.opcode(word)
            val name = Opcode.mnemonic(op)
            val a = record.rs1Value(c)
            val b = record.rs2Value(c)
            seen += name
            if (Opcode.format(op) == Format.R && Decoder.rs1(word) == Decoder.rs2(word)) seen += "rs1 = rs2"
            if (Decoder.rd(word) == 0 && op !in BEQ..BGEU && op !in SB..SW && op != FENCE && op != ECALL) seen += "write to x0"
            if (op in DIV..REMU && b == 0) seen += "$name by zero"
            if (op in DIV..REMU && a == Int.MIN_VALUE && b == -1) seen += "$name INT_MIN / -1"
            if (op in MUL..MULHU && (a == Int.MIN_VALUE || b == Int.MIN_VALUE)) seen += "$name INT_MIN"
            if ((op == SLL || op == SRL || op == SRA) && Integer.compareUnsigned(b, 32) >= 0) seen += "$name by rs2 >= 32"
            if (op in BEQ..BGEU && c + 1 < record.cycleCount() && record.pc(c + 1) == record.pc(c) + Decoder.immediate(op, word)) {
                seen += if (Decoder.immediate(op, word) < 0) "$name taken backward" else "$name taken forward"
            }
            if (op == JALR && Decoder.immediate(op, word) and 1 == 1) seen += "JALR odd target"
            if ((op == LB || op == LH) && record.rdValue(c) < 0) seen += "$name negative"
            if ((op == LBU || op == LHU) && record.rdValue(c) and (if (op == LBU) 0x80 else 0x8000) != 0) seen += "$name top bit"
        }
    }

    test("the first $SEEDS seeds run every instruction but EBREAK and the edge cases") {
        val families = (0 until Opcode.COUNT).filter { it != EBREAK }.map { Opcode.mnemonic(it) }
        val edges = listOf("rs1 = rs2", "write to x0", "JALR odd target") +
            listOf(DIV, DIVU, REM, REMU).map { Opcode.mnemonic(it) + " by zero" } +
            listOf(DIV, REM).map { Opcode.mnemonic(it) + " INT_MIN / -1" } +
            (MUL..MULHU).map { Opcode.mnemonic(it) + " INT_MIN" } +
            listOf(SLL, SRL, SRA).map { Opcode.mnemonic(it) + " by rs2 >= 32" } +
            (BEQ..BGEU).map { Opcode.mnemonic(it) + " taken forward" } +
            listOf(BNE, BLT, BLTU).map { Opcode.mnemonic(it) + " taken backward" } +
            listOf(LB, LH).map { Opcode.mnemonic(it) + " negative" } + listOf(LBU, LHU).map { Opcode.mnemonic(it) + " top bit" }
        seen shouldContainAll families + edges
    }

    test("the programs run a few hundred cycles each") {
        println("RandomProgram cycles over $SEEDS seeds: min ${cycles.min()}, mean ${cycles.average().toLong()}, max ${cycles.max()}")
        cycles.all { it in 200..2000 } shouldBe true
    }
}) {
    companion object {
        const val SEEDS = 50
    }
}
