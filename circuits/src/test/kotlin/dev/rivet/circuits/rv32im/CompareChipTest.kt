package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.field.BabyBear
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The comparison program and forgeries, shared with runtime's proof tests. */
object Compares {
    const val TABLE = "rv32_compare"

    fun run() = MachineRun.of(Asm().apply {
        word(5, Int.MIN_VALUE).word(6, Int.MAX_VALUE).addi(7, 0, -1).addi(8, 0, 5)
        reg(Opcode.SLT, 11, 5, 6).reg(Opcode.SLT, 12, 6, 5) // INT_MIN < INT_MAX signed
        reg(Opcode.SLTU, 13, 5, 6).reg(Opcode.SLTU, 14, 6, 5) // but not unsigned
        reg(Opcode.SLT, 15, 5, 5).reg(Opcode.SLTU, 16, 7, 7) // equal operands, rs1 = rs2
        reg(Opcode.SLT, 18, 7, 8).reg(Opcode.SLTU, 19, 7, 8) // -1 < 5 signed, 0xFFFFFFFF > 5 unsigned
        imm(Opcode.SLTI, 20, 7, 0).imm(Opcode.SLTI, 21, 8, -2048).imm(Opcode.SLTI, 22, 5, 0)
        imm(Opcode.SLTIU, 23, 8, -1) // 5 < 0xFFFFFFFF
        imm(Opcode.SLTIU, 24, 7, -1) // equal
        imm(Opcode.SLTIU, 25, 0, 1) // seqz of zero
        imm(Opcode.SLTIU, 26, 5, 2047)
        reg(Opcode.SLT, 0, 7, 8) // a write to x0 is dropped
        exit()
    })

    val expected = mapOf(
        11 to 1, 12 to 0, 13 to 0, 14 to 1, 15 to 0, 16 to 0, 18 to 1, 19 to 0,
        20 to 1, 21 to 0, 22 to 1, 23 to 1, 24 to 0, 25 to 1, 26 to 0,
    )

    /**
     * On SLT x0, -1, 5 (result written nowhere): lt = 0 with diff_hi = 0xFFFF − 2^16 = −1, which makes the limb
     * equations hold; only diff_hi's range check sees it.
     */
    fun forgeRange(run: MachineRun) {
        val row = run.row(TABLE, "is_slt", 0)
        run.cell(TABLE, "lt", row) shouldBe 1
        run.tamper(TABLE, "lt", row, 0)
        run.tamper(TABLE, "diff_hi", row, run.cell(TABLE, "diff_hi", row) - 0x10000 + BabyBear.P)
    }

    /**
     * On the same row, a = -1 taken as non-negative (msb_a = 0): then a' = 0x17FFF, and lt = 0 with the unchanged
     * diff_hi = 0xFFFF satisfies the limbs; only msb_a's range check sees it.
     */
    fun forgeSign(run: MachineRun) {
        val row = run.row(TABLE, "is_slt", 0)
        run.cell(TABLE, "diff_hi", row) shouldBe 0xFFFF
        run.tamper(TABLE, "msb_a", row, 0)
        run.tamper(TABLE, "lt", row, 0)
    }
}

class CompareChipTest : FunSpec({
    fun run() = Compares.run()

    test("SLT, SLTU, SLTI, SLTIU compute the executor's results and check") {
        val run = run()
        for ((r, v) in Compares.expected) {
            withClue("x$r") { run.result.register(r) shouldBe v }
        }
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }


    test("every pair of edge words checks under SLT, SLTU and the immediates") {
        val run = sweep { regs ->
            for (a in regs) for (b in regs) reg(Opcode.SLT, 20, a, b).reg(Opcode.SLTU, 21, a, b)
            for (a in regs) for (i in intArrayOf(0, 1, -1, 0x7ff, -2048)) {
                imm(Opcode.SLTI, 22, a, i).imm(Opcode.SLTIU, 23, a, i)
            }
        }
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }
    test("a flipped result is flagged by the subtraction") {
        val run = run()
        val row = run.row(Compares.TABLE, "is_sltu", 14)
        run.tamper(Compares.TABLE, "lt", row, 0)
        run.check().toString() shouldContain "the high limb"
    }

    test("a flipped result with a difference that makes the limbs hold is flagged by the range check") {
        val run = run()
        Compares.forgeRange(run)
        run.shouldFailOnlyByteLookups()
    }

    test("a wrong sign bit is flagged by its range check") {
        val run = run()
        Compares.forgeSign(run)
        run.shouldFailOnlyByteLookups()
    }

    test("an unsigned compare run as signed is flagged by the fetch") {
        val run = run()
        val row = run.row(Compares.TABLE, "is_sltu", 19)
        run.swapFlag(Compares.TABLE, row, "is_sltu", "is_slt")
        run.check().toString() shouldContain "bus 'rv32_fetch'"
    }

    test("a signed immediate other than the fetched one is flagged") {
        val run = run()
        val row = run.row(Compares.TABLE, "is_sltiu", 23)
        run.tamper(Compares.TABLE, "b_hi", row, 0)
        run.check().toString() shouldContain "immediate: b's high half is imm_hi"
    }
})
