package dev.rivet.examples

import dev.rivet.exec.Executor
import dev.rivet.exec.Program
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Path

/** What the sort guest commits: the count, then the sorted array's minimum, median and maximum (unsigned). */
data class SortSummary(val n: Int, val min: UInt, val median: UInt, val max: UInt, val cycles: Long)

/**
 * A host written in Kotlin: has the prebuilt `sort` guest sort [n] pseudo-random numbers and decodes its journal.
 * Run `dev.rivet.examples.KotlinHostKt` from the repository root.
 */
object KotlinHost {
    fun sort(guests: Path, n: Int): SortSummary {
        val program = Program.load(guests.resolve("sort.elf"))
        val input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array()
        val result = Executor.of(program).input(input).run()
        check(result.exitCode() == 0) { "the sort guest exited with ${result.exitCode()}" }
        val journal = ByteBuffer.wrap(result.journal()).order(ByteOrder.LITTLE_ENDIAN)
        return SortSummary(journal.int, journal.int.toUInt(), journal.int.toUInt(), journal.int.toUInt(), result.cycles())
    }
}

fun main() {
    println(KotlinHost.sort(Path.of("examples/guests/prebuilt"), 10_000))
}
