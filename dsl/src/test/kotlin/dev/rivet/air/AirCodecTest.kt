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
import io.kotest.matchers.shouldNotBe
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
    prepMultiplicity: Boolean = false,
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
    val multiplicity = if (prepMultiplicity) p else y
    if (receive) chip.receive(bus, Msg(x, p), multiplicity) else chip.send(bus, Msg(x, p), multiplicity)
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
        decoded.preprocessedHeight() shouldBe 4
        decoded.hasPreprocessedValues() shouldBe false
        shouldThrow<IllegalStateException> { decoded.preprocessedValues(0) }.message shouldContain
            "table 'sample' was decoded from its encoding, which holds no preprocessed values"
    }

    test("a multiplicity's preprocessed range survives decoding, so decoded and compiled tables bound alike") {
        val t = sample(prepMultiplicity = true)
        val decoded = AirCodec.decode(t.encode())
        decoded.encode() shouldBe t.encode()
        decoded.multiplicityBounds().bound(0) shouldBe 4
        t.multiplicityBounds().bound(0) shouldBe 4
    }

    test("preprocessed values are not in the digest, except the range of a column a multiplicity reads") {
        sample(prepValue = 5).digestHex() shouldBe sample().digestHex()
        sample(prepValue = 5).samePreprocessedValues(sample()) shouldBe false
        sample().samePreprocessedValues(sample()) shouldBe true
        // 1, 2, 2, 4 spans [1, 4] as 1, 2, 3, 4 does; 1, 2, 5, 4 does not
        sample(prepMultiplicity = true, prepValue = 2).digestHex() shouldBe sample(prepMultiplicity = true).digestHex()
        sample(prepMultiplicity = true, prepValue = 5).digestHex() shouldNotBe sample(prepMultiplicity = true).digestHex()
    }

    test("building the same table twice gives the same digest") {
        sample().digestHex() shouldBe sample().digestHex()
    }

    test("any change to a constraint, column, bus, multiplicity range or name changes the digest") {
        val variants = listOf(
            sample(),
            sample(constant = 8),
            sample(columnName = "w"),
            sample(extraColumn = true),
            sample(busName = "other"),
            sample(fieldName = "first"),
            sample(receive = true),
            sample(prepMultiplicity = true),
            sample(prepMultiplicity = true, prepValue = 5),
            sample(maxDegree = 4),
            sample(publicName = "result"),
            sample(constraintName = "renamed"),
        )
        variants.map { it.digestHex() }.toSet() shouldHaveSize variants.size
    }

    test("every truncation of an encoding is refused with a clear error") {
        val bytes = sample(prepMultiplicity = true).encode()
        for (n in 0 until bytes.size) {
            val e = shouldThrow<IllegalArgumentException> { AirCodec.decode(bytes.copyOf(n)) }
            e.message shouldContain "AIR encoding"
        }
    }

    test("every single-byte change decodes to a valid table or is refused; never another failure") {
        for (bytes in listOf(sample().encode(), sample(prepMultiplicity = true).encode())) {
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
