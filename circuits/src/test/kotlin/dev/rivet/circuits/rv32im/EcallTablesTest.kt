package dev.rivet.circuits.rv32im

import dev.rivet.check.Checker
import dev.rivet.dsl.gadgets.ByteTable
import dev.rivet.exec.Asm
import dev.rivet.exec.Executor
import dev.rivet.exec.TrapCause
import dev.rivet.exec.TrapException
import dev.rivet.exec.ecall.EcallHandler
import dev.rivet.exec.ecall.EcallRegistry
import dev.rivet.exec.program
import dev.rivet.field.BabyBear
import dev.rivet.isa.Opcode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** Guests of the ECALL tables: only ADD/ADDI and ECALL, so constants are built with adds (no LUI here). */
object EcallGuests {
    /** Bytes 0, 1, ..., 15 at [Asm.DATA]. */
    val DATA = intArrayOf(0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c)

    /** x5 = [Asm.DATA] = 1024 · 2^8. */
    fun Asm.dataAddress(): Asm {
        addi(5, 0, 1024)
        repeat(8) { reg(Opcode.ADD, 5, 5, 5) }
        return this
    }

    /** commit(DATA + offset, length). */
    fun Asm.commit(offset: Int, length: Int): Asm = addi(10, 5, offset).addi(11, 0, length).addi(17, 0, 256).ecall()

    /** write(fd, DATA, length). */
    fun Asm.write(fd: Int, length: Int): Asm =
        addi(10, 0, fd).addi(11, 5, 0).addi(12, 0, length).addi(17, 0, 64).ecall()

    /** exit(code). */
    fun Asm.exit(code: Int): Asm = addi(10, 0, code).addi(17, 0, 93).ecall()

    /** Commits of 0, 1, 5, 7, 4 and 8 bytes at various offsets, then exit 7. */
    fun commits() = MachineRun.of(Asm().apply {
        dataAddress()
        commit(1, 0) // nothing: no word rows
        commit(3, 1) // one byte, the last lane
        commit(1, 5) // two words
        commit(2, 7) // three words: first, middle, last
        commit(4, 4) // one whole word
        commit(8, 8) // two whole words
        exit(7)
    }, data = DATA)

    /** read(0, DATA + offset, length). */
    fun Asm.read(offset: Int, length: Int): Asm =
        addi(10, 0, 0).addi(11, 5, offset).addi(12, 0, length).addi(17, 0, 63).ecall()

    /** Input bytes 0xA0, 0xA1, ... */
    val INPUT = ByteArray(9) { (0xA0 + it).toByte() }

    /**
     * Reads of 0 bytes, of 3 into lanes 1..3, of 5 at offset 6 (two words, lanes kept at both ends), and of 4 when
     * 1 byte of input is left (n < length), then n of the last read as the exit code.
     */
    fun reads() = MachineRun.of(Asm().apply {
        dataAddress()
        read(0, 0)
        read(1, 3)
        read(6, 5)
        read(12, 4)
        addi(17, 0, 93).ecall()
    }, data = DATA, input = INPUT)

    /**
     * Reads of 4 bytes into consecutive words from [INPUT] (9 bytes): two full reads, a short one of 1 byte (the
     * input ends), and one after the end, which returns 0; then n of the last read as the exit code. [ecalls]
     * handles the calls (a forger's read may return data after the end).
     */
    fun chunkReads(ecalls: EcallRegistry = EcallRegistry.standard()) = MachineRun.of(Asm().apply {
        dataAddress()
        read(0, 4)
        read(4, 4)
        read(8, 4)
        read(12, 4)
        addi(17, 0, 93).ecall()
    }, data = DATA, input = INPUT, ecalls = ecalls)

    /**
     * A forger's read handler: as the built-in one until the input ends, then it fills the whole buffer (with zeros)
     * and returns its length, data the executor's read never gives after a short read.
     */
    fun readPastEnd(): EcallRegistry {
        var ended = false
        return withRead { c ->
            c.register(10)
            val buf = c.register(11)
            val len = c.register(12)
            val chunk = ByteArray(len)
            val read = c.readInput(chunk, 0, len)
            val n = if (ended) len else read
            ended = ended || read < len
            c.writeBytes(buf, chunk, 0, n)
            c.setRegister(10, n)
        }
    }

    /**
     * A forger's read handler that skips the built-in one's check of the whole buffer: it writes only the bytes it
     * read, so a buffer whose unwritten part (or, empty, whose address) lies in the code region passes.
     */
    fun readIntoCode(): EcallRegistry = withRead { c ->
        c.register(10)
        val buf = c.register(11)
        val len = c.register(12)
        val chunk = ByteArray(len)
        val n = c.readInput(chunk, 0, len)
        if (n > 0) {
            c.writeBytes(buf, chunk, 0, n)
        }
        c.setRegister(10, n)
    }

    /** The standard registry with its read replaced by [handler], through the registry's private put (it only adds). */
    private fun withRead(handler: EcallHandler): EcallRegistry {
        val put = EcallRegistry::class.java.getDeclaredMethod(
            "put", Int::class.javaPrimitiveType, String::class.java, EcallHandler::class.java)
        put.isAccessible = true
        return put.invoke(EcallRegistry.standard(), 63, "read", handler) as EcallRegistry
    }

    /** Input bytes for [codeEdgeReads]: as many as its reads ask for. */
    val EDGE_INPUT = ByteArray(20) { (0xB0 + it).toByte() }

    /**
     * Reads at both edges of the code region (which starts at [EDGE_BASE]), all allowed: 8 and 3 bytes ending exactly
     * at code_start, an empty read at code_start, 6 bytes starting exactly at code_end and 3 starting just past it.
     */
    fun codeEdgeReads(): MachineRun {
        fun build(end: Int) = Asm(EDGE_BASE).apply {
            const(5, end) // x5 = code_end
            read(EDGE_BASE - 8 - end, 8)
            read(EDGE_BASE - 3 - end, 3)
            read(EDGE_BASE - end, 0)
            read(0, 6)
            read(9, 3)
            exit(0)
        }
        val end = build(EDGE_BASE).here // the length does not depend on the constant
        return MachineRun.of(build(end), input = EDGE_INPUT).also { it.program.codeEnd() shouldBe end }
    }

    /**
     * One read of [length] bytes at code_start + [offset] (the code starts at [EDGE_BASE]) with [input], handled by
     * [readIntoCode]: the executor's read refuses it when its buffer overlaps the code.
     */
    fun readAtCode(offset: Int, length: Int, input: ByteArray, ecalls: EcallRegistry = readIntoCode()) =
        MachineRun.of(Asm(EDGE_BASE).apply {
            const(5, EDGE_BASE)
            read(offset, length)
            exit(0)
        }, input = input, ecalls = ecalls)

    /** The name of the constraint that a row's written words (a read's whole buffer) avoid the code region. */
    const val CODE_REGION = "written words are outside the code region"

    /** A write of 3 bytes to stdout and one of nothing to stderr, then exit 0. */
    fun writes() = MachineRun.of(Asm().apply {
        dataAddress()
        write(1, 3)
        write(2, 0)
        exit(0)
    }, data = DATA)
}

class EcallTablesTest : FunSpec({
    val commitJournal = byteArrayOf(3, 1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 7, 8, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)

    test("commits of 0, 1, 5, 7, 4 and 8 bytes at unaligned addresses check, and the claim's journal is the run's") {
        val run = EcallGuests.commits()
        run.result.journal() shouldBe commitJournal
        run.result.exitCode() shouldBe 7
        run.result.register(10) shouldBe 7
        run.rowsWhere("rv32_commit", "is_call", 1).size shouldBe 6
        run.rowsWhere("rv32_commit", "is_last", 1).size shouldBe 5
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    test("the ECALL tables compile without warnings (every multiplicity bounded, every column read)") {
        val tables = EcallGuests.commits().machine.tables()
            .filter { it.name() in setOf("rv32_read", "rv32_write", "rv32_commit") }
        tables.size shouldBe 3
        tables.forEach { withClue(it.name()) { it.warnings() shouldBe emptyList() } }
    }

    test("the read table's shape: the call row's accesses, the end-of-input word, the buffer's code gap") {
        assertShape(ReadTable(ByteTable()).table(), 64, 50)
    }

    test("a claim with another journal byte or another journal length is refused") {
        val run = EcallGuests.commits()
        val changed = commitJournal.copyOf().also { it[6] = 9 }
        Checker.check(run.traces, Rv32imMachine.publicMessages(run.program.entry(), 7, changed)).ok() shouldBe false
        val shorter = commitJournal.copyOf(commitJournal.size - 1)
        Checker.check(run.traces, Rv32imMachine.publicMessages(run.program.entry(), 7, shorter)).ok() shouldBe false
    }

    /** The word rows of call [call] of [table]. */
    fun wordRows(run: MachineRun, call: Int, table: String = "rv32_commit"): List<Int> {
        val calls = run.rowsWhere(table, "is_call", 1)
        val end = if (call + 1 < calls.size) calls[call + 1] else run.rowsWhere(table, "is_last", 1).last() + 1
        return (calls[call] + 1 until end).toList()
    }

    test("a tampered byte of a committed word is flagged") {
        val run = EcallGuests.commits()
        val row = wordRows(run, 3)[1] // the middle word of the 7-byte commit
        run.tamper("rv32_commit", "b[1]", row, run.cell("rv32_commit", "b[1]", row) + 1)
        run.check().ok() shouldBe false
    }

    test("a skipped word row is flagged") {
        val run = EcallGuests.commits()
        val row = wordRows(run, 3)[1]
        for (column in run.trace("rv32_commit").table().mainColumns()) {
            run.tamper("rv32_commit", column, row, 0)
        }
        run.check().ok() shouldBe false
    }

    test("a chain ended early is flagged") {
        val run = EcallGuests.commits()
        val row = wordRows(run, 3)[1]
        run.tamper("rv32_commit", "is_mid", row, 0)
        run.tamper("rv32_commit", "is_last", row, 1)
        run.check().toString() shouldContain "the last word ends at the buffer's end"
    }

    test("a lane mask dropping an in-range byte is flagged") {
        val run = EcallGuests.commits()
        val row = wordRows(run, 2)[0] // bytes 1..3 of the 5-byte commit's first word
        run.cell("rv32_commit", "in1", row) shouldBe 1
        run.tamper("rv32_commit", "in1", row, 0)
        run.check().toString() shouldContain "lane 1 is in the buffer"
    }

    test("a lane before the buffer's start cannot be committed") {
        val run = EcallGuests.commits()
        val row = wordRows(run, 1).single() // one byte at lane 3
        run.cell("rv32_commit", "s0", row) shouldBe 0
        run.tamper("rv32_commit", "s0", row, 1)
        run.check().ok() shouldBe false
    }

    test("a wrong cursor carry is flagged") {
        val run = EcallGuests.commits()
        val row = run.rowsWhere("rv32_commit", "is_call", 1)[3]
        run.tamper("rv32_commit", "j_carry", row, 1)
        run.check().ok() shouldBe false
    }

    test("a non-empty commit that skips its buffer check and word rows is flagged") {
        val run = EcallGuests.commits()
        val row = run.rowsWhere("rv32_commit", "is_call", 1)[2]
        run.tamper("rv32_commit", "nonempty", row, 0)
        run.check().toString() shouldContain "an unchecked buffer is empty"
    }

    test("reads of 0, 3, 5 and a short read check; bytes outside the buffers are kept") {
        val run = EcallGuests.reads()
        run.result.exitCode() shouldBe 1
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
        run.rowsWhere("rv32_read", "is_call", 1).size shouldBe 4
        run.rowsWhere("rv32_read", "is_last", 1).size shouldBe 3
    }

    test("a read that changes a byte outside its buffer is flagged") {
        val run = EcallGuests.reads()
        val row = wordRows(run, 2, "rv32_read")[0] // bytes 6, 7 of the second word: lanes 0 and 1 kept
        run.cell("rv32_read", "s0", row) shouldBe 0
        run.tamper("rv32_read", "nb[0]", row, run.cell("rv32_read", "nb[0]", row) + 1)
        run.check().toString() shouldContain "bytes outside the buffer are kept (lane 0)"
    }

    test("a read of more bytes than its length is flagged") {
        val run = EcallGuests.reads()
        val row = run.rowsWhere("rv32_read", "is_call", 1)[3] // length 4, n 1
        run.tamper("rv32_read", "n_lo", row, 5)
        run.check().ok() shouldBe false
        run.check().toString() shouldContain "byte_ops"
    }

    test("a read with n > 0 and no words is flagged") {
        val run = EcallGuests.reads()
        val row = run.rowsWhere("rv32_read", "is_call", 1)[1]
        run.tamper("rv32_read", "has_words", row, 0)
        run.check().toString() shouldContain "a call without words reads nothing"
    }

    test("reads in chunks past the input's end check: the end-of-input word goes 0, 0, 0 → 1, 1") {
        val run = EcallGuests.chunkReads()
        run.result.exitCode() shouldBe 0
        val calls = run.rowsWhere("rv32_read", "is_call", 1)
        calls.map { run.cell("rv32_read", "n_lo", it) } shouldBe listOf(4, 4, 1, 0)
        calls.map { run.cell("rv32_read", "eof", it) } shouldBe listOf(0, 0, 0, 1)
        calls.map { run.cell("rv32_read", "eof_out", it) } shouldBe listOf(0, 0, 1, 1)
        calls.map { run.cell("rv32_read", "full_read", it) } shouldBe listOf(1, 1, 0, 0)
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    test("a read that returns data after the input's end is flagged, and only for that") {
        val run = EcallGuests.chunkReads(EcallGuests.readPastEnd())
        run.result.exitCode() shouldBe 4 // the forger's last read returned 4 bytes
        val row = run.rowsWhere("rv32_read", "is_call", 1)[3]
        run.cell("rv32_read", "eof", row) shouldBe 1
        val report = run.check()
        report.constraintFailures.map { it.constraint().name() }.distinct() shouldBe
            listOf("a read after the input's end reads nothing")
        report.busImbalances.shouldBeEmpty()
    }

    test("a short read that leaves the end-of-input word unset is flagged") {
        val run = EcallGuests.chunkReads()
        val row = run.rowsWhere("rv32_read", "is_call", 1)[2] // 1 of 4 bytes
        run.tamper("rv32_read", "eof_out", row, 0)
        run.check().toString() shouldContain "the input ends at a short read"
    }

    test("a full read claimed short is flagged") {
        val run = EcallGuests.chunkReads()
        val row = run.rowsWhere("rv32_read", "is_call", 1)[0] // 4 of 4 bytes
        run.tamper("rv32_read", "full_read", row, 0)
        run.check().toString() shouldContain "full_read"
    }

    test("a read into the claimed code region fails only the code gap's range check, whichever side") {
        for (below in listOf(0, 1)) {
            val run = EcallGuests.reads()
            val t = run.trace("rv32_read")
            val names = t.table().publicValues()
            // The reads' buffers are at DATA = 0x40000: claim the code reaches past them.
            t.publicValues()[names.indexOf("code_end_word")] = 0x60000 ushr 2
            run.refillCodeGaps()
            if (below == 1) {
                val start = t.publicValues()[names.indexOf("code_start_word")]
                for (row in run.rowsWhere("rv32_read", "is_call", 1)) {
                    val last = run.readWordRange("rv32_read", row).second
                    val gap = Math.floorMod(start - 1L - last, BabyBear.P.toLong()).toInt()
                    run.tamper("rv32_read", "below_code", row, 1)
                    run.tamper("rv32_read", "code_gap_lo", row, gap and 0xffff)
                    run.tamper("rv32_read", "code_gap_hi", row, gap ushr 16)
                }
            }
            run.rederiveLookups()
            val report = run.check()
            withClue("below $below") {
                report.constraintFailures.shouldBeEmpty()
                report.busImbalances.any { it.bus == "byte_ops" } shouldBe true
            }
        }
    }

    test("reads ending exactly at code_start, empty at code_start, and from code_end on check") {
        val run = EcallGuests.codeEdgeReads()
        val calls = run.rowsWhere("rv32_read", "is_call", 1)
        calls.map { run.cell("rv32_read", "n_lo", it) } shouldBe listOf(8, 3, 0, 6, 3)
        // the first three buffers' last words are below code_start, the others' first words from code_end on
        calls.map { run.cell("rv32_read", "below_code", it) } shouldBe listOf(1, 1, 1, 0, 0)
        calls.map { run.cell("rv32_read", "code_gap_lo", it) } shouldBe listOf(0, 0, 0, 0, 2)
        run.trace("rv32_read").publicValues().toList() shouldBe
            listOf(run.program.codeStart() ushr 2, run.program.codeEnd() ushr 2)
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
    }

    test("a buffer's end padded wrongly fails the range check of its word") {
        val run = EcallGuests.codeEdgeReads()
        val row = run.rowsWhere("rv32_read", "is_call", 1)[1] // 3 bytes ending at code_start: padding 0
        run.cell("rv32_read", "end_pad0", row) shouldBe 0
        run.tamper("rv32_read", "end_pad0", row, 1) // would round the end's word down by a quarter
        run.rederiveLookups()
        val endLo = run.program.codeStart() and 0xffff
        val quarter = BabyBear.mul(endLo + 1, BabyBear.inv(4))
        run.check().busImbalances.any { it.bus == "byte_ops" && it.values[1] == quarter } shouldBe true
    }

    /** The reads at code_start + offset that the executor refuses: overlapping tails and empty buffers inside. */
    val intoCode = listOf(-4 to 8, -1 to 2, 4 to 0, 1 to 0)

    test("the executor refuses a read whose buffer overlaps the code, also an empty one inside it") {
        for ((offset, length) in intoCode) {
            withClue("offset $offset, length $length") {
                shouldThrow<TrapException> {
                    EcallGuests.readAtCode(offset, length, EcallGuests.INPUT, EcallRegistry.standard())
                }.trapCause() shouldBe TrapCause.ECALL_FAULT
            }
        }
    }

    test("a read whose buffer overlaps the code but whose written bytes do not is flagged by the code region check") {
        for ((offset, length) in intoCode) {
            // one byte of input: an overlapping buffer writes only a byte below the code, an empty one nothing
            val run = EcallGuests.readAtCode(offset, length, byteArrayOf(7))
            val call = run.rowsWhere("rv32_read", "is_call", 1).single()
            run.cell("rv32_read", "n_lo", call) shouldBe minOf(length, 1)
            withClue("offset $offset, length $length") {
                val failures = run.check().constraintFailures
                failures.map { it.table() to it.constraint().name() }.distinct() shouldBe
                    listOf("rv32_read" to EcallGuests.CODE_REGION)
                failures.map { it.row() }.distinct() shouldBe listOf(call)
            }
        }
    }

    test("the same reads with their gaps refilled as a forger would fail only the gap's range check") {
        for ((offset, length) in intoCode) {
            val run = EcallGuests.readAtCode(offset, length, byteArrayOf(7))
            run.refillCodeGaps()
            run.rederiveLookups()
            val report = run.check()
            withClue("offset $offset, length $length") {
                report.constraintFailures.shouldBeEmpty()
                report.busImbalances.map { it.bus }.distinct() shouldBe listOf("byte_ops")
            }
        }
    }

    test("write proves the call's effect: a0 = length, fd 1 or 2") {
        val run = EcallGuests.writes()
        run.result.register(10) shouldBe 0
        withClue(run.check().toString()) { run.check().ok() shouldBe true }
        run.rowsWhere("rv32_write", "is_write", 1).size shouldBe 2
    }

    test("write to another file descriptor is flagged") {
        val run = EcallGuests.writes()
        val row = run.rowsWhere("rv32_write", "is_write", 1).first()
        run.tamper("rv32_write", "fd_lo", row, 3)
        run.check().toString() shouldContain "fd is 1 or 2"
    }

    test("write that skips the buffer check of a non-empty buffer is flagged") {
        val run = EcallGuests.writes()
        val row = run.rowsWhere("rv32_write", "is_write", 1).first()
        run.tamper("rv32_write", "nonempty", row, 0)
        run.check().toString() shouldContain "an unchecked buffer is empty"
    }

    test("an ECALL without a table is refused before proving, naming the call") {
        val asm = Asm().apply {
            with(EcallGuests) {
                dataAddress()
                addi(10, 5, 0).addi(11, 5, 64).addi(17, 0, 0x101).ecall()
                exit(0)
            }
        }
        val program = program(asm, IntArray(32))
        val result = Executor.of(program).recording(true).run()
        val machine = Rv32imMachine(program)
        shouldThrow<IllegalArgumentException> { machine.requireProvable(result.record()) }.message shouldContain
            "sha256_compress"
        shouldThrow<IllegalArgumentException> { machine.traces(result) }.message shouldContain "sha256_compress"
    }
})
