package dev.rivet.exec

import dev.rivet.exec.ecall.EcallRegistry
import dev.rivet.exec.ecall.Ecalls
import dev.rivet.isa.Opcode.*
import dev.rivet.isa.Register
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.security.MessageDigest

class EcallTest : FunSpec({

    fun call(asm: Asm, number: Int, vararg args: Int): Asm {
        args.forEachIndexed { i, v -> asm.li(10 + i, v) }
        return asm.li(17, number).ecall()
    }

    test("halt ends execution with a0 as the exit code") {
        val r = execute { li(10, -3); li(17, Ecalls.HALT); ecall(); li(10, 5) }
        r.exitCode() shouldBe -3
        r.cycles() shouldBe 5
    }

    test("read fills a buffer from the private input and returns the count; 0 at the end") {
        val asm = Asm()
        call(asm, Ecalls.READ, 0, Asm.DATA + 1, 5).addi(20, 10, 0)
        call(asm, Ecalls.READ, 0, Asm.DATA + 6, 100).addi(21, 10, 0)
        call(asm, Ecalls.READ, 0, Asm.DATA + 6, 100).addi(22, 10, 0)
        asm.li(10, 0).halt()
        val r = Executor.of(program(asm)).input("hello world".toByteArray()).run()
        r.register(20) shouldBe 5
        r.register(21) shouldBe 6
        r.register(22) shouldBe 0
        ByteArray(11) { r.memory().loadByte(Asm.DATA + 1 + it).toByte() }.decodeToString() shouldBe "hello world"
    }

    test("write goes to stdout and stderr; commit to the journal") {
        val data = "hi!\nerr".toByteArray() + ByteArray(1)
        val words = IntArray(2) { i -> (0 until 4).sumOf { b -> (data[4 * i + b].toInt() and 0xff) shl (8 * b) } }
        val asm = Asm()
        call(asm, Ecalls.WRITE, 1, Asm.DATA, 4)
        call(asm, Ecalls.WRITE, 2, Asm.DATA + 4, 3)
        call(asm, Ecalls.COMMIT, Asm.DATA + 1, 2)
        asm.li(10, 0).halt()
        val out = ByteArrayOutputStream()
        val err = ByteArrayOutputStream()
        val r = Executor.of(program(asm, words)).stdout(out).stderr(err).run()
        out.toString() shouldBe "hi!\n"
        err.toString() shouldBe "err"
        r.journal().decodeToString() shouldBe "i!"
    }

    test("sha256_compress matches the JDK's SHA-256 on a one-block message") {
        val iv = intArrayOf(0x6a09e667, 0xbb67ae85.toInt(), 0x3c6ef372, 0xa54ff53a.toInt(),
            0x510e527f, 0x9b05688c.toInt(), 0x1f83d9ab, 0x5be0cd19)
        val block = ByteArray(64).also { "abc".toByteArray().copyInto(it); it[3] = 0x80.toByte(); it[63] = 24 }
        val blockWords = IntArray(16) { i -> (0 until 4).sumOf { b -> (block[4 * i + b].toInt() and 0xff) shl (8 * b) } }
        val asm = Asm()
        call(asm, Ecalls.SHA256_COMPRESS, Asm.DATA, Asm.DATA + 32)
        asm.li(10, 0).halt()
        val r = Executor.of(program(asm, iv + IntArray(0) + blockWords)).run()
        val digest = ByteArray(32) { i -> (r.memory().loadWord(Asm.DATA + 4 * (i / 4)) ushr (8 * (3 - i % 4))).toByte() }
        digest shouldBe MessageDigest.getInstance("SHA-256").digest("abc".toByteArray())
    }

    test("code outside the runtime adds an ECALL through the registry") {
        val registry = EcallRegistry.standard().with(0x1000, "add3") { ctx ->
            ctx.setRegister(Register.A0, ctx.register(Register.A0) + ctx.register(Register.A1) + ctx.register(Register.A2))
        }
        val asm = call(Asm(), 0x1000, 1, 20, 300).halt()
        Executor.of(program(asm)).ecalls(registry).run().exitCode() shouldBe 321
        shouldThrow<IllegalArgumentException> { registry.with(0x1000, "again") {} }.message shouldContain "already taken by 'add3'"
        shouldThrow<IllegalArgumentException> { registry.with(64, "write2") {} }.message shouldContain "reserved"
    }

    test("a handler that throws ends the run with a trap naming the call and keeping the exception") {
        val registry = EcallRegistry.standard().with(0x1000, "divide") { ctx ->
            ctx.setRegister(Register.A0, ctx.register(Register.A0) / ctx.register(Register.A1))
        }
        val asm = call(Asm(), 0x1000, 7, 0).halt()
        for (recording in listOf(false, true)) {
            val trap = shouldThrow<TrapException> { Executor.of(program(asm)).ecalls(registry).recording(recording).run() }
            trap.trapCause() shouldBe TrapCause.ECALL_FAILED
            trap.message shouldBe "trap at pc 0x00010018 (cycle 6): ECALL handler failed: ECALL 4096 (0x1000, divide)" +
                " threw java.lang.ArithmeticException: / by zero"
            trap.cause.shouldBeInstanceOf<ArithmeticException>()
        }
    }

    test("a handler that throws an Error traps too, but the JVM's own trouble (out of stack or heap) propagates") {
        val asm = call(Asm(), 0x1000).halt()
        for (recording in listOf(false, true)) {
            val failing = EcallRegistry.standard().with(0x1000, "assert") { throw AssertionError("invariant broken") }
            val trap = shouldThrow<TrapException> { Executor.of(program(asm)).ecalls(failing).recording(recording).run() }
            trap.trapCause() shouldBe TrapCause.ECALL_FAILED
            trap.message shouldContain "ECALL 4096 (0x1000, assert) threw java.lang.AssertionError: invariant broken"
            trap.cause.shouldBeInstanceOf<AssertionError>()
            val overflowing = EcallRegistry.standard().with(0x1000, "deep") { throw StackOverflowError("deep") }
            shouldThrow<StackOverflowError> { Executor.of(program(asm)).ecalls(overflowing).recording(recording).run() }
        }
    }

})
