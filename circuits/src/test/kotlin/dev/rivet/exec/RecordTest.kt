package dev.rivet.exec

import dev.rivet.exec.ecall.Ecalls
import dev.rivet.isa.Decoder
import dev.rivet.isa.MemoryMap
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

    test("every recorded cycle's result and next pc follow from its recorded operands") {
        // Long enough to cross chunks (65,536 rows) and the completer's blocks (8,192 rows), with
        // ECALLs (sha256_compress, write) on both sides of block boundaries.
        for ((guest, input) in listOf("fibonacci" to Guests.le32(30_000), "sha256" to ByteArray(4096) { (it * 7).toByte() },
                "hello" to ByteArray(0), "sieve" to Guests.le32(20_000))) {
            val record = Guests.run(guest, input, recording = true).result.record()
            withClue(guest) {
                checkSemantics(record) shouldBe record.cycleCount()
                replay(Program.load(Guests.prebuilt(guest)), record)
            }
        }
    }

    test("a released record lends its memory to the next run, which records exactly what a fresh one does") {
        val executor = Executor.of(Program.load(Guests.prebuilt("sha256"))).recording(true)
        val big = executor.input(ByteArray(8192) { it.toByte() }).run().record()
        val cyclesBefore = big.cycleCount()
        big.release()
        big.release()
        shouldThrow<IllegalStateException> { big.pc(0) }.message shouldContain "released"
        big.cycleCount() shouldBe cyclesBefore
        // A smaller run into the big run's dirty chunks, against a fresh executor's record.
        val input = ByteArray(300) { (it * 3).toByte() }
        val reused = executor.input(input).run().record()
        val fresh = Executor.of(Program.load(Guests.prebuilt("sha256"))).input(input).recording(true).run().record()
        reused.cycleCount() shouldBe fresh.cycleCount()
        reused.accessCount() shouldBe fresh.accessCount()
        reused.ecallCount() shouldBe fresh.ecallCount()
        for (c in 0 until fresh.cycleCount()) {
            val same = reused.pc(c) == fresh.pc(c) && reused.rs1Value(c) == fresh.rs1Value(c) &&
                reused.rs1PrevTimestamp(c) == fresh.rs1PrevTimestamp(c) && reused.rs2Value(c) == fresh.rs2Value(c) &&
                reused.rs2PrevTimestamp(c) == fresh.rs2PrevTimestamp(c) && reused.rdValue(c) == fresh.rdValue(c) &&
                reused.rdPrevValue(c) == fresh.rdPrevValue(c) && reused.rdPrevTimestamp(c) == fresh.rdPrevTimestamp(c)
            withClue("cycle $c") { same shouldBe true }
        }
        for (i in 0 until fresh.accessCount()) {
            withClue("access $i") {
                listOf(reused.accessCycle(i), reused.accessAddress(i), reused.accessValue(i), reused.accessPrevValue(i),
                    reused.accessPrevTimestamp(i), reused.accessTimestamp(i)) shouldBe
                    listOf(fresh.accessCycle(i), fresh.accessAddress(i), fresh.accessValue(i), fresh.accessPrevValue(i),
                        fresh.accessPrevTimestamp(i), fresh.accessTimestamp(i))
            }
        }
        for (e in 0 until fresh.ecallCount()) {
            listOf(reused.ecallCycle(e), reused.ecallNumber(e), reused.ecallFirstAccess(e), reused.ecallEndAccess(e)) shouldBe
                listOf(fresh.ecallCycle(e), fresh.ecallNumber(e), fresh.ecallFirstAccess(e), fresh.ecallEndAccess(e))
        }
    }

    test("a recorded run that traps throws the trap and stops its record thread") {
        fun recordThreads() = Thread.getAllStackTraces().keys.count { it.name == "rivet-record" && it.isAlive }
        val before = recordThreads()
        repeat(3) {
            shouldThrow<TrapException> {
                execute(recording = true) { li(5, 0x1234); load(Opcode.LW, 6, 5, 1) }
            }.trapCause() shouldBe TrapCause.MISALIGNED_LOAD
        }
        // The thread exits once it reads the end of its queue; give it a moment, not a deadline.
        var waited = 0
        while (recordThreads() > before && waited < 10_000) { Thread.sleep(10); waited += 10 }
        recordThreads() shouldBe before
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

    /** An ECALL's access row, its timestamp given as a slot of the ECALL's cycle. */
    data class Row(val address: Int, val slot: Int, val prevValue: Int, val value: Int, val prevTimestamp: Int)

    fun rows(rec: ExecutionRecord, ecall: Int): List<Row> = (rec.ecallFirstAccess(ecall) until rec.ecallEndAccess(ecall)).map {
        rec.accessCycle(it) shouldBe rec.ecallCycle(ecall)
        Row(rec.accessAddress(it), rec.accessTimestamp(it) - ExecutionRecord.timestamp(rec.ecallCycle(ecall), 0),
            rec.accessPrevValue(it), rec.accessValue(it), rec.accessPrevTimestamp(it))
    }

    fun reg(index: Int) = MemoryMap.registerAddress(index)
    val j = MemoryMap.JOURNAL_CURSOR

    fun call(asm: Asm, number: Int, vararg args: Int): Asm {
        args.forEachIndexed { i, v -> asm.li(10 + i, v) }
        return asm.li(17, number).ecall()
    }

    test("commit reads the journal cursor and advances it, halt reads it: 0, then n1, then n1 + n2") {
        val data = intArrayOf(0x44332211, 0x88776655.toInt(), 0x00aa9900.toInt())
        val asm = Asm()
        call(asm, Ecalls.COMMIT, Asm.DATA + 1, 3)
        call(asm, Ecalls.COMMIT, Asm.DATA + 4, 5)
        call(asm, Ecalls.COMMIT, Asm.DATA + 9, 0)
        call(asm, Ecalls.HALT, 7)
        val program = program(asm, data)
        val r = Executor.of(program).recording(true).run()
        r.journal() shouldBe byteArrayOf(0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88.toByte(), 0x00)
        val rec = r.record()
        rec.ecallCount() shouldBe 4
        val ts = IntArray(4) { rec.ecallCycle(it) }.map { c -> { slot: Int -> ExecutionRecord.timestamp(c, slot) } }
        fun commit(e: Int, len: Int, words: List<Int>, cursor: Int, cursorTimestamp: Int) =
            rows(rec, e).filter { it.address == j || MemoryMap.isUser(it.address) } shouldBe
                listOf(Row(j, 1, cursor, cursor, cursorTimestamp)) +
                words.map { Row(it, 1, data[(it - Asm.DATA) / 4], data[(it - Asm.DATA) / 4], 0) } +
                Row(j, 2, cursor, cursor + len, ts[e](1))
        for (e in 0 until 3) {
            withClue("commit $e") {
                rows(rec, e).map { it.address to it.slot } shouldBe
                    listOf(reg(17) to 1, reg(10) to 1, reg(11) to 1, j to 1) +
                    listOf(listOf(Asm.DATA), listOf(Asm.DATA + 4, Asm.DATA + 8), listOf())[e].map { it to 1 } +
                    listOf(reg(10) to 2, j to 2)
            }
        }
        commit(0, 3, listOf(Asm.DATA), 0, 0)
        commit(1, 5, listOf(Asm.DATA + 4, Asm.DATA + 8), 3, ts[0](2))
        // A commit of nothing still reads and writes the cursor, as the commit circuit does.
        commit(2, 0, listOf(), 8, ts[1](2))
        rows(rec, 3) shouldBe listOf(Row(reg(17), 1, Ecalls.HALT, Ecalls.HALT, ts[3](0) - 1),
            Row(reg(10), 1, 7, 7, ts[3](0) - 9), Row(j, 1, 8, 8, ts[2](2)))
        checkSemantics(rec)
        replay(program, rec)
    }

    test("write records its registers but not its buffer, whose content is not proved") {
        val asm = Asm()
        call(asm, Ecalls.WRITE, 1, Asm.DATA, 8)
        call(asm, Ecalls.HALT, 0)
        val out = java.io.ByteArrayOutputStream()
        val program = program(asm, intArrayOf(0x6c6c6568, 0x0a216f))
        val r = Executor.of(program).stdout(out).recording(true).run()
        out.toByteArray().decodeToString() shouldBe "hello!\n\u0000"
        val rec = r.record()
        rows(rec, 0).map { Triple(it.address, it.slot, it.value) } shouldBe listOf(
            Triple(reg(17), 1, Ecalls.WRITE), Triple(reg(10), 1, 1), Triple(reg(11), 1, Asm.DATA),
            Triple(reg(12), 1, 8), Triple(reg(10), 2, 8))
        (0 until rec.accessCount()).count { MemoryMap.isUser(rec.accessAddress(it)) } shouldBe 0
        replay(program, rec)
    }

    test("every read reads and writes the end-of-input word: 0 until a read comes back short, 1 from then on") {
        val asm = Asm()
        call(asm, Ecalls.READ, 0, Asm.DATA, 2) // 2 of 5 bytes: full
        call(asm, Ecalls.READ, 0, Asm.DATA, 0) // nothing asked: full, and the word is still accessed
        call(asm, Ecalls.READ, 0, Asm.DATA, 3) // the last 3 bytes: full, the input now empty but not yet ended
        call(asm, Ecalls.READ, 0, Asm.DATA, 4) // 0 of 4: short, the input ends
        call(asm, Ecalls.READ, 0, Asm.DATA, 4) // after the end: 0
        call(asm, Ecalls.HALT, 0)
        val program = program(asm, IntArray(4))
        val rec = Executor.of(program).input("hello".toByteArray()).recording(true).run().record()
        val eof = MemoryMap.INPUT_EOF
        val ts = IntArray(5) { rec.ecallCycle(it) }.map { c -> { slot: Int -> ExecutionRecord.timestamp(c, slot) } }
        val before = listOf(0, 0, 0, 0, 1)
        val after = listOf(0, 0, 0, 1, 1)
        val n = listOf(2, 0, 3, 0, 0)
        for (e in 0 until 5) {
            withClue("read $e") {
                val rows = rows(rec, e)
                val lastWrite = if (e == 0) 0 else ts[e - 1](2)
                rows.first { it.address == eof } shouldBe Row(eof, 1, before[e], before[e], lastWrite)
                rows.last() shouldBe Row(eof, 2, before[e], after[e], ts[e](1))
                rows[rows.size - 2].value shouldBe n[e]
            }
        }
        (0 until rec.accessCount()).count { rec.accessAddress(it) == eof } shouldBe 10
        checkSemantics(rec)
        replay(program, rec)
    }

    test("read and sha256_compress record their accesses in the order ExecutionRecord's table gives") {
        val asm = Asm()
        call(asm, Ecalls.READ, 0, Asm.DATA + 64 + 1, 5)
        call(asm, Ecalls.READ, 0, Asm.DATA + 64, 100)
        call(asm, Ecalls.SHA256_COMPRESS, Asm.DATA, Asm.DATA + 32)
        call(asm, Ecalls.HALT, 0)
        val program = program(asm, IntArray(20))
        val rec = Executor.of(program).input("hello".toByteArray()).recording(true).run().record()
        fun words(from: Int, count: Int) = List(count) { from + 4 * it }
        val args = { n: Int -> listOf(reg(17)) + List(n) { reg(10 + it) } }
        val eof = MemoryMap.INPUT_EOF
        rows(rec, 0).map { it.address to it.slot } shouldBe (args(3) + eof).map { it to 1 } +
            words(Asm.DATA + 64, 2).map { it to 2 } + listOf(reg(10) to 2, eof to 2)
        // The input is exhausted: no word rows.
        rows(rec, 1).map { it.address to it.slot } shouldBe (args(3) + eof).map { it to 1 } +
            listOf(reg(10) to 2, eof to 2)
        rows(rec, 2).map { it.address to it.slot } shouldBe
            (args(2) + words(Asm.DATA, 8) + words(Asm.DATA + 32, 16)).map { it to 1 } +
            (words(Asm.DATA, 8) + reg(10)).map { it to 2 }
        replay(program, rec)
    }
})
