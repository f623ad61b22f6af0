package dev.rivet.circuits.demo

import dev.rivet.dsl.Chip
import dev.rivet.dsl.firstRow
import dev.rivet.dsl.lastRow
import dev.rivet.dsl.transition

/**
 * [Fibonacci], written in Kotlin: the same columns, names and constraints, hence the same digest. It shows the
 * Kotlin blocks; filling reuses the Java chip's approach through the same [dev.rivet.dsl.Trace] API.
 */
class FibonacciKotlin : Chip("fibonacci") {
    val a = column("a")
    val b = column("b")
    val step = column("step")
    val x0 = publicValue("x0")
    val x1 = publicValue("x1")
    val result = publicValue("result")
    val n = publicValue("n")

    init {
        firstRow {
            named("starts at x0") { a eq x0 }
            named("starts at x1") { b eq x1 }
        }
        transition {
            named("shift") { a.next() eq b }
            named("step") { b.next() eq a + b }
        }
        lastRow {
            named("ends at result") { b eq result }
        }
        firstRow { named("counts from 0") { step eq 0 } }
        transition { named("counts rows") { step.next() eq step + 1 } }
        lastRow { named("ends after n rows") { step + 1 eq n } }
    }
}
