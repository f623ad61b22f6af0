package dev.rivet.exec

import dev.rivet.exec.Guests.le32
import dev.rivet.exec.Guests.le64
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.security.MessageDigest
import kotlin.random.Random

/** The committed prebuilt guests run with the expected output, journal and exit code. */
class GuestTest : FunSpec({

    fun fib(n: Int): Long { var a = 0L; var b = 1L; repeat(n) { val t = a + b; a = b; b = t }; return a }

    test("fibonacci") {
        val r = Guests.run("fibonacci")
        r.stdout shouldBe "fib(90) mod 2^64 = 2880067194370816120\n"
        r.result.journal() shouldBe le32(90) + le64(fib(90))
        r.result.exitCode() shouldBe 0
        Guests.run("fibonacci", le32(1000)).result.journal() shouldBe le32(1000) + le64(fib(1000))
    }

    test("sha256, software and accelerated, at padding edge lengths") {
        for (length in listOf(0, 3, 55, 56, 63, 64, 65, 119, 120, 1000, 10_000)) {
            val input = Random(length).nextBytes(length)
            val digest = MessageDigest.getInstance("SHA-256").digest(input)
            val r = Guests.run("sha256", input)
            r.result.exitCode() shouldBe 0
            r.result.journal() shouldBe digest
            r.stdout shouldBe "sha256 of $length bytes: ${digest.joinToString("") { "%02x".format(it) }}\n"
        }
    }

    test("sort") {
        for (n in listOf(1, 2, 10_000)) {
            var x = 1
            val values = IntArray(n) { x = x xor (x shl 13); x = x xor (x ushr 17); x = x xor (x shl 5); x }
            val sorted = values.map { it.toUInt() }.sorted().map { it.toInt() }
            val checksum = sorted.foldIndexed(0) { i, acc, v -> acc + i * v }
            val r = Guests.run("sort", if (n == 10_000) ByteArray(0) else le32(n))
            r.result.exitCode() shouldBe 0
            r.result.journal() shouldBe le32(n, sorted[0], sorted[n / 2], sorted[n - 1], checksum)
        }
        Guests.run("sort", le32(0)).let { it.result.exitCode() shouldBe 2; it.stderr shouldBe "nothing to sort\n" }
    }

    test("sieve") {
        Guests.run("sieve").let {
            it.stdout shouldBe "78498 primes below 1000000, the largest 999983\n"
            it.result.journal() shouldBe le32(1_000_000, 78498, 999983)
        }
        Guests.run("sieve", le32(100)).result.journal() shouldBe le32(100, 25, 97)
    }

    test("hello: malloc and printf") {
        Guests.run("hello").let {
            it.stdout shouldBe "5 words, 20 letters, reversed:\n  5: guest\n  4: rivet\n  3: a\n  2: from\n  1: hello\n"
            it.result.journal() shouldBe le32(5, 20)
        }
        Guests.run("hello", " one  two\tthree\n".toByteArray()).result.journal() shouldBe le32(3, 11)
    }
})
