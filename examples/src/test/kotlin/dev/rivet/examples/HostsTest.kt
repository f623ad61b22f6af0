package dev.rivet.examples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.ByteArrayOutputStream
import java.nio.file.Path

/** Maven runs tests from the module directory. */
private val guests = Path.of("guests/prebuilt")

class HostsTest : FunSpec({
    test("the Java host reads F(n) from the Fibonacci guest's journal") {
        val console = ByteArrayOutputStream()
        JavaHost.fibonacci(guests, 90, console) shouldBe 2880067194370816120L
        console.toString() shouldContain "fib(90) mod 2^64 = 2880067194370816120"
    }

    test("the Kotlin host decodes the sort guest's journal") {
        val summary = KotlinHost.sort(guests, 1000)
        summary.n shouldBe 1000
        (summary.min <= summary.median && summary.median <= summary.max) shouldBe true
    }
})
