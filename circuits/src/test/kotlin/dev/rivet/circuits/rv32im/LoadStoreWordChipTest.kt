package dev.rivet.circuits.rv32im

import dev.rivet.exec.Asm
import dev.rivet.exec.TrapCause
import dev.rivet.exec.TrapException
import dev.rivet.isa.MemoryMap
import dev.rivet.isa.Opcode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

private const val T = "rv32_mem_word"

/** LW and SW over image data, with negative offsets, carries through both address halves and rd = x0. */
fun wordProgram() = MachineRun.of(Asm().apply {
    const(5, Asm.DATA)
    load(Opcode.LW, 6, 5, 0) // image word
    load(Opcode.LW, 7, 5, 4) // image word with the top bit set
    store(Opcode.SW, 6, 5, 8) // over an image word
    load(Opcode.LW, 8, 5, 8) // store then load
    addi(9, 5, 32)
    load(Opcode.LW, 11, 9, -20) // negative offset: the high carry is 1
    store(Opcode.SW, 7, 9, -32)
    load(Opcode.LW, 12, 5, 0)
    load(Opcode.LW, 0, 5, 4) // rd = x0: no write
    const(13, 0x4fffc)
    store(Opcode.SW, 6, 13, 8) // the low carry is 1: address 0x50004
    load(Opcode.LW, 14, 13, 8)
    load(Opcode.LW, 15, 13, 0x7fc) // never written: zero-initialised
    exitWith(14)
}, intArrayOf(0x12345678, 0x80000001.toInt(), 0x0badf00d, 0xcafebabe.toInt()))

/** The row of the load or store whose fetched [field] is [value] and whose flag [flag] is set. */
fun MachineRun.memRow(table: String, flag: String, field: String, value: Int) =
    rowsWhere(table, field, value).first { cell(table, flag, it) == 1 }

class LoadStoreWordChipTest : FunSpec({
    test("LW and SW check and agree with the executor") {
        val run = wordProgram()
        run.result.register(6) shouldBe 0x12345678
        run.result.register(7) shouldBe 0x80000001.toInt()
        run.result.register(8) shouldBe 0x12345678
        run.result.register(11) shouldBe 0xcafebabe.toInt()
        run.result.register(12) shouldBe 0x80000001.toInt()
        run.result.register(14) shouldBe 0x12345678
        run.result.register(15) shouldBe 0
        run.rowsWhere(T, "is_lw", 1).size shouldBe 8
        run.rowsWhere(T, "is_sw", 1).size shouldBe 3
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    test("a wrong loaded value is flagged") {
        val run = wordProgram()
        val row = run.memRow(T, "is_lw", "rd", 6)
        run.tamper(T, "v_lo", row, run.cell(T, "v_lo", row) + 1)
        run.check().ok() shouldBe false
    }

    test("a wrong stored value is flagged") {
        val run = wordProgram()
        val row = run.memRow(T, "is_sw", "rs2", 7)
        run.tamper(T, "v_hi", row, 0)
        run.check().ok() shouldBe false
    }

    test("a load that changes the word is flagged") {
        val run = wordProgram()
        val row = run.memRow(T, "is_lw", "rd", 6)
        run.tamper(T, "mem_prev_lo", row, run.cell(T, "mem_prev_lo", row) + 1)
        val report = run.check()
        report.constraintFailures.map { it.toString() }.any { it.contains("LW: the memory word is unchanged") } shouldBe
            true
    }

    test("a wrong address is flagged") {
        val run = wordProgram()
        val row = run.memRow(T, "is_lw", "rd", 6)
        run.tamper(T, "w_lo", row, run.cell(T, "w_lo", row) + 1)
        run.check().ok() shouldBe false
    }

    for ((name, hi) in listOf("the invalid page" to 0, "kernel memory" to (MemoryMap.USER_END ushr 16))) {
        test("an address in $name is out of the bounds' range") {
            val run = wordProgram()
            val row = run.memRow(T, "is_lw", "rd", 6) // LW x6, 0(x5) with x5 = DATA
            run.moveAddressHigh(T, row, hi)
            run.shouldFailOnlyRangeCheckOf(MINUS_ONE) // hi − 1 or 0xBFFF − hi
        }
    }

    test("a memory access not after the word's previous one is flagged") {
        val run = wordProgram()
        val row = run.memRow(T, "is_lw", "rd", 8)
        run.tamper(T, "mem_prev_ts", row, run.cell(T, "clk", row) + 2)
        run.rederiveLookups()
        run.check().busImbalances.any { it.bus == "byte_ops" } shouldBe true
    }

    test("a wrong operation flag is flagged") {
        val run = wordProgram()
        val row = run.memRow(T, "is_lw", "rd", 6)
        run.tamper(T, "is_lw", row, 0)
        run.tamper(T, "is_sw", row, 1)
        run.check().ok() shouldBe false
    }

    test("a load writing x0 is flagged") {
        val run = wordProgram()
        val row = run.memRow(T, "is_lw", "rd", 0)
        run.tamper(T, "writes_rd", row, 1)
        run.check().ok() shouldBe false
    }

    test("misaligned accesses and accesses outside user memory trap in the executor: no run to prove") {
        fun trap(body: Asm.() -> Unit) =
            shouldThrow<TrapException> { MachineRun.of(Asm().apply { body(); exitWith(0) }) }.trapCause()
        trap { const(5, Asm.DATA + 2); load(Opcode.LW, 6, 5, 0) } shouldBe TrapCause.MISALIGNED_LOAD
        trap { const(5, Asm.DATA); store(Opcode.SW, 6, 5, 1) } shouldBe TrapCause.MISALIGNED_STORE
        trap { load(Opcode.LW, 6, 0, 8) } shouldBe TrapCause.LOAD_OUTSIDE_USER_MEMORY
        trap { const(5, MemoryMap.REGISTER_BASE); store(Opcode.SW, 6, 5, 4) } shouldBe
            TrapCause.STORE_OUTSIDE_USER_MEMORY
        trap { const(5, MemoryMap.USER_END); load(Opcode.LW, 6, 5, 0) } shouldBe TrapCause.LOAD_OUTSIDE_USER_MEMORY
    }
})
