package dev.rivet.exec

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.util.concurrent.CancellationException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicReference
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withTimeout

/** Interrupting the thread that runs a guest cancels the run at the next checkpoint. */
class CancellationTest : FunSpec({

    /** Runs fibonacci for far longer than the test waits, interrupts it, and returns what the run threw. */
    fun interruptedRun(recording: Boolean): Pair<Throwable?, Boolean> {
        val executor = Executor.of(Program.load(Guests.prebuilt("fibonacci")))
            .input(Guests.le32(2_000_000_000)).recording(recording)
        val thrown = AtomicReference<Throwable?>()
        val stillInterrupted = AtomicReference<Boolean>()
        val started = CountDownLatch(1)
        val runner = Thread {
            started.countDown()
            try {
                executor.run()
            } catch (t: Throwable) {
                thrown.set(t)
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted)
        }
        runner.start()
        started.await()
        Thread.sleep(100)
        runner.interrupt()
        // A liveness bound, not a speed assertion: uncancelled, this run would take minutes.
        runner.join(60_000)
        runner.isAlive shouldBe false
        return thrown.get() to stillInterrupted.get()
    }

    test("an interrupted run throws CancellationException naming the pc, and keeps the interrupt status") {
        for (recording in listOf(false, true)) {
            val (thrown, interrupted) = interruptedRun(recording)
            (thrown is CancellationException) shouldBe true
            thrown!!.message shouldContain "interrupted at pc 0x"
            interrupted shouldBe true
        }
    }

    test("the suspending API runs the same guest to the same result, and cancelling its coroutine stops the run") {
        val program = Program.load(Guests.prebuilt("fibonacci"))
        val java = Executor.of(program).input(Guests.le32(1000)).run()
        val kotlin = Executor.of(program).input(Guests.le32(1000)).execute()
        kotlin.cycles() shouldBe java.cycles()
        kotlin.journal() shouldBe java.journal()
        // Uncancelled, this run would take minutes; the timeout must end it long before the liveness bound.
        val started = System.nanoTime()
        shouldThrow<TimeoutCancellationException> {
            withTimeout(200) { Executor.of(program).input(Guests.le32(2_000_000_000)).execute() }
        }
        (System.nanoTime() - started < 60_000_000_000L) shouldBe true
    }

    test("a run that is not interrupted is unaffected by the checkpoints, which fall between its cycles") {
        // 2^22 cycles is one checkpoint interval; this run crosses many and must end normally.
        val result = Executor.of(Program.load(Guests.prebuilt("fibonacci"))).input(Guests.le32(6_000_000)).run()
        result.exitCode() shouldBe 0
        (result.cycles() > 10L * (1 shl 22)) shouldBe true
    }
})
