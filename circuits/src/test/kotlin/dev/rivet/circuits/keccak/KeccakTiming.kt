package dev.rivet.circuits.keccak

import dev.rivet.check.Checker
import java.util.Random

/**
 * Times the Keccak chip's compile (`table()`), fill and check for N permutations (default 1365, i.e. 2^15 rows).
 * Not a test: run after `mvn -B -q -pl circuits -am test-compile` with
 *
 * ```
 * java -cp circuits/target/test-classes:circuits/target/classes:dsl/target/classes:$HOME/.m2/repository/org/jetbrains/kotlin/kotlin-stdlib/2.1.0/kotlin-stdlib-2.1.0.jar \
 *     dev.rivet.circuits.keccak.KeccakTimingKt [permutations]
 * ```
 */
fun main(args: Array<String>) {
    val n = args.firstOrNull()?.toInt() ?: 1365
    // CPU time beside wall time: on a shared machine the wall clock measures the neighbours too.
    val os = java.lang.management.ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean
    fun <T> timed(what: String, block: () -> T): T {
        val start = System.nanoTime()
        val cpu = os.processCpuTime
        val result = block()
        println("%-28s %8.1f ms wall %8.1f ms cpu".format(what, (System.nanoTime() - start) / 1e6, (os.processCpuTime - cpu) / 1e6))
        return result
    }
    val chip = timed("construct chip") { KeccakChip() }
    val table = timed("compile (table())") { chip.table() }
    val ops = IntArray(6)
    for (slot in 0 until table.program().size()) ops[table.program().op(slot).toInt()]++
    println("  ${table.width()} columns, ${table.constraints().size} constraints, ${table.program().size()} program slots " +
        "(const ${ops[0]}, var ${ops[1]}, add ${ops[2]}, sub ${ops[3]}, mul ${ops[4]}, neg ${ops[5]})")
    val random = Random(1)
    val inputs = List(n) { LongArray(25) { random.nextLong() } }
    repeat(3) {
        val trace = timed("fill $n permutations") { chip.fill(inputs) }
        val report = timed("check ${trace.height()} rows") { Checker.check(trace) }
        println("  ${report.constraintFailures().size} failing constraints, ${report.busImbalances().size} unbalanced messages (no caller)")
        if (it == 2) {
            // The checker's loop before batching: ConstraintProgram.evaluateRow on one thread, for comparison.
            timed("row-at-a-time evaluation") {
                val slots = IntArray(table.program().size())
                var nonZero = 0
                for (row in 0 until trace.height()) {
                    table.program().evaluateRow(slots, trace.mainColumns(), arrayOf(), trace.publicValues(), row, trace.height())
                    for (c in table.constraints()) if (slots[c.slot()] != 0) nonZero++
                }
                nonZero
            }
        }
    }
}
