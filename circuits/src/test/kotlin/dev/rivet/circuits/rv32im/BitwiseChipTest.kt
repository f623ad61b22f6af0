package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The bitwise program and forgeries, shared with runtime's proof tests. */
object Bitwise {
    const val TABLE = "rv32_bitwise"
    private const val x = 0xF0F01234.toInt()
    private const val y = 0x0FF0FF81

    fun run() = MachineRun.of(Asm().apply {
        word(5, x).word(6, y).addi(7, 0, -1).word(8, Int.MIN_VALUE)
        reg(Opcode.XOR, 11, 5, 6).reg(Opcode.OR, 12, 5, 6).reg(Opcode.AND, 13, 5, 6)
        reg(Opcode.XOR, 14, 5, 5) // rs1 = rs2
        reg(Opcode.OR, 15, 7, 8).reg(Opcode.AND, 16, 8, 7).reg(Opcode.XOR, 18, 0, 0) // all ones, INT_MIN, zero
        imm(Opcode.XORI, 19, 5, -1) // NOT: the immediate's high half is 0xFFFF
        imm(Opcode.ORI, 20, 5, 0x7ff).imm(Opcode.ANDI, 21, 5, -2048).imm(Opcode.ANDI, 22, 7, 0x555)
        reg(Opcode.AND, 0, 5, 6) // a write to x0 is dropped
        exit()
    })

    val expected = mapOf(
        11 to (x xor y), 12 to (x or y), 13 to (x and y), 14 to 0, 15 to -1, 16 to Int.MIN_VALUE, 18 to 0,
        19 to x.inv(), 20 to (x or 0x7ff), 21 to (x and -2048), 22 to 0x555,
    )

    /** On the AND whose result goes to x0 (nowhere), a wrong result byte: only the AND lookup sees it. */
    fun forgeResult(run: MachineRun) {
        val row = run.row(TABLE, "is_and", 0)
        run.tamper(TABLE, "c[1]", row, run.cell(TABLE, "c[1]", row) xor 1)
    }

    /** On OR x12, a's low half split as (a[0] + 256, a[1] − 1): the same half, so only the byte check sees it. */
    fun forgeSplit(run: MachineRun) {
        val row = run.row(TABLE, "is_or", 12)
        run.cell(TABLE, "a[1]", row) shouldBe ((x ushr 8) and 0xff)
        run.tamper(TABLE, "a[0]", row, run.cell(TABLE, "a[0]", row) + 256)
        run.tamper(TABLE, "a[1]", row, run.cell(TABLE, "a[1]", row) - 1)
    }
}

class BitwiseChipTest : FunSpec({
    fun run() = Bitwise.run()

    test("XOR, OR, AND and the immediates compute the executor's results and check") {
        val run = run()
        for ((r, v) in Bitwise.expected) {
            withClue("x$r") { run.result.register(r) shouldBe v }
        }
        run.result.register(0) shouldBe 0
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }


    test("every pair of edge words checks under XOR, OR, AND and the immediates") {
        val run = sweep { regs ->
            for (a in regs) for (b in regs) for (op in intArrayOf(Opcode.XOR, Opcode.OR, Opcode.AND)) reg(op, 20, a, b)
            for (a in regs) for (i in intArrayOf(0, 1, -1, 0x7ff, -2048, 0x0f0)) {
                for (op in intArrayOf(Opcode.XORI, Opcode.ORI, Opcode.ANDI)) imm(op, 21, a, i)
            }
        }
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }
    test("a wrong result byte is flagged by its lookup") {
        val run = run()
        Bitwise.forgeResult(run)
        run.shouldFailOnlyByteLookups()
    }

    test("a wrong result written to rd is flagged") {
        val run = run()
        val row = run.row(Bitwise.TABLE, "is_xor", 11)
        run.tamper(Bitwise.TABLE, "c[3]", row, run.cell(Bitwise.TABLE, "c[3]", row) xor 0x80)
        run.check().ok() shouldBe false
    }

    test("an operand split into bytes other than its own is flagged") {
        val run = run()
        Bitwise.forgeSplit(run)
        run.shouldFailOnlyByteLookups()
    }

    test("an immediate operand other than the fetched immediate is flagged") {
        val run = run()
        val row = run.row(Bitwise.TABLE, "is_ori", 20)
        run.tamper(Bitwise.TABLE, "b[0]", row, 0)
        run.tamper(Bitwise.TABLE, "c[0]", row, run.cell(Bitwise.TABLE, "a[0]", row))
        run.check().toString() shouldContain "immediate: b's low half is imm_lo"
    }

    test("another operation's flag is flagged by the fetch") {
        val run = run()
        val row = run.row(Bitwise.TABLE, "is_xor", 11)
        run.swapFlag(Bitwise.TABLE, row, "is_xor", "is_or")
        run.check().toString() shouldContain "bus 'rv32_fetch'"
    }
})
