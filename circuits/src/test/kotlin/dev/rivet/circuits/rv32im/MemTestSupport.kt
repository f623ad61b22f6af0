package dev.rivet.circuits.rv32im

import dev.rivet.dsl.Lookups
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode

/**
 * Sets [rd] to [value] with ADDI and ADD only (no LUI chip is needed): the top 10 bits, then two 11-bit chunks, each
 * shifted in by doubling eleven times. 24 instructions.
 */
fun Asm.const(rd: Int, value: Int): Asm {
    addi(rd, 0, value ushr 22)
    for (shift in intArrayOf(11, 0)) {
        repeat(11) { reg(Opcode.ADD, rd, rd, rd) }
        addi(rd, rd, (value ushr shift) and 0x7ff)
    }
    return this
}

/** Ends a program: exit code x[rd], then halt. */
fun Asm.exitWith(rd: Int): Asm = addi(10, rd, 0).addi(17, 0, 93).ecall()

/** Re-derives the lookup counters after tampering, as a forger would: only lookups outside their table remain. */
fun MachineRun.rederiveLookups() = Lookups.deriveMultiplicities(traces)

/** The modulus minus one: how a U16 lookup of −1 shows in an imbalance. */
const val MINUS_ONE = 2013265920
