package dev.rivet.circuits.rv32im

import dev.rivet.dsl.gadgets.ByteTable
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The expected result of a multiplication, computed independently of the executor. */
fun expectedMul(op: Int, a: Int, b: Int): Int {
    val ua = a.toLong() and 0xffffffffL
    val ub = b.toLong() and 0xffffffffL
    return when (op) {
        Opcode.MUL -> a * b
        Opcode.MULH -> ((a.toLong() * b.toLong()) shr 32).toInt()
        Opcode.MULHSU -> ((a.toLong() * ub) shr 32).toInt() // |a·ub| < 2^63: no overflow
        else -> (ua.toULong() * ub.toULong() shr 32).toInt()
    }
}

class MulChipTest : FunSpec({
    val ops = intArrayOf(Opcode.MUL, Opcode.MULH, Opcode.MULHSU, Opcode.MULHU)
    val pairs = listOf(
        -7 to 3, // negative × positive
        -7 to -3, // negative × negative
        Int.MIN_VALUE to Int.MIN_VALUE,
        Int.MIN_VALUE to -1,
        -1 to -1, // 0xFFFFFFFF × 0xFFFFFFFF unsigned
        0x12345678 to 0x9abcdef0.toInt(),
    )
    val free = (3..31).filter { it != 10 && it != 17 }

    /** Every operation on every pair; the result of pair p, operation o lands in free[4p + o]; also rs1 = rs2. */
    fun run() = MachineRun.of(Asm().apply {
        pairs.forEachIndexed { p, (a, b) ->
            load(1, a).load(2, b)
            ops.forEachIndexed { o, op -> reg(op, free[4 * p + o], 1, 2) }
        }
        load(1, -5)
        reg(Opcode.MULH, 10, 1, 1) // rs1 = rs2: (−5)² = 25, high word 0
        reg(Opcode.MUL, free[24], 1, 1)
        reg(Opcode.MULHU, 0, 1, 1) // a write to x0 is dropped
        addi(17, 0, 93).ecall()
    })

    test("the table has the documented shape: 44 columns, 31 interactions, degree 3, no warnings") {
        assertShape(MulChip(ByteTable()).table(), 44, 31)
    }

    test("every operation, signs and extremes, rs1 = rs2, checks and matches the executor") {
        val run = run()
        pairs.forEachIndexed { p, (a, b) ->
            ops.forEachIndexed { o, op ->
                withClue("${Opcode.mnemonic(op)} $a, $b") {
                    run.result.register(free[4 * p + o]) shouldBe expectedMul(op, a, b)
                }
            }
        }
        run.result.register(10) shouldBe 0
        run.result.register(free[24]) shouldBe 25
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    /** (−7) × 3 and 3 × 3 with rd = x0, whose rows can be forged without touching the register file. */
    fun forgeable() = MachineRun.of(Asm().apply {
        load(1, -7).addi(2, 0, 3)
        reg(Opcode.MULH, 0, 1, 2).reg(Opcode.MUL, 0, 2, 2).reg(Opcode.MUL, 5, 1, 2)
        addi(17, 0, 93).ecall()
    })

    test("a wrong result byte is flagged by the product") {
        val run = run()
        val row = run.rowsWhere("rv32_mul", "is_mul", 1).first()
        run.tamper("rv32_mul", "r[0]", row, run.cell("rv32_mul", "r[0]", row) xor 1)
        run.check().toString() shouldContain "product limb 0"
    }

    test("a wrong unwritten word (the other half of the product) is flagged") {
        val run = forgeable()
        val row = mulRow(run, "is_mul", 3)
        run.tamper("rv32_mul", "o[0]", row, 1)
        run.check().toString() shouldContain "product limb 4"
    }

    test("a wrong carry is flagged") {
        val run = run()
        val row = run.rowsWhere("rv32_mul", "is_mulhu", 1).first()
        run.tamper("rv32_mul", "k[3]", row, run.cell("rv32_mul", "k[3]", row) + 1)
        run.check().toString() shouldContain "product limb 3"
    }

    test("MULH of a negative operand forged as unsigned is flagged by the top-bit lookup alone") {
        val run = forgeable()
        val row = mulRow(run, "is_mulh", -7)
        forgeUnsignedMulh(run, row, -7, 3)
        val report = run.check().toString()
        report shouldContain "byte_ops"
        report.contains("product limb") shouldBe false
    }

    test("a wrong operation flag is flagged by the fetch") {
        val run = forgeable()
        val row = mulRow(run, "is_mulh", -7)
        run.tamper("rv32_mul", "is_mulh", row, 0)
        run.tamper("rv32_mul", "is_mulhu", row, 1)
        run.check().toString() shouldContain "rv32_fetch"
    }
})

/**
 * Refills the MULH [row] of [run] (rs1 = [a] negative, rs2 = [b] non-negative) as MULHU would compute it, claiming
 * a's top bit is 0: the product constraints hold, only the top-bit lookup can refuse it.
 */
fun forgeUnsignedMulh(run: MachineRun, row: Int, a: Int, b: Int) {
    run.machine.chips().filterIsInstance<MulChip>().single()
        .fillProduct(run.trace("rv32_mul"), row, false, false, false, a, b)
    run.tamper("rv32_mul", "msb_a", row, 0)
}

/** The row of the MUL table with [flag] set whose rs1 value is [a]. */
fun mulRow(run: MachineRun, flag: String, a: Int): Int =
    run.rowsWhere("rv32_mul", flag, 1).single { word(run, "rv32_mul", "a", it) == a }

/** The word held as bytes [name][0..3] on [row] of [table]. */
fun word(run: MachineRun, table: String, name: String, row: Int): Int =
    (0 until 4).sumOf { run.cell(table, "$name[$it]", row) shl (8 * it) }
