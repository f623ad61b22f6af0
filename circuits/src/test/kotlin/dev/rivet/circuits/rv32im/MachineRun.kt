package dev.rivet.circuits.rv32im

import dev.rivet.check.CheckReport
import dev.rivet.check.Checker
import dev.rivet.dsl.PublicMessage
import dev.rivet.dsl.Trace
import dev.rivet.exec.Asm
import dev.rivet.exec.ExecutionResult
import dev.rivet.exec.Executor
import dev.rivet.exec.Program
import dev.rivet.exec.ecall.EcallRegistry
import dev.rivet.exec.program

/**
 * A recorded run of a program on the standard machine, with its traces and the public messages of its true claim:
 * what the chip tests check, tamper with, and (in runtime's tests) prove.
 */
class MachineRun(
    val program: Program,
    input: ByteArray = ByteArray(0),
    ecalls: EcallRegistry = EcallRegistry.standard(),
) {
    val result: ExecutionResult = Executor.of(program).input(input).ecalls(ecalls).recording(true).run()
    val machine = Rv32imMachine(program)
    val traces: List<Trace> = machine.traces(result)
    val messages: List<PublicMessage> =
        Rv32imMachine.publicMessages(program.entry(), result.exitCode(), result.journal())

    /** The checker's report on the traces as they are now. */
    fun check(): CheckReport = Checker.check(traces, messages)

    /** The trace of the table named [table]. */
    fun trace(table: String): Trace = traces.first { it.table().name() == table }

    /** Rows of [table] on which [column] holds [value]. */
    fun rowsWhere(table: String, column: String, value: Int): List<Int> {
        val t = trace(table)
        val c = t.mainColumns()[t.table().mainColumns().indexOf(column)]
        return (0 until t.height()).filter { c[it] == value }
    }

    /** Sets a cell of the traces directly (no lookup counters are re-derived: the forger would not either). */
    fun tamper(table: String, column: String, row: Int, value: Int) {
        val t = trace(table)
        t.mainColumns()[t.table().mainColumns().indexOf(column)][row] = value
    }

    /** The value of a cell. */
    fun cell(table: String, column: String, row: Int): Int {
        val t = trace(table)
        return t.mainColumns()[t.table().mainColumns().indexOf(column)][row]
    }

    companion object {
        /**
         * Runs [asm] (with initial data words at [Asm.DATA]) on the standard machine, its ECALLs handled by
         * [ecalls].
         */
        fun of(
            asm: Asm,
            data: IntArray = IntArray(0),
            input: ByteArray = ByteArray(0),
            ecalls: EcallRegistry = EcallRegistry.standard(),
        ) = MachineRun(program(asm, data), input, ecalls)
    }
}
