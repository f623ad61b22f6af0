package dev.rivet.exec

import dev.rivet.isa.Decoder
import dev.rivet.isa.Opcode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/**
 * The execution record is what the memory argument will check: replaying it access by access,
 * in timestamp order, from the initial image, every access's previous value and previous
 * timestamp must be exactly what the last access left, and time must move forward.
 */
class RecordTest : FunSpec({

    /** Replays [record] as an offline memory checker would; returns the number of accesses. */
    fun replay(program: Program, record: ExecutionRecord): Int {
        val values = HashMap<Int, Int>()
        val times = HashMap<Int, Int>()
        var checked = 0
        fun access(address: Int, prevValue: Int, prevTimestamp: Int, value: Int, timestamp: Int) {
            val known = values[address] ?: if (MemoryMap.isUser(address)) program.image().word(address) else 0
            withClue("access #$checked to 0x%08x at timestamp $timestamp".format(address)) {
                prevValue shouldBe known
                prevTimestamp shouldBe (times[address] ?: 0)
                (prevTimestamp < timestamp) shouldBe true
            }
            values[address] = value
            times[address] = timestamp
            checked++
        }
        var next = 0
        fun accessesUpTo(cycle: Int, timestamp: Int) {
            while (next < record.accessCount() && record.accessCycle(next) == cycle && record.accessTimestamp(next) <= timestamp) {
                access(record.accessAddress(next), record.accessPrevValue(next), record.accessPrevTimestamp(next),
                    record.accessValue(next), record.accessTimestamp(next))
                next++
            }
        }
        for (c in 0 until record.cycleCount()) {
            val word = record.instruction(c)
            val insn = Decoder.decode(word)
            val op = insn.opcode()
            val ts = ExecutionRecord.timestamp(c, 0)
            if (Opcode.readsRs1(op)) access(MemoryMap.registerAddress(insn.rs1()), record.rs1Value(c), record.rs1PrevTimestamp(c), record.rs1Value(c), ts)
            accessesUpTo(c, ts + 1)
            if (Opcode.readsRs2(op)) access(MemoryMap.registerAddress(insn.rs2()), record.rs2Value(c), record.rs2PrevTimestamp(c), record.rs2Value(c), ts + 1)
            accessesUpTo(c, ts + 2)
            if (Opcode.writesRd(op) && insn.rd() != 0) access(MemoryMap.registerAddress(insn.rd()), record.rdPrevValue(c), record.rdPrevTimestamp(c), record.rdValue(c), ts + 3)
        }
        next shouldBe record.accessCount()
        return checked
    }

    test("a recorded run gives the same result as an unrecorded one, and its record replays") {
        for ((guest, input) in listOf("sha256" to ByteArray(300) { it.toByte() }, "hello" to ByteArray(0), "sort" to Guests.le32(500))) {
            val plain = Guests.run(guest, input)
            val recorded = Guests.run(guest, input, recording = true)
            recorded.stdout shouldBe plain.stdout
            recorded.result.journal() shouldBe plain.result.journal()
            val record = recorded.result.record()
            record.cycleCount().toLong() shouldBe plain.result.cycles()
            (replay(Program.load(Guests.prebuilt(guest)), record) > record.cycleCount()) shouldBe true
        }
    }

    test("per-cycle fields: pc, instruction, operands, result; loads and stores as word accesses") {
        val r = execute(data = intArrayOf(0x11223344), recording = true) {
            li(5, Asm.DATA) // lui + addi
            li(6, 0x55)
            store(Opcode.SB, 6, 5, 1)
            load(Opcode.LW, 7, 5, 0)
        }
        val rec = r.record()
        rec.pc(4) shouldBe Asm.CODE + 16
        rec.rs1Value(4) shouldBe Asm.DATA
        rec.rs2Value(4) shouldBe 0x55
        rec.accessAddress(0) shouldBe Asm.DATA
        rec.accessPrevValue(0) shouldBe 0x11223344
        rec.accessValue(0) shouldBe 0x11225544
        rec.accessTimestamp(0) shouldBe ExecutionRecord.timestamp(4, 2)
        rec.rdValue(5) shouldBe 0x11225544
        rec.accessPrevTimestamp(1) shouldBe ExecutionRecord.timestamp(4, 2)
        rec.ecallCount() shouldBe 1
        rec.ecallNumber(0) shouldBe 93
        rec.ecallCycle(0) shouldBe rec.cycleCount() - 1
        shouldThrow<IllegalStateException> { execute { }.record() }.message shouldContain "recording(true)"
    }
})
