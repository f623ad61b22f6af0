package dev.rivet.cli

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import picocli.CommandLine

/** What a `rivet` command line did: its exit status and what it printed. */
class Outcome(val status: Int, val out: String, val err: String)

/** Runs [commandLine] with [args] in this JVM, capturing stdout and stderr. */
fun run(commandLine: CommandLine, vararg args: String): Outcome {
    val out = ByteArrayOutputStream()
    val err = ByteArrayOutputStream()
    val (oldOut, oldErr) = System.out to System.err
    System.setOut(PrintStream(out, true))
    System.setErr(PrintStream(err, true))
    try {
        return Outcome(commandLine.execute(*args), out.toString(), err.toString())
    } finally {
        System.setOut(oldOut)
        System.setErr(oldErr)
    }
}

/** Runs `rivet` with [args] as the launcher does (`Main.commandLine()`, its error handling included). */
fun rivet(vararg args: String): Outcome = run(Main.commandLine(), *args)
