package dev.rivet.dsl

/**
 * Kotlin blocks for writing constraints so that they read like the mathematics:
 *
 * ```kotlin
 * object Fibonacci : Chip("fibonacci") {
 *     val a = column("a")
 *     val b = column("b")
 *     init {
 *         transition {
 *             a.next() eq b
 *             b.next() eq a + b
 *         }
 *     }
 * }
 * ```
 *
 * Everything here is a thin layer over [ConstraintScope]; the Java API is the source of truth.
 */
@DslMarker
annotation class RivetDsl

/** A block of constraints sharing one condition; see [constraints], [firstRow], [transition], [on]. */
@RivetDsl
class Constraints internal constructor(internal val scope: ConstraintScope, private val name: String = "") {
    /** `a = b` on every row of this block. */
    infix fun Expr.eq(other: Expr) = scope.assertEq(name, this, other)

    /** `a = c` for a constant. */
    infix fun Expr.eq(c: Long) = scope.assertEq(name, this, c)

    /** `a = c` for a constant. */
    infix fun Expr.eq(c: Int) = scope.assertEq(name, this, c.toLong())

    /** `a[i] = b[i]` for every i, e.g. a word's limbs against their packed bits; the sizes must match. */
    infix fun List<Expr>.eq(other: List<Expr>) {
        require(size == other.size) { "$size expressions on the left, ${other.size} on the right" }
        for (i in indices) scope.assertEq(name, this[i], other[i])
    }

    /** `e = 0`. */
    fun zero(e: Expr) = scope.assertZero(name, e)

    /** `b ∈ {0, 1}`. */
    fun bool(b: Expr) = scope.assertBool(name, b)

    /** Names the constraints written in [block], for reports. */
    fun <T> named(constraintName: String, block: Constraints.() -> T): T = Constraints(scope, constraintName).block()

    /** Constraints that hold only where [condition] is non-zero (conditions nest by multiplication). */
    fun <T> on(condition: Expr, block: Constraints.() -> T): T = Constraints(scope.`when`(condition), name).block()

    /** Sends [message] on [bus] with [multiplicity] (times this block's condition). */
    fun <M : BusMessage> send(bus: Bus<M>, message: M, multiplicity: Expr = Expr.ONE) =
        scope.send(bus, message, multiplicity)

    /** Receives [message] on [bus] with [multiplicity] (times this block's condition). */
    fun <M : BusMessage> receive(bus: Bus<M>, message: M, multiplicity: Expr = Expr.ONE) =
        scope.receive(bus, message, multiplicity)
}

/** Constraints on every row. Every block returns its last value, e.g. a gadget declared in it. */
fun <T> Chip.constraints(block: Constraints.() -> T): T = Constraints(this).block()

/** Constraints on the first row only. */
fun <T> Chip.firstRow(block: Constraints.() -> T): T = Constraints(whenFirstRow()).block()

/** Constraints on the last row only. */
fun <T> Chip.lastRow(block: Constraints.() -> T): T = Constraints(whenLastRow()).block()

/** Constraints on every row but the last: where `next()` may be read. */
fun <T> Chip.transition(block: Constraints.() -> T): T = Constraints(whenTransition()).block()

/** Constraints where [condition] is non-zero. */
fun <T> Chip.on(condition: Expr, block: Constraints.() -> T): T = Constraints(`when`(condition)).block()

operator fun Expr.plus(c: Int): Expr = plus(c.toLong())
operator fun Expr.minus(c: Int): Expr = minus(c.toLong())
operator fun Expr.times(c: Int): Expr = times(c.toLong())
operator fun Int.plus(e: Expr): Expr = Expr.constant(toLong()).plus(e)
operator fun Int.minus(e: Expr): Expr = Expr.constant(toLong()).minus(e)
operator fun Int.times(e: Expr): Expr = Expr.constant(toLong()).times(e)
operator fun Long.plus(e: Expr): Expr = Expr.constant(this).plus(e)
operator fun Long.minus(e: Expr): Expr = Expr.constant(this).minus(e)
operator fun Long.times(e: Expr): Expr = Expr.constant(this).times(e)

/** The sum of expressions (0 for none). */
fun Iterable<Expr>.sum(): Expr = fold(Expr.ZERO) { acc, e -> acc + e }
