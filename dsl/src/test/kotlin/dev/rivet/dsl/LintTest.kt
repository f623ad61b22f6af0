package dev.rivet.dsl

import dev.rivet.air.AirCodec
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

class LintTest : FunSpec({
    test("a column no constraint and no bus reads is a warning naming its declaration") {
        val chip = Chip("unused")
        val a = chip.column("a")
        val line = Throwable().stackTrace[0].lineNumber; chip.column("forgotten")
        val folded = chip.column("folded")
        chip.assertZero(a * a - a + folded * 0) // folding removes folded's only use
        chip.table().warnings() shouldBe listOf(
            "LintTest.kt:$line: column 'forgotten' is read by no constraint and no bus message, so the prover may put" +
                " anything in it",
            "LintTest.kt:${line + 1}: column 'folded' is read by no constraint and no bus message, so the prover may" +
                " put anything in it",
        )
    }

    test("next() on every row is a warning naming the constraint's line; under a transition or first-row guard it is not") {
        val chip = Chip("wraps")
        val a = chip.column("a")
        val sel = chip.column("sel")
        chip.assertBool(sel)
        val line = Throwable().stackTrace[0].lineNumber; chip.constraints { named("step") { a.next() eq a + 1 } }
        chip.on(sel) { a.next() eq a } // a selector column may be 1 on the last row
        chip.transition { on(sel) { a.next() eq a * 2 } }
        chip.firstRow { a.next() eq 1 }
        chip.table().warnings() shouldBe listOf(
            "LintTest.kt:$line: constraint 'step' reads next() on the last row too, where it wraps around to row 0;" +
                " write it under whenTransition() (Kotlin: transition { })",
            "LintTest.kt:${line + 1}: constraint reads next() on the last row too, where it wraps around to row 0;" +
                " write it under whenTransition() (Kotlin: transition { })",
        )
    }

    test("warnings are not part of the encoding: the decoded table has none and the same digest") {
        val chip = Chip("warned")
        chip.column("x")
        chip.assertZero(chip.column("y"))
        chip.table().warnings().size shouldBe 1
        val decoded = AirCodec.decode(chip.table().encode())
        decoded.warnings().shouldBeEmpty()
        decoded.digestHex() shouldBe chip.table().digestHex()
    }
})
