package dev.rivet.air

import dev.rivet.dsl.Bus
import dev.rivet.dsl.BusMessage
import dev.rivet.dsl.Chip
import dev.rivet.dsl.Expr
import dev.rivet.dsl.minus
import dev.rivet.dsl.times
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

private data class Msg(val a: Expr, val b: Expr) : BusMessage {
    override fun fields() = listOf(a, b)
}

/** A table touching every feature of the encoding; each flag changes exactly one thing. */
private fun sample(
    constant: Long = 7,
    columnName: String = "x",
    extraColumn: Boolean = false,
    busName: String = "pairs",
    fieldName: String = "left",
    receive: Boolean = false,
    prepValue: Int = 3,
    maxDegree: Int = 3,
    publicName: String = "out",
    constraintName: String = "body",
): AirTable {
    val chip = Chip("sample", maxDegree)
    val x = chip.column(columnName)
    val y = chip.column("y")
    if (extraColumn) chip.column("z")
    val p = chip.preprocessed("p", intArrayOf(1, 2, prepValue, 4))
    val out = chip.publicValue(publicName)
    val bus = Bus.of<Msg>(busName, fieldName, "right")
    chip.assertZero(constraintName, x * y - constant)
    chip.whenTransition().assertEq(x.next(), y + p.next())
    chip.whenLastRow().assertEq(y, out)
    chip.assertBool(1 - x)
    if (receive) chip.receive(bus, Msg(x, p), y) else chip.send(bus, Msg(x, p), y)
    return chip.table()
}


class AirCodecTest : FunSpec({
    test("the canonical encoding round-trips") {
        val t = sample()
        val decoded = AirCodec.decode(t.encode())
        decoded.encode() shouldBe t.encode()
        decoded.digestHex() shouldBe t.digestHex()
        decoded.program() shouldBe t.program()
        decoded.interactions() shouldBe t.interactions()
        decoded.constraints().map { it.name() to it.degree() } shouldBe t.constraints().map { it.name() to it.degree() }
        decoded.preprocessedValues(0).toList() shouldBe listOf(1, 2, 3, 4)
    }

    test("building the same table twice gives the same digest") {
        sample().digestHex() shouldBe sample().digestHex()
    }

    test("any change to a constraint, column, bus, preprocessed value or name changes the digest") {
        val variants = listOf(
            sample(),
            sample(constant = 8),
            sample(columnName = "w"),
            sample(extraColumn = true),
            sample(busName = "other"),
            sample(fieldName = "first"),
            sample(receive = true),
            sample(prepValue = 5),
            sample(maxDegree = 4),
            sample(publicName = "result"),
            sample(constraintName = "renamed"),
        )
        variants.map { it.digestHex() }.toSet() shouldHaveSize variants.size
    }

    test("every truncation of an encoding is refused with a clear error") {
        val bytes = sample().encode()
        for (n in 0 until bytes.size) {
            val e = shouldThrow<IllegalArgumentException> { AirCodec.decode(bytes.copyOf(n)) }
            e.message shouldContain "AIR encoding"
        }
    }

    test("every single-byte change decodes to a valid table or is refused; never another failure") {
        val bytes = sample().encode()
        var refused = 0
        for (i in bytes.indices) {
            for (delta in listOf(1, 0x80)) {
                val mutated = bytes.copyOf()
                mutated[i] = (mutated[i].toInt() xor delta).toByte()
                try {
                    val t = AirCodec.decode(mutated)
                    t.digestHex() shouldBe AirCodec.decode(t.encode()).digestHex()
                } catch (e: IllegalArgumentException) {
                    refused++
                    e.message shouldContain "AIR encoding"
                }
            }
        }
        (refused > 0) shouldBe true
    }

    test("trailing bytes, a bad magic and a huge count are refused") {
        val bytes = sample().encode()
        shouldThrow<IllegalArgumentException> { AirCodec.decode(bytes + 0) }.message shouldContain "trailing"
        shouldThrow<IllegalArgumentException> { AirCodec.decode(ByteArray(16)) }.message shouldContain "bad magic"
        val huge = bytes.copyOf()
        // the table name's length field follows the 8-byte magic and the 2-byte version
        huge[10] = 0x7f
        shouldThrow<IllegalArgumentException> { AirCodec.decode(huge) }.message shouldContain "exceeds"
    }
})
