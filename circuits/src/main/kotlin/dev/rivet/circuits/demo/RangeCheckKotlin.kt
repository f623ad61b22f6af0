package dev.rivet.circuits.demo

import dev.rivet.dsl.Chip
import dev.rivet.dsl.constraints
import dev.rivet.dsl.gadgets.ByteMessage
import dev.rivet.dsl.times

/** [ByteAdd] in Kotlin, range-checked by the same [dev.rivet.dsl.gadgets.ByteRangeTable]. */
class ByteAddKotlin : Chip("byte_add") {
    val x = column("x")
    val y = column("y")
    val z = column("z")
    val carry = column("carry")

    init {
        constraints {
            named("carry is a bit") { bool(carry) }
            named("sum") { x + y eq z + carry * 256 }
            for (v in listOf(x, y, z)) send(ByteMessage.BUS, ByteMessage(v))
        }
    }
}
