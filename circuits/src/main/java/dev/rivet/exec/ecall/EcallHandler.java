package dev.rivet.exec.ecall;

/**
 * The host side of one ECALL: what happens when the guest executes ECALL with this handler's
 * number in a7. The handler reads its arguments and writes its results through the context,
 * which checks every guest address and records every access when the execution is recorded.
 *
 * <p>A handler must be deterministic in the guest-visible state and input it reads: the proof of
 * an execution will hold the handler to the same answers.
 */
@FunctionalInterface
public interface EcallHandler {
  void handle(EcallContext context);
}
