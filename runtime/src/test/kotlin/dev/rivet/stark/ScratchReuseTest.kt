package dev.rivet.stark

import dev.rivet.check.Checker
import dev.rivet.circuits.demo.SyntheticMachine
import dev.rivet.field.BabyBear
import dev.rivet.field.ScratchInts
import dev.rivet.stark.hash.Sha256Hash
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.ForkJoinPool

/** Fills the scratch pool of this thread with junk arrays of every power-of-two length up to 2^maxLog. */
private fun poisonThisThread(maxLog: Int) {
    for (log in 0..maxLog) {
        repeat(32) { ScratchInts.give(IntArray(1 shl log) { BabyBear.P - 1 - (it and 15) }) }
    }
}

/** Poisons the calling thread and every worker of the common pool (one task per worker, held at a barrier). */
private fun poisonEveryThread(maxLog: Int) {
    poisonThisThread(maxLog)
    val workers = ForkJoinPool.commonPool().parallelism
    val barrier = CyclicBarrier(workers)
    val tasks = List(workers) { ForkJoinPool.commonPool().submit { barrier.await(); poisonThisThread(maxLog) } }
    tasks.forEach { it.get() }
}

class ScratchReuseTest : FunSpec({
    test("the synthetic machine's buses balance, and it proves and verifies") {
        val machine = SyntheticMachine(12)
        machine.interactions() shouldBe 298
        val traces = machine.fill(3)
        Checker.check(traces).orThrow()
        val key = ProvingKey.setup(StarkConfig(SecurityParameters.INSECURE_TEST, Sha256Hash.INSTANCE),
            machine.chips().map { it.table() })
        Verifier.verify(key.verifyingKey(), publics(traces), Prover.prove(key, traces).toBytes(), ANY)
    }

    test("a proof made over pooled scratch arrays full of junk is byte for byte the proof made before") {
        val machine = SyntheticMachine(12)
        val traces = machine.fill(5)
        val key = ProvingKey.setup(StarkConfig(SecurityParameters.INSECURE_TEST, Sha256Hash.INSTANCE),
            machine.chips().map { it.table() })
        val first = Prover.prove(key, traces).toBytes()
        poisonEveryThread(14)
        val second = Prover.prove(key, traces).toBytes()
        (second contentEquals first) shouldBe true
        Verifier.verify(key.verifyingKey(), publics(traces), second, ANY)
    }
})
