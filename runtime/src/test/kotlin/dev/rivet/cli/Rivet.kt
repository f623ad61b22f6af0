package dev.rivet.cli

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import picocli.CommandLine

/** What a `rivet` command line did: its exit status and what it printed. */
class Outcome(val status: Int, val out: String, val err: String)

/** Runs `rivet` with [args] through picocli, in this JVM, capturing stdout and stderr. */
fun rivet(vararg args: String): Outcome {
    val out = ByteArrayOutputStream()
    val err = ByteArrayOutputStream()
    val (oldOut, oldErr) = System.out to System.err
    System.setOut(PrintStream(out, true))
    System.setErr(PrintStream(err, true))
    try {
        return Outcome(CommandLine(Main()).execute(*args), out.toString(), err.toString())
    } finally {
        System.setOut(oldOut)
        System.setErr(oldErr)
    }
}
