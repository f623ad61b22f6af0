package dev.rivet.circuits.keccak

import dev.rivet.dsl.Chip
import dev.rivet.dsl.Trace
import dev.rivet.dsl.constraints

/**
 * A stand-in for the ECALL table: each row claims one (input, output) pair and receives it from the
 * `keccak_permutation` bus, `calls` times. Tests use it to balance the chip's sends and to claim wrong outputs.
 */
class KeccakCaller : Chip("keccak_caller") {
    val input = columns("in", KeccakStateMessage.STATE_LIMBS)
    val output = columns("out", KeccakStateMessage.STATE_LIMBS)
    val calls = column("calls")

    init {
        constraints { receive(KeccakStateMessage.BUS, KeccakStateMessage(input, output), calls) }
    }

    /** One row per (input, output) pair, each called once. */
    fun fill(pairs: List<Pair<LongArray, LongArray>>): Trace {
        val trace = newTrace(Integer.highestOneBit(maxOf(pairs.size, 2) - 1) shl 1)
        pairs.forEachIndexed { row, (i, o) ->
            writeLanes(trace, input, i, row)
            writeLanes(trace, output, o, row)
            trace[calls, row] = 1
        }
        return trace
    }

    private fun writeLanes(trace: Trace, limbs: List<dev.rivet.dsl.Column>, lanes: LongArray, row: Int) {
        for (lane in 0 until 25) for (k in 0 until 4) {
            trace[limbs[lane * 4 + k], row] = ((lanes[lane] ushr (16 * k)) and 0xffff).toInt()
        }
    }
}
