package dev.rivet.cli

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.io.File
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

class VerifyProofCommandTest : FunSpec({

    val dir = Files.createTempDirectory("rivet-demo")
    afterSpec { dir.toFile().deleteRecursively() }
    val demo = rivet("demo-tables", "--log-rows", "8", "--out", dir.toString())
    fun file(name: String) = dir.resolve(name).toString()
    fun verify(name: String, key: String = file("$name.key"), proof: String = file("$name.proof"),
        publics: String = file("$name.publics")) = rivet("verify-proof", "--key", key, "--proof", proof, "--publics", publics)
    fun variant(name: String, bytes: ByteArray): String = dir.resolve(name).also { Files.write(it, bytes) }.toString()

    test("demo-tables --out writes each proof's key, proof and public values, and verify-proof accepts them") {
        demo.status shouldBe 0
        for (name in listOf("fibonacci", "byte-addition")) {
            val r = verify(name)
            r.err shouldBe ""
            r.status shouldBe 0
            r.out shouldStartWith "verified: ${file("$name.proof")} (key "
        }
        Files.readString(dir.resolve("fibonacci.publics")) shouldContain "# fibonacci: x0 x1 result n\nfibonacci: 0 1 "
    }

    test("a wrong public value or a proof for another key: rejected with the cause, status 1") {
        val lie = Files.readString(dir.resolve("fibonacci.publics")).replace("fibonacci: 0 1 ", "fibonacci: 0 2 ")
        val wrong = verify("fibonacci", publics = variant("lie.publics", lie.toByteArray()))
        wrong.status shouldBe 1
        wrong.err shouldBe "rivet: proof rejected: wrong public values or messages: the proof was made for other public inputs than those given\n"
        val other = verify("fibonacci", key = file("byte-addition.key"), publics = file("byte-addition.publics"))
        other.status shouldBe 1
        other.err shouldStartWith "rivet: proof rejected: proof for another verifying key: the proof was made for key "
    }

    test("a key or proof file that is empty, truncated or of another version: one line, status 2") {
        val key = Files.readAllBytes(dir.resolve("fibonacci.key"))
        val proof = Files.readAllBytes(dir.resolve("fibonacci.proof"))
        fun v2(b: ByteArray) = b.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2) }
        fun v1(b: ByteArray) = b.copyOf().also { ByteBuffer.wrap(it).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1) }
        val cases = listOf(
            verify("fibonacci", key = variant("empty.key", ByteArray(0))) to "verifying key is empty",
            verify("fibonacci", key = variant("short.key", key.copyOf(100))) to "verifying key truncated at byte",
            verify("fibonacci", key = variant("v1.key", v1(key))) to
                "verifying key invalid at byte 8: unsupported verifying key version 1: this build reads only version 2",
            verify("fibonacci", proof = variant("empty.proof", ByteArray(0))) to "the proof is empty (0 bytes)",
            verify("fibonacci", proof = variant("short.proof", proof.copyOf(1000))) to
                "the proof is truncated: 1000 bytes of the ${proof.size} its header announces",
            verify("fibonacci", proof = variant("v2.proof", v2(proof))) to
                "unsupported proof format version 2: this build reads only version 5",
            verify("fibonacci", proof = file("missing.proof")) to "no such file: ${file("missing.proof")}",
        )
        for ((r, message) in cases) {
            r.status shouldBe 2
            r.err shouldContain message
            r.err.lines().filter { it.isNotEmpty() }.size shouldBe 1
            r.err shouldStartWith "rivet: error: "
        }
        val noPublics = rivet("verify-proof", "--key", file("fibonacci.key"), "--proof", file("fibonacci.proof"))
        noPublics.status shouldBe 2
        noPublics.err shouldBe "rivet: error: table 'fibonacci' takes public values (x0, x1, result, n): give them with --publics FILE\n"
    }

    test("a JVM with the dsl and runtime classes but no circuit class verifies the files (VerifyProofCommand's main)") {
        val entries = System.getProperty("java.class.path").split(File.pathSeparator)
        // the dsl module is its classes directory, or its jar once `mvn verify` has packaged it
        val classpath = entries.filter {
            it.endsWith("dsl/target/classes") || File(it).name.matches(Regex("rivet-dsl-[^-]+(-SNAPSHOT)?\\.jar")) ||
                it.endsWith("runtime/target/classes") || it.contains("picocli")
        }
        classpath.size shouldBe 3
        classpath.filter { it.contains("circuits") }.shouldBeEmpty()
        val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
        for (name in listOf("fibonacci", "byte-addition")) {
            val process = ProcessBuilder(java, "-cp", classpath.joinToString(File.pathSeparator), "dev.rivet.cli.VerifyProofCommand",
                "--key", file("$name.key"), "--proof", file("$name.proof"), "--publics", file("$name.publics"))
                .redirectErrorStream(true).start()
            val output = process.inputStream.readAllBytes().decodeToString()
            process.waitFor(60, TimeUnit.SECONDS) shouldBe true
            output shouldStartWith "verified: "
            process.exitValue() shouldBe 0
        }
    }
})
