package dev.rivet.circuits.rv32im

import dev.rivet.dsl.Lookups
import dev.rivet.exec.Asm
import dev.rivet.field.BabyBear
import dev.rivet.isa.Opcode
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

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

/**
 * Asserts that every constraint holds and that the byte table is asked for a 16-bit check of [value], which it
 * does not hold: a forgery that only a range check can catch, and does.
 */
fun MachineRun.shouldFailOnlyRangeCheckOf(value: Int) {
    rederiveLookups()
    val report = check()
    report.constraintFailures.shouldBeEmpty()
    report.busImbalances.any { it.bus == "byte_ops" && it.values[1] == value } shouldBe true
}

/**
 * Moves the accessed address of [row] of [table] to the high half [hi], with rs1's value, so that the address carries
 * still hold and only the user-memory bounds can object.
 */
fun MachineRun.moveAddressHigh(table: String, row: Int, hi: Int) {
    tamper(table, "a_hi", row, hi)
    tamper(table, "addr_hi", row, hi)
}

/**
 * Refills the code-region gap of every store row and every read's call row from its (possibly moved) word range and
 * its table's code bounds, as a forger would: for a range reaching into the code the gap is negative, so it wraps in
 * the field to a value no range check accepts.
 */
fun MachineRun.refillCodeGaps() {
    val address = { table: String, row: Int ->
        (cell(table, "w_lo", row) + (cell(table, "addr_hi", row) shl 14)).let { it.toLong() to it.toLong() }
    }
    for ((table, flags, range) in listOf(
        Triple("rv32_mem_word", listOf("is_sw"), address),
        Triple("rv32_mem_sub", listOf("is_sb", "is_sh"), address),
        Triple("rv32_read", listOf("is_call"), ::readWordRange),
    )) {
        val t = trace(table)
        val names = t.table().publicValues()
        val start = t.publicValues()[names.indexOf("code_start_word")]
        val end = t.publicValues()[names.indexOf("code_end_word")]
        for (row in 0 until t.height()) {
            if (flags.none { cell(table, it, row) == 1 }) continue
            val (first, last) = range(table, row)
            val below = last < start
            val gap = Math.floorMod(if (below) start - 1L - last else first - end, BabyBear.P.toLong()).toInt()
            tamper(table, "below_code", row, if (below) 1 else 0)
            tamper(table, "code_gap_lo", row, gap and 0xffff)
            tamper(table, "code_gap_hi", row, gap ushr 16)
        }
    }
}

/** The word range [⌊buf / 4⌋, ⌈(buf + len) / 4⌉ − 1] of the whole buffer of the read on call [row] of [table]. */
fun MachineRun.readWordRange(table: String, row: Int): Pair<Long, Long> {
    val buf = cell(table, "buf_lo", row) + (cell(table, "buf_hi", row).toLong() shl 16)
    val len = cell(table, "len_lo", row) + (cell(table, "len_hi", row).toLong() shl 16)
    return (buf ushr 2) to (buf + len + 3 ushr 2) - 1
}
