package dev.rivet.circuits.rv32im

import dev.rivet.dsl.gadgets.ByteTable
import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain

/** The expected result of a division, computed from the RISC-V specification independently of the executor. */
fun expectedDiv(op: Int, a: Int, b: Int): Int = when (op) {
    Opcode.DIV -> if (b == 0) -1 else if (a == Int.MIN_VALUE && b == -1) Int.MIN_VALUE else a / b
    Opcode.REM -> if (b == 0) a else if (a == Int.MIN_VALUE && b == -1) 0 else a % b
    Opcode.DIVU -> if (b == 0) -1 else (a.toUInt() / b.toUInt()).toInt()
    else -> if (b == 0) a else (a.toUInt() % b.toUInt()).toInt()
}

/** The standard machine's DIV chip, for forging rows consistently. */
fun divChip(run: MachineRun): DivChip = run.machine.chips().filterIsInstance<DivChip>().single()

/** The row of the DIV table with [flag] set whose operands are [a] and [b]. */
fun divRow(run: MachineRun, flag: String, a: Int, b: Int): Int = run.rowsWhere("rv32_div", flag, 1)
    .single { word(run, "rv32_div", "a", it) == a && word(run, "rv32_div", "b", it) == b }

/** Divisions with rd = x0, whose rows can be forged without touching the register file. */
fun forgeableDivisions() = MachineRun.of(Asm().apply {
    for ((op, a, b) in listOf(Triple(Opcode.DIVU, 6, 3), Triple(Opcode.DIVU, 7, 3), Triple(Opcode.DIV, -7, 2),
            Triple(Opcode.DIV, 7, -2), Triple(Opcode.DIVU, 5, 0), Triple(Opcode.REM, -7, 2),
            Triple(Opcode.DIV, Int.MIN_VALUE, -1))) {
        load(1, a).load(2, b).reg(op, 0, 1, 2)
    }
    addi(17, 0, 93).ecall()
})

/**
 * Refills [run]'s DIV row with [flag] set dividing [a] by [b] consistently (product carries, signs, comparison,
 * written value) for the claimed quotient [q] and remainder [r] (each minus 2^32 where [qNeg], [rNeg]): a forger's
 * row, which only the constraints that the claim breaks can refuse.
 */
fun forgeDivision(run: MachineRun, flag: String, a: Int, b: Int, q: Int, qNeg: Boolean, r: Int,
        rNeg: Boolean = r < 0) {
    val signed = flag == "is_div" || flag == "is_rem"
    divChip(run).fillDivision(run.trace("rv32_div"), divRow(run, flag, a, b), flag == "is_div" || flag == "is_divu",
        signed, a, b, q, qNeg, r, rNeg)
}

/** The checker's report on [forgeableDivisions] with one row forged by [forgeDivision]. */
fun forgedDivision(flag: String, a: Int, b: Int, q: Int, qNeg: Boolean, r: Int, rNeg: Boolean = r < 0): String {
    val run = forgeableDivisions()
    forgeDivision(run, flag, a, b, q, qNeg, r, rNeg)
    return run.check().toString()
}

class DivChipTest : FunSpec({
    val ops = intArrayOf(Opcode.DIV, Opcode.DIVU, Opcode.REM, Opcode.REMU)
    val pairs = listOf(
        7 to 3, -7 to 3, 7 to -3, -7 to -3, // remainders follow the dividend's sign
        6 to 3, -6 to 3, 3 to 7, -3 to 7, // zero remainder of a negative dividend; zero quotient
        Int.MIN_VALUE to -1, Int.MIN_VALUE to 1, Int.MIN_VALUE to Int.MIN_VALUE, -1 to 2,
        5 to 0, -5 to 0, 0 to 0, Int.MIN_VALUE to 0, // by zero
        Int.MAX_VALUE to Int.MIN_VALUE, 0x7654321 to -0x1234,
    )
    val free = (3..31).filter { it != 10 && it != 17 }

    test("the table has the documented shape: 54 columns, 33 interactions, degree 3, no warnings") {
        assertShape(DivChip(ByteTable()).table(), 54, 33)
    }

    for (chunk in pairs.chunked(6)) {
        test("every operation on ${chunk.joinToString()} checks and matches the specification") {
            val run = MachineRun.of(Asm().apply {
                chunk.forEachIndexed { p, (a, b) ->
                    load(1, a).load(2, b)
                    ops.forEachIndexed { o, op -> reg(op, free[4 * p + o], 1, 2) }
                }
                addi(17, 0, 93).ecall()
            })
            chunk.forEachIndexed { p, (a, b) ->
                ops.forEachIndexed { o, op ->
                    withClue("${Opcode.mnemonic(op)} $a, $b") {
                        run.result.register(free[4 * p + o]) shouldBe expectedDiv(op, a, b)
                    }
                }
            }
            withClue(run.check().toString()) { run.check().ok() shouldBe true }
        }
    }

    test("rs1 = rs2 and a write to x0 check") {
        val run = MachineRun.of(Asm().apply {
            load(1, -9).reg(Opcode.DIV, 10, 1, 1).reg(Opcode.REMU, 0, 1, 1).addi(17, 0, 93).ecall()
        })
        run.result.register(10) shouldBe 1
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
        forgeableDivisions().check().ok() shouldBe true
    }

    test("a remainder equal to the divisor, with the quotient one less, is flagged") {
        val report = forgedDivision("is_divu", 6, 3, 1, false, 3)
        report shouldContain "|r| < |b|"
        report shouldNotContain "product limb"
    }

    test("a remainder above the divisor, with the quotient one less, is flagged") {
        val report = forgedDivision("is_divu", 7, 3, 1, false, 4)
        report shouldContain "|r| < |b|"
        report shouldNotContain "product limb"
    }

    test("a positive remainder of a negative dividend is flagged") {
        // −7 = 2·(−4) + 1: |1| < 2, but the remainder must be negative like the dividend
        val report = forgedDivision("is_div", -7, 2, -4, true, 1)
        report shouldContain "a negative dividend's remainder is negative or zero"
        report shouldNotContain "product limb"
        report shouldNotContain "|r| < |b|"
    }

    test("a negative remainder of a positive dividend is flagged") {
        // 7 = (−2)·(−4) − 1
        val report = forgedDivision("is_div", 7, -2, -4, true, -1)
        report shouldContain "a negative remainder needs a negative dividend"
        report shouldNotContain "product limb"
    }

    test("INT_MIN / −1 claimed with a negative quotient and the remainder −2^32 is flagged by |r| < |b| alone") {
        // (−1)·(−2^31) + (−2^32) = −2^31: the product holds, only the remainder's size refutes it
        val report = forgedDivision("is_div", Int.MIN_VALUE, -1, Int.MIN_VALUE, true, 0, true)
        report shouldContain "|r| < |b|"
        report shouldNotContain "product limb"
        report shouldNotContain "remainder is negative or zero"
    }

    test("a quotient other than all ones for a zero divisor is flagged") {
        val report = forgedDivision("is_divu", 5, 0, 0, false, 5)
        report shouldContain "by zero: the quotient is all ones"
        report shouldNotContain "product limb"
    }

    test("a zero divisor claimed nonzero is flagged") {
        val run = forgeableDivisions()
        run.tamper("rv32_div", "b_zero", divRow(run, "is_divu", 5, 0), 0)
        run.check().toString() shouldContain "b_zero: out = 1 − x·inv"
    }

    test("a wrong quotient byte or carry is flagged by the product") {
        val run = forgeableDivisions()
        val row = divRow(run, "is_div", -7, 2)
        run.tamper("rv32_div", "q[0]", row, run.cell("rv32_div", "q[0]", row) xor 1)
        run.check().toString() shouldContain "product limb 0"
        val again = forgeableDivisions()
        again.tamper("rv32_div", "k[1]", row, again.cell("rv32_div", "k[1]", row) + 1)
        again.check().toString() shouldContain "product limb 1"
    }

    test("a negative quotient on an unsigned row is flagged") {
        val run = forgeableDivisions()
        run.tamper("rv32_div", "q_neg", divRow(run, "is_divu", 7, 3), 1)
        run.check().toString() shouldContain "unsigned: the quotient is not negative"
    }

    test("a comparison carry outside 0..2 is flagged") {
        val run = forgeableDivisions()
        run.tamper("rv32_div", "d_carry", divRow(run, "is_divu", 7, 3), 3)
        run.check().toString() shouldContain "d_carry is 0, 1 or 2"
    }

    test("a written value other than the remainder is flagged") {
        val run = forgeableDivisions()
        run.tamper("rv32_div", "c_lo", divRow(run, "is_rem", -7, 2), 5)
        run.check().toString() shouldContain "REM: c is r's low half"
    }

    test("a wrong sign bit is flagged") {
        val run = forgeableDivisions()
        run.tamper("rv32_div", "msb_b", divRow(run, "is_div", 7, -2), 0)
        run.check().ok() shouldBe false
        val flag = forgeableDivisions()
        val row = divRow(flag, "is_div", 7, -2)
        flag.tamper("rv32_div", "is_div", row, 0)
        flag.tamper("rv32_div", "is_divu", row, 1)
        flag.check().toString() shouldContain "rv32_fetch"
    }
})
