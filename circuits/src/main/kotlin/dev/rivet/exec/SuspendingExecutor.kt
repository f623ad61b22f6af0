package dev.rivet.exec

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runInterruptible

/**
 * Runs the program until it halts, suspending the caller meanwhile: [Executor.run], the same interpreter as
 * the Java API, on [Dispatchers.Default] (a guest run is CPU-bound and may take seconds).
 *
 * Cancelling the calling coroutine interrupts the interpreter's thread through [runInterruptible]; the
 * interpreter notices within 2^22 instructions (a few tens of milliseconds) and this function then throws
 * [CancellationException]. It returns or throws only once the interpreter has stopped, and a recorded run's
 * background thread stops with it.
 *
 * @throws TrapException if the guest traps (including reaching the cycle limit)
 */
suspend fun Executor.execute(): ExecutionResult = runInterruptible(Dispatchers.Default) { run() }
