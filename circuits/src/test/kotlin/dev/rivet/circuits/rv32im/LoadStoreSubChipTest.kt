package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

private const val T = "rv32_mem_sub"

/** Expected register values of [subProgram]. */
val SUB_RESULTS = mapOf(
    6 to -1, 7 to -128, 8 to 127, 9 to 128, 11 to 255, // LB, LBU at the 0x7f/0x80/0xff boundaries
    12 to 0xffff8000.toInt(), 13 to 0x7fff, 14 to 0x8000, 15 to 0x807f, 16 to 0xffff80ff.toInt(), // LH, LHU
    19 to 0x112233ab, 20 to 0x1122ab44, 21 to 0x11ab3344, 22 to 0xab223344.toInt(), // SB into each lane
    24 to 0x5566cdef, 25 to 0xcdef7788.toInt(), // SH into each half
    26 to -128, 27 to 0xab000000.toInt(), 28 to -85, // negative offsets, store then load
)

/** Byte and halfword loads and stores at every lane, over image data. */
fun subProgram() = MachineRun.of(Asm().apply {
    const(5, Asm.DATA)
    load(Opcode.LB, 6, 5, 0).load(Opcode.LB, 7, 5, 1).load(Opcode.LB, 8, 5, 2)
    load(Opcode.LBU, 9, 5, 3).load(Opcode.LBU, 11, 5, 0)
    load(Opcode.LH, 12, 5, 4).load(Opcode.LH, 13, 5, 6).load(Opcode.LHU, 14, 5, 4).load(Opcode.LHU, 15, 5, 2)
    load(Opcode.LH, 16, 5, 0)
    load(Opcode.LB, 0, 5, 1) // rd = x0: no write
    addi(18, 0, -85) // low byte 0xab
    for (lane in 0..3) store(Opcode.SB, 18, 5, 16 + 5 * lane) // lane `lane` of the word at DATA + 16 + 4·lane
    for (lane in 0..3) load(Opcode.LW, 19 + lane, 5, 16 + 4 * lane)
    const(23, 0x1234cdef)
    store(Opcode.SH, 23, 5, 32).store(Opcode.SH, 23, 5, 38)
    load(Opcode.LW, 24, 5, 32).load(Opcode.LW, 25, 5, 36)
    addi(29, 5, 64)
    load(Opcode.LB, 26, 29, -63) // DATA + 1
    store(Opcode.SB, 18, 29, -21) // DATA + 43, lane 3 of a zero word
    load(Opcode.LW, 27, 5, 40).load(Opcode.LB, 28, 5, 43)
    exitWith(12)
}, intArrayOf(0x807f80ff.toInt(), 0x7fff8000, 0, 0, 0x11223344, 0x11223344, 0x11223344, 0x11223344,
    0x55667788, 0x55667788, 0))

class LoadStoreSubChipTest : FunSpec({
    test("sub-word loads and stores check and agree with the executor") {
        val run = subProgram()
        for ((reg, value) in SUB_RESULTS) withClue("x$reg") { run.result.register(reg) shouldBe value }
        run.rowsWhere(T, "is_sb", 1).size shouldBe 5
        run.rowsWhere(T, "is_sh", 1).size shouldBe 2
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    fun failures(run: MachineRun) = run.check().constraintFailures.map { it.toString() }

    test("a wrong loaded byte is flagged") {
        val run = subProgram()
        val row = run.memRow(T, "is_lb", "rd", 8)
        run.tamper(T, "val", row, 0x7e)
        failures(run).any { it.contains("val is the addressed byte") } shouldBe true
    }

    test("a wrong sign is flagged: 0x80 loaded as +128") {
        val run = subProgram()
        val row = run.memRow(T, "is_lb", "rd", 7)
        run.tamper(T, "sign_b", row, 0)
        run.tamper(T, "rest", row, 1 shl 16) // keeps LB's equation: only the rest's range check objects
        run.shouldFailOnlyRangeCheckOf(1 shl 16)
    }

    test("a wrong halfword sign is flagged: 0x7fff loaded as negative") {
        val run = subProgram()
        val row = run.memRow(T, "is_lh", "rd", 13)
        run.tamper(T, "sign_h", row, 1)
        run.tamper(T, "rest", row, MINUS_ONE - 1) // 2·0x7fff − 2^16 = −2, keeping LH's equation
        run.shouldFailOnlyRangeCheckOf(MINUS_ONE - 1)
    }

    test("sign extension of an unsigned load is flagged") {
        val run = subProgram()
        val row = run.memRow(T, "is_lbu", "rd", 9)
        run.tamper(T, "sign_b", row, 1)
        failures(run).any { it.contains("only LB sign-extends a byte") } shouldBe true
    }

    test("a misaligned halfword is flagged") {
        val run = subProgram()
        val row = run.memRow(T, "is_lh", "rd", 12)
        run.tamper(T, "lane0", row, 1)
        failures(run).any { it.contains("halfword accesses are 2-aligned") } shouldBe true
    }

    test("a wrong lane is flagged") {
        val run = subProgram()
        val row = run.memRow(T, "is_lb", "rd", 6)
        run.tamper(T, "lane1", row, 1)
        run.check().ok() shouldBe false
    }

    test("a byte store that changes another lane is flagged") {
        val run = subProgram()
        val row = run.rowsWhere(T, "is_sb", 1).first()
        run.tamper(T, "new_lo", row, run.cell(T, "new_lo", row) + 0x100)
        failures(run).any { it.contains("the new low half") } shouldBe true
    }

    test("a byte store of another byte than rs2's is flagged") {
        val run = subProgram()
        val row = run.rowsWhere(T, "is_sb", 1).first()
        run.tamper(T, "s0", row, 0xac)
        run.check().ok() shouldBe false
    }

    test("a halfword store of another half than rs2's is flagged") {
        val run = subProgram()
        val row = run.rowsWhere(T, "is_sh", 1).first()
        run.tamper(T, "delta", row, run.cell(T, "delta", row) + 1)
        failures(run).any { it.contains("SH: the addressed half becomes b_lo") } shouldBe true
    }

    test("a load that changes the word is flagged") {
        val run = subProgram()
        val row = run.memRow(T, "is_lhu", "rd", 14)
        run.tamper(T, "delta", row, 1)
        failures(run).any { it.contains("loads leave the word unchanged") } shouldBe true
    }

    test("wrong bytes of the old word are flagged") {
        val run = subProgram()
        val row = run.memRow(T, "is_lbu", "rd", 11)
        run.tamper(T, "m0", row, 0xff + 256) // m1 becomes m1 − 1: the sum is unchanged, m0 is no byte
        run.tamper(T, "hb0", row, 0xff + 256)
        run.tamper(T, "hb1", row, 0x80 - 1)
        run.tamper(T, "val", row, 0xff + 256)
        run.rederiveLookups()
        run.check().busImbalances.any { it.bus == "byte_ops" } shouldBe true
    }

    test("an address in the invalid page is out of the bounds' range") {
        val run = subProgram()
        val row = run.memRow(T, "is_lb", "rd", 6)
        run.moveAddressHigh(T, row, 0)
        run.shouldFailOnlyRangeCheckOf(MINUS_ONE)
    }

    test("a memory access not after the word's previous one is flagged") {
        val run = subProgram()
        val row = run.memRow(T, "is_lb", "rd", 28)
        run.tamper(T, "mem_prev_ts", row, run.cell(T, "clk", row) + 5)
        run.rederiveLookups()
        run.check().busImbalances.any { it.bus == "byte_ops" } shouldBe true
    }
})
