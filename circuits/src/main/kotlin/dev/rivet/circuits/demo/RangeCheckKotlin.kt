package dev.rivet.circuits.demo

import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Expr
import dev.rivet.dsl.constraints
import dev.rivet.dsl.times

/** The byte bus's message, as a Kotlin type: same bus name and fields as [ByteMessage], so the same circuit. */
data class ByteMsg(val value: Expr) : BusMessage {
    override fun fields() = listOf(value)

    companion object {
        val BUS: Bus<ByteMsg> = Bus.of("byte", "value")
    }
}

/** [ByteTable] in Kotlin. */
class ByteTableKotlin : Chip("byte_table") {
    val value = preprocessed("value", IntArray(256) { it })
    val multiplicity = multiplicity("multiplicity")

    init {
        constraints { receive(ByteMsg.BUS, ByteMsg(value), multiplicity) }
    }
}

/** [ByteAdd] in Kotlin. */
class ByteAddKotlin : Chip("byte_add") {
    val x = column("x")
    val y = column("y")
    val z = column("z")
    val carry = column("carry")

    init {
        constraints {
            named("carry is a bit") { bool(carry) }
            named("sum") { x + y eq z + carry * 256 }
            for (v in listOf(x, y, z)) send(ByteMsg.BUS, ByteMsg(v))
        }
    }
}
