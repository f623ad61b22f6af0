package dev.rivet.receipt;

import dev.rivet.stark.VerificationException;
import dev.rivet.stark.Verifier;
import dev.rivet.stark.VerifyingKey;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A claim and its proof, self-contained: a verifier needs these bytes and the {@link ImageId} it expects, nothing
 * else (no circuit class, no key file).
 *
 * <h2>Encoding</h2>
 * Ints are 4 bytes and longs 8, little-endian, as in a proof and a verifying key.
 * <pre>
 * | field          | encoding                                                                        |
 * |----------------|---------------------------------------------------------------------------------|
 * | magic, version | the 4 ASCII bytes "RVRC", int 2                                                 |
 * | image ID       | 32 bytes, the claim's                                                           |
 * | exit code      | int, the claim's                                                                |
 * | journal        | int byte length (0 or more), then the journal's bytes                           |
 * | entry pc       | int                                                                             |
 * | code region    | int start, int end: a {@link CodeRegion} (version 2; version 1 had none)        |
 * | cycles         | long, at least 0: metadata, the run's length as the prover reports it; no proof |
 * |                |   binds it, so nothing should be decided by it                                  |
 * | verifying key  | int byte length (at least 1), then {@link VerifyingKey#toBytes()}               |
 * | seal           | int byte length (at least 1), then the proof's bytes                            |
 * </pre>
 * Every field has one encoding, so {@link #fromBytes} accepting bytes means {@link #toBytes()} gives them back.
 * {@link #fromBytes} reads structure only; {@link #verify} decodes the key and the seal, each with its own
 * hostile-input checks.
 *
 * <h2>Verification</h2>
 * In this order, each failure a {@link VerificationException} with a one-line reason: decode the key; recompute the
 * image ID from the key, the entry pc and the code region and compare it with the expected one ("receipt is for
 * image X, expected Y"), then with the claim's; refuse a nonzero exit code unless
 * {@link VerifyOptions#allowNonzeroExit()}; then verify the seal against the statement (public values and bus
 * messages) the options' {@link ClaimMessages} layout makes of the claim.
 */
public final class Receipt {
  private static final byte[] MAGIC = "RVRC".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 2;

  private final Claim claim;
  private final byte[] verifyingKey;
  private final int entryPc;
  private final CodeRegion code;
  private final byte[] seal;
  private final long cycles;

  /**
   * @param verifyingKey the encoding of the key the seal was made under (copied)
   * @param seal the proof's bytes (copied)
   * @param cycles the run's cycle count, metadata no proof binds
   * @throws IllegalArgumentException if an argument is null or empty, or cycles is negative
   */
  public Receipt(Claim claim, byte[] verifyingKey, int entryPc, CodeRegion code, byte[] seal, long cycles) {
    if (claim == null || verifyingKey == null || code == null || seal == null) {
      throw new IllegalArgumentException("a receipt needs a claim, a verifying key, a code region and a seal");
    }
    if (verifyingKey.length == 0) {
      throw new IllegalArgumentException("a receipt's verifying key is empty");
    }
    if (seal.length == 0) {
      throw new IllegalArgumentException("a receipt's seal is empty");
    }
    if (cycles < 0) {
      throw new IllegalArgumentException("cycle count " + cycles + " is negative");
    }
    this.claim = claim;
    this.verifyingKey = verifyingKey.clone();
    this.entryPc = entryPc;
    this.code = code;
    this.seal = seal.clone();
    this.cycles = cycles;
  }

  /**
   * A receipt for a run proven under {@code vk}, its claim naming the image ID the key, entry pc and code region
   * give.
   */
  public static Receipt of(VerifyingKey vk, int entryPc, CodeRegion code, int exitCode, byte[] journal, byte[] seal,
      long cycles) {
    return new Receipt(new Claim(ImageId.of(vk, entryPc, code), exitCode, journal), vk.toBytes(), entryPc, code,
        seal, cycles);
  }

  public Claim claim() {
    return claim;
  }

  /** The verifying key's encoding; a fresh copy. */
  public byte[] verifyingKey() {
    return verifyingKey.clone();
  }

  public int entryPc() {
    return entryPc;
  }

  public CodeRegion codeRegion() {
    return code;
  }

  /** The proof's bytes; a fresh copy. */
  public byte[] seal() {
    return seal.clone();
  }

  /** The run's cycle count as the prover reported it; not proven. */
  public long cycles() {
    return cycles;
  }

  /** {@link #verify(ImageId, VerifyOptions)} with {@link VerifyOptions#DEFAULT}. */
  public void verify(ImageId expected) throws VerificationException {
    verify(expected, VerifyOptions.DEFAULT);
  }

  /**
   * Verifies this receipt as the class describes.
   *
   * @throws IllegalArgumentException if an argument is null: the caller's mistake, not the receipt's
   * @throws VerificationException naming the first check that failed
   */
  public void verify(ImageId expected, VerifyOptions options) throws VerificationException {
    if (expected == null || options == null) {
      throw new IllegalArgumentException(expected == null ? "no expected image ID given" : "no options given");
    }
    VerifyingKey vk;
    try {
      vk = VerifyingKey.fromBytes(verifyingKey);
    } catch (IllegalArgumentException e) {
      throw new VerificationException("receipt's " + e.getMessage());
    }
    ImageId actual = ImageId.of(vk, entryPc, code);
    if (!actual.equals(expected)) {
      throw new VerificationException("receipt is for image " + actual + ", expected " + expected);
    }
    if (!claim.imageId().equals(actual)) {
      throw new VerificationException("receipt's claim names image " + claim.imageId() + " but its key, entry pc and "
          + "code region are image " + actual);
    }
    if (claim.exitCode() != 0 && !options.allowNonzeroExit()) {
      throw new VerificationException("guest exited with code " + claim.exitCode() + "; nonzero exit codes are "
          + "refused unless allowed (VerifyOptions.allowingNonzeroExit())");
    }
    ClaimMessages layout = options.layout();
    Verifier.verify(vk, layout.publicValues(vk, claim, entryPc, code), layout.messages(claim, entryPc), seal,
        options.requiredBits());
  }

  /** The canonical encoding described on this class. */
  public byte[] toBytes() {
    byte[] journal = claim.journal();
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + ImageId.BYTES + 4 + 4 + journal.length + 4 + 8 + 8
        + 4 + verifyingKey.length + 4 + seal.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).put(claim.imageId().bytes()).putInt(claim.exitCode());
    b.putInt(journal.length).put(journal);
    b.putInt(entryPc).putInt(code.start()).putInt(code.end()).putLong(cycles);
    b.putInt(verifyingKey.length).put(verifyingKey);
    b.putInt(seal.length).put(seal);
    return b.array();
  }

  /**
   * Decodes a receipt, treating the bytes as hostile: every length is checked against the bytes that remain before
   * anything is allocated. The key and the seal are read as opaque bytes here; {@link #verify} decodes them.
   *
   * @throws IllegalArgumentException naming the field, the byte offset and the problem; decoding throws nothing
   *     else
   */
  public static Receipt fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("receipt is empty");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    String field = "magic";
    try {
      if (!Arrays.equals(take(in, MAGIC.length), MAGIC)) {
        throw error(in, 0, "not a Rivet receipt (bad magic)");
      }
      field = "version";
      int version = in.getInt();
      if (version != VERSION) {
        throw error(in, 4, "unsupported receipt version " + Integer.toUnsignedString(version)
            + ": this build reads only version " + VERSION);
      }
      field = "image ID";
      ImageId imageId = ImageId.fromBytes(take(in, ImageId.BYTES));
      field = "exit code";
      int exitCode = in.getInt();
      field = "journal";
      byte[] journal = blob(in, 0, field);
      field = "entry pc";
      int entryPc = in.getInt();
      field = "code region";
      int at = in.position();
      CodeRegion code;
      try {
        code = new CodeRegion(in.getInt(), in.getInt());
      } catch (IllegalArgumentException e) {
        throw error(in, at, e.getMessage());
      }
      field = "cycles";
      at = in.position();
      long cycles = in.getLong();
      if (cycles < 0) {
        throw error(in, at, "cycle count " + Long.toUnsignedString(cycles) + " is above 2^63 − 1");
      }
      field = "verifying key";
      byte[] key = blob(in, 1, field);
      field = "seal";
      byte[] seal = blob(in, 1, field);
      if (in.hasRemaining()) {
        throw error(in, in.position(), in.remaining() + " trailing bytes after the seal");
      }
      return new Receipt(new Claim(imageId, exitCode, journal), key, entryPc, code, seal, cycles);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("receipt truncated at byte " + in.position() + " of " + bytes.length
          + ": " + field + " is cut short");
    }
  }

  private static IllegalArgumentException error(ByteBuffer in, int at, String problem) {
    return new IllegalArgumentException("receipt invalid at byte " + at + ": " + problem);
  }

  /** A length (min or more) and that many bytes, which must be there before they are allocated. */
  private static byte[] blob(ByteBuffer in, int min, String field) {
    int at = in.position();
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("receipt truncated at byte " + at + ": " + field + " length "
          + Integer.toUnsignedString(n) + " exceeds the " + in.remaining() + " bytes left");
    }
    if (n < min) {
      throw error(in, at, field + " length " + n + " is below " + min);
    }
    return take(in, n);
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }
}
