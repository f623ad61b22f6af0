package dev.rivet.examples

import dev.rivet.exec.Program
import dev.rivet.host.GuestProver
import dev.rivet.host.prove
import dev.rivet.receipt.Receipt
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Path
import kotlinx.coroutines.runBlocking

/** What the sort guest commits: the count, then the sorted array's minimum, median and maximum (unsigned). */
data class SortSummary(val n: Int, val min: UInt, val median: UInt, val max: UInt, val cycles: Long)

/**
 * A host written in Kotlin: proves that the prebuilt `sort` guest sorted [n] pseudo-random numbers (suspending
 * while it proves, printing the phases), verifies the receipt against the guest's image ID and decodes its
 * journal. Run `dev.rivet.examples.KotlinHostKt` from the repository root.
 */
object KotlinHost {
    suspend fun sort(guests: Path, n: Int, onPhase: (String) -> Unit = {}): SortSummary {
        val program = Program.load(guests.resolve("sort.elf"))
        val input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array()
        val receipt = program.prove(input) { onPhase(it.phase) }
        // what a verifier does with the receipt's bytes and the image ID it expects
        val verified = Receipt.fromBytes(receipt.toBytes()).also { it.verify(GuestProver().imageId(program)) }
        val journal = ByteBuffer.wrap(verified.claim().journal()).order(ByteOrder.LITTLE_ENDIAN)
        return SortSummary(journal.int, journal.int.toUInt(), journal.int.toUInt(), journal.int.toUInt(), verified.cycles())
    }
}

fun main() = runBlocking {
    println(KotlinHost.sort(Path.of("examples/guests/prebuilt"), 10_000) { println("  $it") })
}
