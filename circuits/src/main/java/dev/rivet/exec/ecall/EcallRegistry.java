package dev.rivet.exec.ecall;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ECALLs a guest may use: number to name and handler. Immutable; {@link #with} returns a new
 * registry, so a registry can be shared between executions and threads.
 *
 * <p>This is how code outside the runtime adds an ECALL (an accelerator, a host service):
 *
 * <pre>{@code
 * EcallRegistry ecalls = EcallRegistry.standard()
 *     .with(0x1000, "xor_block", ctx -> { ... });
 * Executor.of(program).ecalls(ecalls).run();
 * }</pre>
 *
 * The handler gives the call its host-side meaning; its circuit is a separate matter.
 */
public final class EcallRegistry {
  /** A registered ECALL. */
  public record Entry(int number, String name, EcallHandler handler) {}

  private static final EcallRegistry STANDARD = new EcallRegistry(new TreeMap<>())
      .put(Ecalls.HALT, "halt", BuiltinEcalls::halt)
      .put(Ecalls.READ, "read", BuiltinEcalls::read)
      .put(Ecalls.WRITE, "write", BuiltinEcalls::write)
      .put(Ecalls.COMMIT, "commit", BuiltinEcalls::commit)
      .put(Ecalls.SHA256_COMPRESS, "sha256_compress", BuiltinEcalls::sha256Compress);

  private final TreeMap<Integer, Entry> entries;

  private EcallRegistry(TreeMap<Integer, Entry> entries) {
    this.entries = entries;
  }

  /** Rivet's built-in ECALLs, listed in {@link Ecalls}. */
  public static EcallRegistry standard() {
    return STANDARD;
  }

  /**
   * This registry plus one ECALL.
   *
   * @param number the value the guest puts in a7, at least {@link Ecalls#FIRST_EXTENSION}
   * @param name a short name for messages and docs, e.g. {@code "keccak_permute"}
   * @throws IllegalArgumentException if the number is reserved or taken
   */
  public EcallRegistry with(int number, String name, EcallHandler handler) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    if (Integer.compareUnsigned(number, Ecalls.FIRST_EXTENSION) < 0) {
      throw new IllegalArgumentException(String.format(
          "ECALL number 0x%x is reserved for Rivet's built-ins; use 0x%x or above",
          number, Ecalls.FIRST_EXTENSION));
    }
    Entry taken = entries.get(number);
    if (taken != null) {
      throw new IllegalArgumentException(String.format(
          "ECALL number 0x%x is already taken by '%s'", number, taken.name()));
    }
    return put(number, name, handler);
  }

  private EcallRegistry put(int number, String name, EcallHandler handler) {
    TreeMap<Integer, Entry> copy = new TreeMap<>(entries);
    copy.put(number, new Entry(number, name, handler));
    return new EcallRegistry(copy);
  }

  /** The entry for {@code number}, or null if no ECALL has that number. */
  public Entry lookup(int number) {
    return entries.get(number);
  }

  /** All entries by number. */
  public Map<Integer, Entry> entries() {
    return java.util.Collections.unmodifiableMap(entries);
  }
}
