package dev.rivet.circuits.rv32im

import dev.rivet.air.AirTable
import io.kotest.matchers.shouldBe

/** Asserts that [table] has the width and interaction count its Javadoc's cost claims, degree 3 and no warnings. */
fun assertShape(table: AirTable, columns: Int, interactions: Int) {
    table.mainColumns().size shouldBe columns
    table.interactions().size shouldBe interactions
    table.degree() shouldBe 3
    table.warnings() shouldBe emptyList()
}
