package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode

/**
 * Loads any 32-bit [value] into register [rd] (≠ 0) with ADDI and ADD only, the instructions every test machine
 * proves (LUI may have no chip): the top 10 bits by ADDI, then twice 11 doublings and an ADDI of the next 11 bits.
 */
fun Asm.load(rd: Int, value: Int): Asm {
    addi(rd, 0, value shr 22)
    for (chunk in intArrayOf((value ushr 11) and 0x7ff, value and 0x7ff)) {
        repeat(11) { reg(Opcode.ADD, rd, rd, rd) }
        addi(rd, rd, chunk)
    }
    return this
}
