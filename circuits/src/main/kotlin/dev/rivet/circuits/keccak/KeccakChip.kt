package dev.rivet.circuits.keccak

import dev.rivet.circuits.keccak.KeccakConstants.LANES
import dev.rivet.circuits.keccak.KeccakConstants.LANE_BITS
import dev.rivet.circuits.keccak.KeccakConstants.ROUNDS
import dev.rivet.circuits.keccak.KeccakConstants.lane
import dev.rivet.circuits.keccak.KeccakConstants.piTarget
import dev.rivet.circuits.keccak.KeccakConstants.rhoOffset
import dev.rivet.circuits.keccak.KeccakConstants.roundConstant
import dev.rivet.circuits.keccak.KeccakStateMessage.LIMBS_PER_LANE
import dev.rivet.circuits.keccak.KeccakStateMessage.LIMB_BITS
import dev.rivet.dsl.Bits
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Column
import dev.rivet.dsl.Expr
import dev.rivet.dsl.Parallel
import dev.rivet.dsl.RowBlock
import dev.rivet.dsl.Trace
import dev.rivet.dsl.and
import dev.rivet.dsl.bools
import dev.rivet.dsl.constraints
import dev.rivet.dsl.firstRow
import dev.rivet.dsl.minus
import dev.rivet.dsl.next
import dev.rivet.dsl.packLimbs
import dev.rivet.dsl.rotateLeft
import dev.rivet.dsl.sum
import dev.rivet.dsl.transition
import dev.rivet.dsl.xor

/**
 * Proves N Keccak-f[1600] permutations, one round per row, and sends each permutation's (input, output) pair on
 * the [KeccakStateMessage.BUS] so that an ECALL table can call it.
 *
 * ## Design note
 *
 * **Algorithm.** Keccak-f[1600] (FIPS 202) applies 24 rounds of θ, ρ, π, χ, ι to 25 lanes of 64 bits. Only θ's
 * and χ's XOR and AND need bits; ρ and π move bits and cost nothing once the state is in bits; ι flips a few
 * bits of lane (0, 0). Over BabyBear a lane is four 16-bit limbs, and a degree-3 budget (selectors included) fits
 * one whole round per row, as in Plonky3's keccak-air, whose arithmetization this follows.
 *
 * **Layout.** Row `24p + r` holds round `r` of permutation `p`. Per row (2572 columns):
 *
 * | columns | count | what |
 * |---|---|---|
 * | `step[r]` | 24 | one-hot round counter |
 * | `export` | 1 | 1 on the last row of a permutation that is sent on the bus |
 * | `preimage[x][y][k]` | 100 | the permutation's input, limbs, repeated on its 24 rows |
 * | `a[x][y][k]` | 100 | the round's input state A, limbs |
 * | `c[x][z]` | 320 | θ's column parities of A, bits |
 * | `c_prime[x][z]` | 320 | C ⊕ D, bits (D = θ's offset C[x−1] ⊕ C[x+1]⋘1) |
 * | `a_prime[x][y][z]` | 1600 | A' = θ(A), bits |
 * | `chi00[z]` | 7 | χ's output bits of lane (0, 0) where some round constant has a 1 (z = 0, 1, 3, 7, 15, 31, 63) |
 * | `out[x][y][k]` | 100 | the round's output A''' = ι(χ(π(ρ(A')))), limbs; the next round's A |
 *
 * A trace of N permutations has height 24N rounded up to a power of two; the rows after the last permutation hold
 * permutations of the zero state (the last one possibly cut short) with `export` = 0, so they satisfy every
 * constraint and send nothing.
 *
 * **Constraints** (3117, degree ≤ 3 with selectors):
 * - `step`: first row is round 0; each transition rotates the one-hot vector. So row i is round i mod 24, and
 *   the round constant's bits `rc[z] = Σ_{r: RC_r has bit z} step[r]` are degree-1 expressions fixed by the
 *   circuit, not the prover.
 * - θ: C' = C ⊕ C[x−1] ⊕ C[x+1]⋘1 (degree 3) with C Boolean, which makes C' Boolean; A' Boolean; each limb of A
 *   equals the packed bits A' ⊕ C ⊕ C' (degree 3; C ⊕ C' = D, one shared slot per (x, z)); and for each (x, z),
 *   `s = Σ_y A'[x][y][z] − C'[x][z]` satisfies `s(s−2)(s−4) = 0`, i.e. C' is the parity of A'. Since
 *   parity(A') = parity(A) ⊕ D, this forces C = parity(A), so A' = θ(A) exactly. A's limbs pack 16 Boolean values,
 *   so they are 16-bit and their bits unique.
 * - ρ, π: B[π(x, y)] = A'[x][y] ⋘ ρ[x][y], an index permutation: no constraint, no column.
 * - χ and ι: each output limb of lanes ≠ (0, 0) equals the packed `B ⊕ (¬B[x+1] ∧ B[x+2])` (degree 3). For
 *   lane (0, 0) the round constant's bit must be XORed in, which would make degree 4; but only 7 bit positions
 *   of any round constant are ever 1, so only those 7 χ bits get a column (`chi00`, equal to the χ expression),
 *   XORed with `rc[z]` at degree 2. Plonky3 keeps all 64 bits of A''[0][0] plus its limbs (68 columns); this
 *   keeps 7, and the layout has 2572 columns instead of 2633.
 * - chaining, on transitions that are not a permutation's last round (degree 3): the next row's A is this row's
 *   output, and the next row's preimage is this row's; on round 0, A is the preimage.
 * - `export` is Boolean and 0 except on round 23; the bus message (preimage, out) is sent with multiplicity
 *   `export` (degree 1; fields are columns).
 *
 * **Soundness.** Every bit column is Boolean-constrained or equal to a Boolean function of such; every limb is a
 * packing of 16 such bits, hence canonical and unique; the round constants come from the step pattern, which only
 * one assignment satisfies; and an exported row's output limbs are linked through 23 chaining transitions and 24
 * rounds to the preimage, which is round 0's input. So each message sent is (S, Keccak-f(S)).
 *
 * **Filling.** [fill] splits the permutations across cores ([Parallel.forEachRange]); each worker runs the
 * permutation on `long` lanes, writes a permutation's 24 rows into a [RowBlock] and flushes it into the trace.
 */
class KeccakChip : Chip("keccak_f") {
    /** `step[r]` is 1 on the rows of round r. */
    val step: List<Column> = columns("step", ROUNDS)

    /** 1 on the last row of each permutation sent on the bus; 0 everywhere else. */
    val export: Column = column("export")

    /** The permutation's input, `[lane][limb]`, repeated on each of its rows. */
    val preimage: List<List<Column>> = lanes("preimage")

    /** The round's input state A, `[lane][limb]`. */
    val a: List<List<Column>> = lanes("a")

    /** θ's column parities of A, `[x][z]`. */
    val c: List<List<Column>> = List(5) { x -> columns("c[$x]", LANE_BITS) }

    /** C ⊕ D, `[x][z]`: also the column parities of A'. */
    val cPrime: List<List<Column>> = List(5) { x -> columns("c_prime[$x]", LANE_BITS) }

    /** A' = θ(A), `[lane][z]`. */
    val aPrime: List<List<Column>> = List(LANES) { lane -> columns("a_prime[${lane % 5}][${lane / 5}]", LANE_BITS) }

    /** χ's output bits of lane (0, 0) at [IOTA_POSITIONS] (in that order): where ι may flip a bit. */
    val chi00: List<Column> = IOTA_POSITIONS.map { z -> column("chi00[$z]") }

    /** The round's output A''' = ι(χ(π(ρ(A')))), `[lane][limb]`: the next round's A, or the permutation's output. */
    val out: List<List<Column>> = lanes("out")

    init {
        val firstRound = step[0]
        val lastRound = step[ROUNDS - 1]

        firstRow {
            named("rounds start at 0") { for (r in 0 until ROUNDS) step[r] eq (if (r == 0) 1 else 0) }
        }
        transition {
            named("rounds advance") { for (r in 0 until ROUNDS) step[r].next() eq step[(r + ROUNDS - 1) % ROUNDS] }
            on(!lastRound) {
                named("the preimage is carried") { preimage.flatten().next() eq preimage.flatten() }
                named("a round reads the previous output") { a.flatten().next() eq out.flatten() }
            }
        }
        constraints {
            on(firstRound) { named("round 0 reads the preimage") { a.flatten() eq preimage.flatten() } }
        }

        // θ. D[x] = C[x−1] ⊕ C[x+1]⋘1 is never committed: C ⊕ C' equals it once C' is checked.
        val d = List(5) { x -> List(LANE_BITS) { z -> c[x][z] xor cPrime[x][z] } }
        constraints {
            named("theta: c is boolean") { bools(c.flatten()) }
            named("theta: c' = c ⊕ c[x-1] ⊕ c[x+1] <<< 1") {
                for (x in 0 until 5) {
                    val left = c[(x + 4) % 5]
                    val right = c[(x + 1) % 5].rotateLeft(1)
                    for (z in 0 until LANE_BITS) cPrime[x][z] eq Bits.xor(left[z], right[z], c[x][z])
                }
            }
            named("theta: a' is boolean") { bools(aPrime.flatten()) }
            named("theta: a = a' ⊕ d") {
                for (lane in 0 until LANES) {
                    a[lane] eq aPrime[lane].mapIndexed { z, bit -> bit xor d[lane % 5][z] }.packLimbs(LIMB_BITS)
                }
            }
            named("theta: c' is the parity of a'") {
                for (x in 0 until 5) for (z in 0 until LANE_BITS) {
                    val s = (0 until 5).map { y -> aPrime[lane(x, y)][z] }.sum() - cPrime[x][z]
                    zero(s * (s - 2) * (s - 4))
                }
            }
        }

        // ρ and π only move bits: B[x][y] is A'[x + 3y][x] rotated by that lane's ρ offset.
        val b = List(LANES) { lane ->
            val source = lane(lane % 5 + 3 * (lane / 5), lane % 5)
            aPrime[source].rotateLeft(rhoOffset(source))
        }
        val chi = List(LANES) { lane ->
            val (x, y) = lane % 5 to lane / 5
            List(LANE_BITS) { z -> b[lane][z] xor (!b[lane(x + 1, y)][z] and b[lane(x + 2, y)][z]) }
        }

        // χ, then ι on lane (0, 0) where the round constant can have a 1.
        val rc = IOTA_POSITIONS.map { z ->
            (0 until ROUNDS).filter { r -> (roundConstant(r) ushr z) and 1L == 1L }.map { step[it] }.sum()
        }
        val iotaOut = List(LANE_BITS) { z ->
            val i = IOTA_POSITIONS.indexOf(z)
            if (i < 0) chi[0][z] else chi00[i] xor rc[i]
        }
        constraints {
            named("chi") { for (lane in 1 until LANES) out[lane] eq chi[lane].packLimbs(LIMB_BITS) }
            named("chi: lane (0,0) where iota acts") { for (i in IOTA_POSITIONS.indices) chi00[i] eq chi[0][IOTA_POSITIONS[i]] }
            named("iota") { out[0] eq iotaOut.packLimbs(LIMB_BITS) }
        }

        constraints {
            named("export is boolean") { bool(export) }
            on(!lastRound) { named("export only on the last round") { zero(export) } }
            send(KeccakStateMessage.BUS, KeccakStateMessage(preimage.flatten(), out.flatten()), export)
        }
    }

    private fun lanes(prefix: String): List<List<Column>> =
        List(LANES) { lane -> columns("$prefix[${lane % 5}][${lane / 5}]", LIMBS_PER_LANE) }

    /**
     * A filled trace proving `Keccak-f(s)` for every `s` in [inputs] (each 25 lanes, lane `x + 5y`), in order:
     * permutation `p` on rows `24p .. 24p + 23`, all exported. Height: [heightFor]`(inputs.size)`.
     *
     * [roundConstants] are the constants the witness applies in ι. Only the default gives a trace the circuit
     * accepts: any other is a consistent witness of a *different* permutation, which the `iota` constraint must
     * refuse — the soundness tests (and researchers probing the constraints) pass one on purpose.
     */
    @JvmOverloads
    fun fill(inputs: List<LongArray>, roundConstants: LongArray = ROUND_CONSTANTS): Trace {
        require(roundConstants.size == ROUNDS) { "${roundConstants.size} round constants, not $ROUNDS" }
        for ((i, s) in inputs.withIndex()) {
            require(s.size == LANES) { "input state $i has ${s.size} lanes, not $LANES" }
        }
        val trace = newTrace(heightFor(inputs.size))
        val blocks = (trace.height() + ROUNDS - 1) / ROUNDS
        val zero = LongArray(LANES)
        Parallel.forEachRange(blocks) { from, to ->
            val filler = Filler(trace)
            for (p in from until to) {
                val real = p < inputs.size
                filler.fillPermutation(p * ROUNDS, if (real) inputs[p] else zero, real, roundConstants)
            }
        }
        return trace
    }

    /** The input state of permutation [permutation] of a filled trace, read from its round-0 row. */
    fun input(trace: Trace, permutation: Int): LongArray = readLanes(trace, preimage, permutation * ROUNDS)

    /** The output state of permutation [permutation] of a filled trace, read from its last row. */
    fun output(trace: Trace, permutation: Int): LongArray = readLanes(trace, out, permutation * ROUNDS + ROUNDS - 1)

    private fun readLanes(trace: Trace, limbs: List<List<Column>>, row: Int) = LongArray(LANES) { lane ->
        var w = 0L
        for (k in 0 until LIMBS_PER_LANE) w = w or (trace[limbs[lane][k], row].toLong() shl (LIMB_BITS * k))
        w
    }

    /**
     * One worker's filler: runs a permutation on `long` lanes, writes each round's row into a [RowBlock] of 24
     * rows, and flushes the block into the trace.
     */
    internal inner class Filler(private val trace: Trace) {
        private val block = RowBlock(trace, ROUNDS)
        private val cells = block.cells()
        private val step = block.offsets(this@KeccakChip.step)
        private val export = block.offset(this@KeccakChip.export)
        private val preimage = block.offsets(this@KeccakChip.preimage.flatten())
        private val a = block.offsets(this@KeccakChip.a.flatten())
        private val c = block.offsets(this@KeccakChip.c.flatten())
        private val cPrime = block.offsets(this@KeccakChip.cPrime.flatten())
        private val aPrime = block.offsets(this@KeccakChip.aPrime.flatten())
        private val chi00 = block.offsets(this@KeccakChip.chi00)
        private val out = block.offsets(this@KeccakChip.out.flatten())
        private val state = LongArray(LANES)
        private val parity = LongArray(5)
        private val offset = LongArray(5)
        private val theta = LongArray(LANES)
        private val rhoPi = LongArray(LANES)

        /**
         * Writes the rounds of one permutation from [firstRow] (a multiple of 24) to its last round or the end of
         * the trace. [roundConstants] is ι's table, a parameter only so that tests can build a wrong trace.
         */
        fun fillPermutation(firstRow: Int, input: LongArray, exported: Boolean, roundConstants: LongArray) {
            input.copyInto(state)
            for (r in 0 until ROUNDS) { // every cell of the block is written: the block is reused, not cleared
                for (i in 0 until ROUNDS) cells[step[i] + r] = if (i == r) 1 else 0
                cells[export + r] = if (exported && r == ROUNDS - 1) 1 else 0
                writeLimbs(preimage, input, r)
                writeLimbs(a, state, r)
                for (x in 0 until 5) {
                    parity[x] = state[x] xor state[x + 5] xor state[x + 10] xor state[x + 15] xor state[x + 20]
                }
                for (x in 0 until 5) {
                    offset[x] = parity[(x + 4) % 5] xor java.lang.Long.rotateLeft(parity[(x + 1) % 5], 1)
                    writeBits(c, x, parity[x], r)
                    writeBits(cPrime, x, parity[x] xor offset[x], r)
                }
                for (lane in 0 until LANES) {
                    theta[lane] = state[lane] xor offset[lane % 5]
                    writeBits(aPrime, lane, theta[lane], r)
                    rhoPi[PI_TARGET[lane]] = java.lang.Long.rotateLeft(theta[lane], rhoOffset(lane))
                }
                for (lane in 0 until LANES) {
                    state[lane] = rhoPi[lane] xor (rhoPi[CHI_1[lane]].inv() and rhoPi[CHI_2[lane]])
                }
                for (i in IOTA_POSITIONS.indices) cells[chi00[i] + r] = ((state[0] ushr IOTA_POSITIONS[i]) and 1L).toInt()
                state[0] = state[0] xor roundConstants[r]
                writeLimbs(out, state, r)
            }
            block.flush(firstRow, minOf(ROUNDS, trace.height() - firstRow))
        }

        private fun writeBits(offsets: IntArray, word: Int, value: Long, r: Int) {
            val base = word * LANE_BITS
            for (z in 0 until LANE_BITS) cells[offsets[base + z] + r] = ((value ushr z) and 1L).toInt()
        }

        private fun writeLimbs(offsets: IntArray, lanes: LongArray, r: Int) {
            for (lane in 0 until LANES) {
                val w = lanes[lane]
                for (k in 0 until LIMBS_PER_LANE) {
                    cells[offsets[lane * LIMBS_PER_LANE + k] + r] = ((w ushr (LIMB_BITS * k)) and 0xffffL).toInt()
                }
            }
        }
    }

    companion object {
        /** The bit positions where some round constant has a 1: 0, 1, 3, 7, 15, 31, 63. */
        @JvmField
        val IOTA_POSITIONS: IntArray = run {
            var any = 0L
            for (r in 0 until ROUNDS) any = any or roundConstant(r)
            (0 until LANE_BITS).filter { (any ushr it) and 1L == 1L }.toIntArray()
        }

        internal val ROUND_CONSTANTS: LongArray = KeccakConstants.roundConstants()
        private val PI_TARGET = IntArray(LANES) { piTarget(it % 5, it / 5) }
        private val CHI_1 = IntArray(LANES) { lane(it % 5 + 1, it / 5) }
        private val CHI_2 = IntArray(LANES) { lane(it % 5 + 2, it / 5) }

        /** The trace height for [permutations] permutations: 24 rows each, rounded up to a power of two. */
        @JvmStatic
        fun heightFor(permutations: Int): Int {
            require(permutations >= 0) { "negative permutation count $permutations" }
            val rows = maxOf(ROUNDS * permutations, 2)
            return Integer.highestOneBit(rows - 1) shl 1
        }
    }
}
