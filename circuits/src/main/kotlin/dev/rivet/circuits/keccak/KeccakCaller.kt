package dev.rivet.circuits.keccak

import dev.rivet.dsl.Chip
import dev.rivet.dsl.Trace
import dev.rivet.dsl.constraints

/**
 * A stand-in for the ECALL table: each row claims one (input, output) pair and receives it from the
 * `keccak_permutation` bus, `calls` times. It balances the chip's sends when the chip is proven on its own (the
 * `bench-keccak` workload), and tests use it to claim wrong outputs.
 */
class KeccakCaller : Chip("keccak_caller") {
    val input = columns("in", KeccakStateMessage.STATE_LIMBS)
    val output = columns("out", KeccakStateMessage.STATE_LIMBS)
    val calls = column("calls")

    init {
        constraints {
            // a free `calls` would let rows with 1 and p − 1 cancel a forged output (docs/soundness.md)
            named("calls is boolean") { bool(calls) }
            receive(KeccakStateMessage.BUS, KeccakStateMessage(input, output), calls)
        }
    }

    /** One row per claimed call `outputs[i] = Keccak-f(inputs[i])` (25 lanes each), each called once. */
    fun fill(inputs: List<LongArray>, outputs: List<LongArray>): Trace {
        require(inputs.size == outputs.size) { "${inputs.size} inputs but ${outputs.size} outputs" }
        val trace = newTrace(Integer.highestOneBit(maxOf(inputs.size, 2) - 1) shl 1)
        for (row in inputs.indices) {
            writeLanes(trace, input, inputs[row], row)
            writeLanes(trace, output, outputs[row], row)
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
