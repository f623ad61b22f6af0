package dev.rivet.circuits.rv32im

import dev.rivet.check.Checker
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Lookups
import dev.rivet.dsl.Trace
import dev.rivet.exec.ExecutionRecord
import dev.rivet.exec.Guests
import dev.rivet.exec.MemoryImage
import dev.rivet.exec.Program
import dev.rivet.field.BabyBear
import dev.rivet.isa.Decoder
import dev.rivet.isa.Format
import dev.rivet.isa.Opcode
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/**
 * A stand-in for the instruction chips: one row per cycle sending the record's (pc, decoded instruction) on the
 * fetch bus. Its encoding of the immediate is written here from the bus's contract, not borrowed from
 * [FetchMessage], so the test checks the program table against an independent reading of it.
 */
private class Fetcher : Chip("test_fetcher") {
    val pc = column("pc")
    val opcode = column("opcode")
    val rd = column("rd")
    val rs1 = column("rs1")
    val rs2 = column("rs2")
    val immLo = column("imm_lo")
    val immHi = column("imm_hi")
    val writesRd = column("writes_rd")
    val real = column("real")

    init {
        assertBool("real is a bit", real)
        send(FetchMessage.BUS, FetchMessage(pc, opcode, rd, rs1, rs2, immLo, immHi, writesRd), real)
    }

    fun fill(record: ExecutionRecord): Trace {
        val n = record.cycleCount()
        val t = newTrace(maxOf(2, Integer.highestOneBit(maxOf(1, n - 1)) shl 1))
        for (c in 0 until n) {
            val ins = Decoder.decode(record.instruction(c))
            val pcRelative = ins.format() == Format.B || ins.format() == Format.J
            t[pc, c] = record.pc(c).toLong()
            t[opcode, c] = ins.opcode()
            t[rd, c] = ins.rd()
            t[rs1, c] = ins.rs1()
            t[rs2, c] = ins.rs2()
            t[immLo, c] = if (pcRelative) ins.imm().toLong() else (ins.imm() and 0xffff).toLong()
            t[immHi, c] = if (pcRelative) 0L else (ins.imm() ushr 16).toLong()
            t[writesRd, c] = if (ins.rd() != 0) 1 else 0
            t[real, c] = 1
        }
        return t
    }
}

private val guests = listOf("hello", "fibonacci", "sort", "sieve", "sha256")

/** Short runs (the checker tallies every fetch in a map): each guest with a small input. */
private val shortRuns = mapOf("hello" to ByteArray(0), "fibonacci" to Guests.le32(20), "sort" to Guests.le32(50))

private fun record(name: String): Pair<Program, ExecutionRecord> {
    val program = Program.load(Guests.prebuilt(name))
    val run = Guests.run(name, shortRuns.getValue(name), recording = true)
    return program to run.result.record()
}

class ProgramTableTest : FunSpec({
    test("the table holds every code word decoded as the Decoder does, and nothing fetchable past the code") {
        for (name in guests) {
            val program = Program.load(Guests.prebuilt(name))
            val table = ProgramTable(program)
            val air = table.table()
            fun col(c: dev.rivet.dsl.PreprocessedColumn) = air.preprocessedValues(c.index())
            val words = (program.codeEnd() - program.codeStart()) / 4
            var instructions = 0
            for (row in 0 until table.height()) {
                val address = program.codeStart() + 4 * row
                withClue("$name row $row (0x${Integer.toHexString(address)})") {
                    col(table.pc)[row] shouldBe address
                    val word = if (row < words) program.image().word(address) else 0
                    if (row < words && Decoder.opcode(word) != Decoder.ILLEGAL) {
                        instructions++
                        val ins = Decoder.decode(word)
                        col(table.fetchable)[row] shouldBe 1
                        col(table.opcode)[row] shouldBe ins.opcode()
                        col(table.rd)[row] shouldBe ins.rd()
                        col(table.rs1)[row] shouldBe ins.rs1()
                        col(table.rs2)[row] shouldBe ins.rs2()
                        col(table.writesRd)[row] shouldBe (if (Opcode.writesRd(ins.opcode()) && ins.rd() != 0) 1 else 0)
                        val imm = ins.imm().toLong()
                        if (ins.format() == Format.B || ins.format() == Format.J) {
                            col(table.immLo)[row] shouldBe BabyBear.fromLong(imm)
                            col(table.immHi)[row] shouldBe 0
                        } else {
                            col(table.immLo)[row] shouldBe (imm and 0xffff).toInt()
                            col(table.immHi)[row] shouldBe ((imm ushr 16) and 0xffff).toInt()
                        }
                    } else {
                        col(table.fetchable)[row] shouldBe 0
                        listOf(table.opcode, table.rd, table.rs1, table.rs2, table.immLo, table.immHi, table.writesRd)
                            .forEach { col(it)[row] shouldBe 0 }
                    }
                }
            }
            withClue(name) { (instructions > 0) shouldBe true }
        }
    }

    test("the record's fetches balance against the program table, with the counts the lookups would derive") {
        for (name in shortRuns.keys) {
            val (program, record) = record(name)
            val table = ProgramTable(program)
            val fetcher = Fetcher()
            val programTrace = table.fill(record)
            val traces = listOf(fetcher.fill(record), programTrace)
            withClue(name) { Checker.check(traces).ok() shouldBe true }
            val filled = programTrace.column(table.fetches).clone()
            Lookups.deriveMultiplicities(traces)
            withClue(name) { programTrace.column(table.fetches) shouldBe filled }
            filled.sum().toLong() shouldBe record.cycleCount().toLong()
        }
    }

    test("a tampered fetch (wrong pc, rd or immediate) is an imbalance on the fetch bus") {
        val (program, record) = record("fibonacci")
        val table = ProgramTable(program)
        val fetcher = Fetcher()
        val programTrace = table.fill(record)
        // A cycle with an immediate and a destination, so that every tampered field is one the instruction uses.
        val cycle = (0 until record.cycleCount()).first {
            val ins = Decoder.decode(record.instruction(it))
            ins.opcode() == Opcode.ADDI && ins.rd() != 0
        }
        for ((column, delta) in listOf(fetcher.pc to 4, fetcher.rd to 1, fetcher.immLo to 1)) {
            val trace = fetcher.fill(record)
            trace[column, cycle] = trace[column, cycle] + delta
            val report = Checker.check(listOf(trace, programTrace))
            withClue(column.name()) {
                report.constraintFailures() shouldBe emptyList()
                report.busImbalances().shouldNotBeEmpty()
                report.busImbalances().map { it.bus() }.toSet() shouldBe setOf("rv32_fetch")
                report.busImbalances().flatMap { it.senders() } shouldContain "'test_fetcher' (row $cycle)"
                report.toString() shouldContain "rv32_fetch"
            }
        }
    }

    test("a fetch of a row that holds no instruction fails the table's constraint") {
        val (program, record) = record("fibonacci")
        val table = ProgramTable(program)
        val fetcher = Fetcher()
        val trace = fetcher.fill(record)
        val past = program.codeStart() + 4 * (table.height() - 1) // a padding row: pc past the code, zero fields
        (table.height() > (program.codeEnd() - program.codeStart()) / 4) shouldBe true
        val row = record.cycleCount() - 1
        trace[fetcher.pc, row] = past.toLong()
        listOf(fetcher.opcode, fetcher.rd, fetcher.rs1, fetcher.rs2, fetcher.immLo, fetcher.immHi, fetcher.writesRd)
            .forEach { trace[it, row] = 0 }
        val programTrace = table.newTrace(table.height())
        Lookups.deriveMultiplicities(trace, programTrace)
        val report = Checker.check(listOf(trace, programTrace))
        report.busImbalances() shouldBe emptyList()
        report.constraintFailures().map { it.constraint().name() to it.row() } shouldBe
            listOf("only instructions are fetched" to table.height() - 1)
    }

    test("code ending above 2^30 is refused, naming the region") {
        val image = MemoryImage.Builder().putWords(0x3fff_fffc, 0x0000_0073, 0x0000_0073).build()
        val program = Program.of(image, 0x3fff_fffc, 0x3fff_fffc, 0x4000_0004)
        shouldThrow<IllegalArgumentException> { ProgramTable(program) }.message shouldContain
            "code region [0x3ffffffc, 0x40000004) ends above 0x40000000"
    }

    test("a record of another program is refused with the cycle and pc") {
        val (_, record) = record("fibonacci")
        val image = MemoryImage.Builder().putWords(0x20000, 0x0000_0073).build()
        val other = ProgramTable(Program.of(image, 0x20000, 0x20000, 0x20004))
        shouldThrow<IllegalArgumentException> { other.fill(record) }.message shouldContain
            "outside the code region of this program table"
    }
})
