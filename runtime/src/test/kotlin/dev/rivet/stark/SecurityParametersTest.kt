package dev.rivet.stark

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThanOrEqual
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe

class SecurityParametersTest : FunSpec({
    test("the default preset gives at least 100 provable bits") {
        SecurityParameters.DEFAULT.provableBits() shouldBeGreaterThanOrEqual 100.0
        SecurityParameters.DEFAULT.bitsPerQuery() shouldBe (0.415 plusOrMinus 0.001)
    }

    test("the test preset is far below, as its name says") {
        SecurityParameters.INSECURE_TEST.provableBits() shouldBeLessThan 20.0
    }

    test("bits grow with queries, proof of work and blowup, and stop at the challenge field") {
        var previous = 0.0
        for (q in 1..1000) {
            val bits = SecurityParameters(1, q, 0, 0, 0).provableBits()
            bits shouldBeGreaterThanOrEqual previous
            previous = bits
        }
        previous shouldBe SecurityParameters.CHALLENGE_FIELD_BITS.toDouble()
        for (pow in 0 until Transcript.MAX_BITS) {
            SecurityParameters(1, 100, pow + 1, 0, 0).provableBits() shouldBeGreaterThanOrEqual SecurityParameters(1, 100, pow, 0, 0).provableBits()
        }
        for (b in 1 until 8) {
            SecurityParameters(b + 1, 50, 10, 0, 0).provableBits() shouldBeGreaterThanOrEqual SecurityParameters(b, 50, 10, 0, 0).provableBits()
        }
        // 118 queries at blowup 4 with 20 bits, the architecture's alternative
        SecurityParameters(2, 118, 20, 0, 0).provableBits() shouldBeGreaterThanOrEqual 100.0
    }

    test("out-of-range parameters are refused with their name") {
        shouldThrow<IllegalArgumentException> { SecurityParameters(0, 10, 0, 0, 0) }.message shouldBe "logBlowup = 0 is outside [1, 8]"
        shouldThrow<IllegalArgumentException> { SecurityParameters(1, 0, 0, 0, 0) }
        shouldThrow<IllegalArgumentException> { SecurityParameters(1, 10, 28, 0, 0) }
        shouldThrow<IllegalArgumentException> { SecurityParameters(1, 10, 0, 0, 11) }
        shouldThrow<IllegalArgumentException> { SecurityParameters(1, 10, 0, 28, 0) }.message shouldBe
            "challengePowBits = 28 is outside [0, 27]"
    }
})
