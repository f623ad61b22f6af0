package dev.rivet.examples

import dev.rivet.exec.Program
import dev.rivet.host.GuestProver
import dev.rivet.stark.VerificationException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import java.nio.file.Path

/** Maven runs tests from the module directory. */
private val guests = Path.of("guests/prebuilt")

class HostsTest : FunSpec({
    test("the Java host proves F(n) with the Fibonacci guest and reads it from the verified receipt") {
        val receipt = JavaHost.prove(guests, 90).toBytes()
        val image = GuestProver().imageId(Program.load(guests.resolve("fibonacci.elf")))
        JavaHost.verifiedFibonacci(receipt, image) shouldBe 2880067194370816120L
        val sortImage = GuestProver().imageId(Program.load(guests.resolve("sort.elf")))
        shouldThrow<VerificationException> { JavaHost.verifiedFibonacci(receipt, sortImage) }
    }

    test("the Kotlin host proves the sort guest, suspending, and decodes its verified journal") {
        val phases = mutableListOf<String>()
        val summary = KotlinHost.sort(guests, 500) { phases += it }
        summary.n shouldBe 500
        (summary.min <= summary.median && summary.median <= summary.max) shouldBe true
        phases shouldContain "done"
    }
})
