package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The shift programs and forgeries, shared with runtime's proof tests. */
object Shifts {
    const val V = 0x812345F6.toInt()
    const val TABLE = "rv32_shift"

    fun run() = MachineRun.of(Asm().apply {
        word(5, V).word(6, 0x12345678).addi(7, 0, -1).word(8, Int.MIN_VALUE)
        addi(9, 0, 32).addi(28, 0, 33).addi(29, 0, 13).addi(30, 0, 8)
        reg(Opcode.SLL, 11, 5, 29).reg(Opcode.SRL, 12, 5, 29).reg(Opcode.SRA, 13, 5, 29)
        reg(Opcode.SLL, 14, 5, 9).reg(Opcode.SRL, 15, 5, 28).reg(Opcode.SRA, 16, 5, 7) // rs2 = 32, 33, -1
        imm(Opcode.SLLI, 18, 5, 31).imm(Opcode.SRLI, 19, 8, 31).imm(Opcode.SRAI, 20, 8, 31) // INT_MIN
        imm(Opcode.SRAI, 21, 5, 0).imm(Opcode.SLLI, 22, 7, 4) // no shift; all ones
        reg(Opcode.SRL, 23, 7, 30).reg(Opcode.SRA, 24, 5, 30).reg(Opcode.SLL, 25, 5, 30) // whole bytes
        reg(Opcode.SRA, 26, 29, 29) // rs1 = rs2
        imm(Opcode.SRLI, 27, 0, 5).imm(Opcode.SRAI, 31, 6, 7) // zero; SRA of a positive word
        reg(Opcode.SRA, 0, 5, 29) // a write to x0 is dropped
        exit()
    })

    val expected = mapOf(
        11 to (V shl 13), 12 to (V ushr 13), 13 to (V shr 13), 14 to V, 15 to (V ushr 1), 16 to (V shr 31),
        18 to (V shl 31), 19 to 1, 20 to -1, 21 to V, 22 to -16, 23 to 0x00FFFFFF, 24 to (V shr 8),
        25 to (V shl 8), 26 to 0, 27 to 0, 31 to (0x12345678 shr 7),
    )

    /** The row of SRA x0, x5, x13: V >> 13, whose result is written nowhere. */
    fun dropped(run: MachineRun) = run.row(TABLE, "is_sra", 0)

    /** Writes [value]'s bytes as the row's result c. */
    fun setResult(run: MachineRun, row: Int, value: Int) {
        for (i in 0..3) run.tamper(TABLE, "c[$i]", row, (value ushr (8 * i)) and 0xff)
    }

    /** On the dropped row, a shift by 12 instead of 13, every column but the amount's consistent with it. */
    fun forgeAmount(run: MachineRun) {
        val row = dropped(run)
        run.tamper(TABLE, "s[0]", row, 0)
        run.tamper(TABLE, "pow_m1", row, 15)
        for (i in 0..3) run.tamper(TABLE, "k[$i]", row, (V ushr (8 * i)) and 15)
        setResult(run, row, V shr 12)
    }

    /** On the dropped row, byte 0 one less and the carry into it (k[1], shift 13 = 8 + 5) 32 more. */
    fun forgeCarry(run: MachineRun) {
        val row = dropped(run)
        run.tamper(TABLE, "c[0]", row, run.cell(TABLE, "c[0]", row) - 1)
        run.tamper(TABLE, "k[1]", row, run.cell(TABLE, "k[1]", row) + 32)
    }

    /** On the dropped row, SRA filling with 0 as if V were non-negative. */
    fun forgeSign(run: MachineRun) {
        val row = dropped(run)
        run.tamper(TABLE, "sign", row, 0)
        setResult(run, row, V ushr 13)
    }
}

class ShiftChipTest : FunSpec({
    test("SLL, SRL, SRA and the immediates compute the executor's results and check") {
        val run = Shifts.run()
        for ((r, v) in Shifts.expected) {
            withClue("x$r") { run.result.register(r) shouldBe v }
        }
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }


    test("every shift amount of every edge word checks, from rs2 (also 32 more) and from the immediate") {
        val run = sweep { regs ->
            for (s in 0 until 32) {
                addi(20, 0, s).addi(21, 0, s + 32)
                for (a in regs) {
                    reg(Opcode.SLL, 22, a, 20).reg(Opcode.SRL, 23, a, 21).reg(Opcode.SRA, 24, a, 20)
                    imm(Opcode.SLLI, 25, a, s).imm(Opcode.SRLI, 26, a, s).imm(Opcode.SRAI, 27, a, s)
                }
            }
        }
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }
    test("a wrong result byte is flagged by its byte equation") {
        val run = Shifts.run()
        val row = Shifts.dropped(run)
        run.tamper(Shifts.TABLE, "c[1]", row, run.cell(Shifts.TABLE, "c[1]", row) xor 4)
        run.check().toString() shouldContain "SRL/SRA: byte 1"
    }

    test("a wrong left shift result written to rd is flagged") {
        val run = Shifts.run()
        val row = run.row(Shifts.TABLE, "is_sll", 11)
        run.tamper(Shifts.TABLE, "c[2]", row, run.cell(Shifts.TABLE, "c[2]", row) xor 1)
        run.check().toString() shouldContain "SLL: byte 2"
    }

    test("a shift amount other than rs2 mod 32 is flagged by the range check of the rest") {
        val run = Shifts.run()
        Shifts.forgeAmount(run)
        run.shouldFailOnlyByteLookups()
    }

    test("a carry at or above 2^(bit shift) is flagged by its bound") {
        val run = Shifts.run()
        Shifts.forgeCarry(run)
        run.shouldFailOnlyByteLookups()
    }

    test("an SRA filling with the wrong sign is flagged by the sign's range check") {
        val run = Shifts.run()
        Shifts.forgeSign(run)
        run.shouldFailOnlyByteLookups()
    }

    test("an SRL filling with ones is flagged") {
        val run = Shifts.run()
        val row = run.row(Shifts.TABLE, "is_srl", 12)
        run.tamper(Shifts.TABLE, "sign", row, 1)
        run.check().toString() shouldContain "only SRA fills with the sign"
    }

    test("a byte shift marked in the wrong direction is flagged") {
        val run = Shifts.run()
        val row = run.row(Shifts.TABLE, "is_sll", 11)
        run.cell(Shifts.TABLE, "left[1]", row) shouldBe 1
        run.tamper(Shifts.TABLE, "left[1]", row, 0)
        run.tamper(Shifts.TABLE, "right[1]", row, 1)
        run.check().toString() shouldContain "left shifts mark one byte shift"
    }

    test("SRL run as SRA is flagged by the fetch") {
        val run = Shifts.run()
        val row = run.row(Shifts.TABLE, "is_srl", 12)
        run.swapFlag(Shifts.TABLE, row, "is_srl", "is_sra")
        run.check().toString() shouldContain "bus 'rv32_fetch'"
    }
})
