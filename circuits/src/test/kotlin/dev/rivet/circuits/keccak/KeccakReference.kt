package dev.rivet.circuits.keccak

/**
 * A plain Keccak-f[1600] written from the FIPS 202 pseudo-code (§3.2, §3.3), independent of the chip's filler:
 * the state is `a[x][y]`, the round constants come from the rc LFSR (Algorithm 5) and the ρ offsets from the
 * (x, y) → (y, 2x + 3y) walk, not from tables.
 */
object KeccakReference {
    /** ρ offsets `[x][y]`, from the walk of Algorithm 2. */
    val rho: Array<IntArray> = Array(5) { IntArray(5) }.also { r ->
        var x = 1
        var y = 0
        for (t in 0 until 24) {
            r[x][y] = ((t + 1) * (t + 2) / 2) % 64
            val nx = y
            val ny = (2 * x + 3 * y) % 5
            x = nx
            y = ny
        }
    }

    /** The 24 round constants, from rc(t) of Algorithm 5. */
    val roundConstants: LongArray = LongArray(24) { ir ->
        var rc = 0L
        for (j in 0..6) if (rcBit(j + 7 * ir)) rc = rc or (1L shl ((1 shl j) - 1))
        rc
    }

    private fun rcBit(t: Int): Boolean {
        if (t % 255 == 0) return true
        var r = 0x80 // R = 10000000, R[0] is the most significant bit of this byte
        for (i in 1..(t % 255)) {
            var v = r shr 1 // R = 0 || R
            val r8 = r and 1 // R[8], the bit shifted out
            if (r8 == 1) v = v xor 0x80 xor 0x08 xor 0x04 xor 0x02 // R[0], R[4], R[5], R[6] ^= R[8]
            r = v
        }
        return (r and 0x80) != 0
    }

    /** Keccak-f[1600] of a state given as 25 lanes, lane (x, y) at `x + 5y`. */
    fun permute(lanes: LongArray): LongArray {
        var a = Array(5) { x -> LongArray(5) { y -> lanes[x + 5 * y] } }
        for (ir in 0 until 24) {
            // θ
            val c = LongArray(5) { x -> a[x][0] xor a[x][1] xor a[x][2] xor a[x][3] xor a[x][4] }
            val d = LongArray(5) { x -> c[(x + 4) % 5] xor java.lang.Long.rotateLeft(c[(x + 1) % 5], 1) }
            a = Array(5) { x -> LongArray(5) { y -> a[x][y] xor d[x] } }
            // ρ, π
            val b = Array(5) { LongArray(5) }
            for (x in 0 until 5) for (y in 0 until 5) {
                b[y][(2 * x + 3 * y) % 5] = java.lang.Long.rotateLeft(a[x][y], rho[x][y])
            }
            // χ
            a = Array(5) { x -> LongArray(5) { y -> b[x][y] xor (b[(x + 1) % 5][y].inv() and b[(x + 2) % 5][y]) } }
            // ι
            a[0][0] = a[0][0] xor roundConstants[ir]
        }
        return LongArray(25) { a[it % 5][it / 5] }
    }

    /**
     * Keccak-256 (the original padding, 0x01 … 0x80, as Ethereum uses it) with [permutation] as Keccak-f, applied
     * to all [messages] side by side: block j of every message that has one goes through one call, so a chip can
     * prove a whole round of blocks in one trace.
     */
    fun keccak256(messages: List<ByteArray>, permutation: (List<LongArray>) -> List<LongArray>): List<ByteArray> {
        val rate = 136
        val padded = messages.map { m ->
            val n = (m.size / rate + 1) * rate
            m.copyOf(n).also { p ->
                p[m.size] = (p[m.size].toInt() xor 0x01).toByte()
                p[n - 1] = (p[n - 1].toInt() xor 0x80).toByte()
            }
        }
        val states = messages.map { LongArray(25) }.toMutableList()
        val blocks = padded.maxOf { it.size / rate }
        for (j in 0 until blocks) {
            val active = padded.indices.filter { padded[it].size / rate > j }
            for (i in active) {
                for (lane in 0 until rate / 8) {
                    var w = 0L
                    for (k in 0 until 8) w = w or ((padded[i][j * rate + 8 * lane + k].toLong() and 0xff) shl (8 * k))
                    states[i][lane] = states[i][lane] xor w
                }
            }
            val outputs = permutation(active.map { states[it] })
            active.forEachIndexed { k, i -> states[i] = outputs[k] }
        }
        return states.map { s -> ByteArray(32) { k -> (s[k / 8] ushr (8 * (k % 8))).toByte() } }
    }
}
