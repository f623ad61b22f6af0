package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain

/**
 * Loads any 32-bit [value] into [rd] with ADDI and ADD only (the chips every test machine has; LUI may have none):
 * the top 10 bits, then twice 11 doublings and the next 11 bits.
 */
fun Asm.word(rd: Int, value: Int): Asm {
    addi(rd, 0, value ushr 22)
    for (shift in intArrayOf(11, 0)) {
        repeat(11) { reg(Opcode.ADD, rd, rd, rd) }
        addi(rd, rd, (value ushr shift) and 0x7ff)
    }
    return this
}

/** Edge words for the sweeps: zero, one, all ones, the signed extremes, byte and half boundaries, mixed. */
val EDGE_WORDS = intArrayOf(0, 1, -1, Int.MIN_VALUE, Int.MAX_VALUE, 0x80, 0xFF, 0x8000, 0x12345678, 0x812345F6.toInt())

/**
 * A run that loads [EDGE_WORDS] into x5, x6, … and then runs [body]; with the checker it shows that the chips'
 * fillers agree with the executor on every result (a different value would unbalance the register's versions).
 */
fun sweep(body: Asm.(registers: IntRange) -> Unit): MachineRun = MachineRun.of(Asm().apply {
    EDGE_WORDS.forEachIndexed { i, v -> word(5 + i, v) }
    body(5 until 5 + EDGE_WORDS.size)
    exit()
})

/** Ends a test program: exit code 0 (x10), then the halt ECALL. */
fun Asm.exit(): Asm = addi(10, 0, 0).addi(17, 0, 93).ecall()

/** The single row of [table] whose flag [flag] is 1 and whose rd is [rd]. */
fun MachineRun.row(table: String, flag: String, rd: Int): Int =
    rowsWhere(table, flag, 1).single { cell(table, "rd", it) == rd }

/** Moves [row] of [table] from operation flag [from] to [to] (a forger claiming another operation). */
fun MachineRun.swapFlag(table: String, row: Int, from: String, to: String) {
    tamper(table, from, row, 0)
    tamper(table, to, row, 1)
}

/**
 * Asserts that the checker flags byte_ops lookups and nothing else: every constraint holds and the memory bus
 * balances, so the forgery is caught by a range check or a byte operation alone.
 */
fun MachineRun.shouldFailOnlyByteLookups() {
    val report = check().toString()
    report shouldContain "bus 'byte_ops'"
    report shouldNotContain "fails on row"
    report shouldNotContain "bus 'rv32_memory'"
}
