package dev.rivet.host

import dev.rivet.exec.Program
import dev.rivet.receipt.Receipt
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runInterruptible

/**
 * Proves this program's run on [input] into a [Receipt], suspending the caller meanwhile: [GuestProver.prove],
 * the same prover as from Java.
 *
 * ```kotlin
 * val receipt = Program.load(path).prove(input) { println("${it.phase} ${(it.fraction * 100).toInt()}%") }
 * ```
 *
 * Runs on [Dispatchers.Default]. [onProgress] hears each phase's end on the proving thread. Cancelling the
 * calling coroutine interrupts the proving thread: the executor or the prover stops at its next check and this
 * function throws [CancellationException] once nothing runs any more.
 *
 * @throws UnprovableRunException if the guest trapped, ran too long, or did something the machine cannot prove
 */
suspend fun Program.prove(
    input: ByteArray = ByteArray(0),
    options: ProverOptions = ProverOptions.DEFAULT,
    onProgress: (ProgressEvent) -> Unit = {},
): Receipt = runInterruptible(Dispatchers.Default) { GuestProver(options).prove(this, input, onProgress) }
