package dev.rivet.dsl.gadgets

import dev.rivet.dsl.Constraints
import dev.rivet.dsl.Expr

/*
 * Kotlin sugar for the gadgets: each one written inside a constraint block, so it holds under that block's
 * condition like the block's own constraints.
 *
 * ```kotlin
 * class Alu(shared: SharedTables) : Chip("alu") {
 *     val bytes = shared.bytes()
 *     val isAdd = column("is_add")
 *     val a = constraints { word("a", bytes) }
 *     val b = constraints { word("b", bytes) }
 *     val sum = on(isAdd) { add("sum", a, b, bytes) }
 *     val zero = constraints { isZero("a0_is_zero", a.limbs()[0]) }
 *     init { constraints { bool(isAdd) } }
 * }
 * ```
 *
 * The Java classes are the source of truth; see each for its columns, constraints, degree and soundness.
 */

/** A Boolean column [name]; see [Bool]. */
fun Constraints.boolColumn(name: String): Bool = Bool.of(scope, name)

/** `x = 0 ? 1 : 0` as the column [name]; see [IsZero]. */
fun Constraints.isZero(name: String, x: Expr): IsZero = IsZero.of(scope, name, x)

/** `a = b ? 1 : 0` as the column [name]; see [IsEqual]. */
fun Constraints.isEqual(name: String, a: Expr, b: Expr): IsEqual = IsEqual.of(scope, name, a, b)

/** `this ? ifOne : ifZero` for a Boolean condition; see [Select]. */
fun Expr.select(ifOne: Expr, ifZero: Expr): Expr = Select.of(this, ifOne, ifZero)

/** The [n] little-endian bits of [value] as columns `name[i]`; see [BitDecomposition]. */
fun Constraints.bits(name: String, value: Expr, n: Int): BitDecomposition = BitDecomposition.of(scope, name, value, n)

/** The [n] little-endian bytes of [value] as columns `name[i]`; see [ByteDecomposition]. */
fun Constraints.bytes(name: String, value: Expr, n: Int, table: ByteTable): ByteDecomposition =
    ByteDecomposition.of(scope, name, value, n, table)

/** `value ∈ [0, 2^bits)` through a shared [RangeTable]; see [RangeCheck]. */
fun Constraints.range(value: Expr, bits: Int, table: RangeTable) = RangeCheck.assertBits(scope, table, value, bits)

/** A word of four byte columns `name[0..3]`; see [Word.bytes]. */
fun Constraints.word(name: String, table: ByteTable): Word = Word.bytes(scope, name, table)

/** A word of two 16-bit columns `name[0..1]`; see [Word.halves]. */
fun Constraints.halfWord(name: String, table: ByteTable): Word = Word.halves(scope, name, table)

/** `a + b mod 2^32` as the word [name]; see [WordAdd]. */
fun Constraints.add(name: String, a: Word, b: Word, table: ByteTable): WordAdd = WordAdd.of(scope, name, a, b, table)

/** `a − b mod 2^32` as the word [name]; see [WordSub]. */
fun Constraints.sub(name: String, a: Word, b: Word, table: ByteTable): WordSub = WordSub.of(scope, name, a, b, table)

/** `a < b` unsigned; see [LessThan.unsigned]. */
fun Constraints.lessThan(name: String, a: Word, b: Word, table: ByteTable): LessThan =
    LessThan.unsigned(scope, name, a, b, table)

/** `a < b` signed (two's complement); see [LessThan.signed]. */
fun Constraints.signedLessThan(name: String, a: Word, b: Word, table: ByteTable): LessThan =
    LessThan.signed(scope, name, a, b, table)

/** `z = x AND y` for bytes; see [ByteTable.and]. */
fun Constraints.byteAnd(x: Expr, y: Expr, z: Expr, table: ByteTable) = table.and(scope, x, y, z)

/** `z = x OR y` for bytes; see [ByteTable.or]. */
fun Constraints.byteOr(x: Expr, y: Expr, z: Expr, table: ByteTable) = table.or(scope, x, y, z)

/** `z = x XOR y` for bytes; see [ByteTable.xor]. */
fun Constraints.byteXor(x: Expr, y: Expr, z: Expr, table: ByteTable) = table.xor(scope, x, y, z)
