package dev.rivet.dsl

/*
 * Kotlin sugar for [Bits]: Boolean operators on bit expressions, so that a Keccak χ reads
 * `b0 xor (!b1 and b2)`. `!e` is [Expr.not] (1 − e). Like [Bits], these are only meaningful on expressions
 * constrained to {0, 1}.
 */

/** `a ⊕ b` for bits. */
infix fun Expr.xor(other: Expr): Expr = Bits.xor(this, other)

/** `a ∧ b` for bits. */
infix fun Expr.and(other: Expr): Expr = Bits.and(this, other)

/** The field element whose little-endian bits these are; see [Bits.pack]. */
fun List<Expr>.pack(): Expr = Bits.pack(this)

/** These bits packed into limbs of [width] bits, least significant limb first; see [Bits.packLimbs]. */
fun List<Expr>.packLimbs(width: Int): List<Expr> = Bits.packLimbs(this, width)

/** This little-endian bit vector rotated left by [n]; see [Bits.rotateLeft]. */
fun <T> List<T>.rotateLeft(n: Int): List<T> = Bits.rotateLeft(this, n)

/** `b ∈ {0, 1}` for every bit. */
fun Constraints.bools(bits: Iterable<Expr>) = bits.forEach { bool(it) }

/** Each column of a group on the next row, e.g. `a.next() eq out` for a word held in several limbs. */
fun List<Column>.next(): List<Expr> = map { it.next() }
