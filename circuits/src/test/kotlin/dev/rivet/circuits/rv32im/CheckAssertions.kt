package dev.rivet.circuits.rv32im

import dev.rivet.field.BabyBear
import io.kotest.assertions.withClue
import io.kotest.matchers.shouldBe

/** Asserts that the run's traces satisfy every constraint and balance every bus. */
fun MachineRun.shouldCheck() {
    val report = check()
    withClue(report.toString()) { report.ok() shouldBe true }
}

/** Asserts that the constraint labelled [constraint] (a part of its label) fails on some row. */
fun MachineRun.shouldFailConstraint(constraint: String) {
    val report = check()
    withClue(report.toString()) {
        report.constraintFailures().any { it.constraint().label().contains(constraint) } shouldBe true
    }
}

/** Asserts that some message on the bus named [bus] no longer balances. */
fun MachineRun.shouldUnbalance(bus: String) {
    val report = check()
    withClue(report.toString()) { report.busImbalances().any { it.bus() == bus } shouldBe true }
}

/** Adds [delta] to a cell, as a field element would wrap. */
fun MachineRun.bump(table: String, column: String, row: Int, delta: Int) =
    tamper(table, column, row, Math.floorMod(cell(table, column, row).toLong() + delta, BabyBear.P.toLong()).toInt())
