package dev.rivet.examples;

import dev.rivet.exec.Program;
import dev.rivet.host.GuestProver;
import dev.rivet.receipt.ImageId;
import dev.rivet.receipt.Receipt;
import dev.rivet.stark.VerificationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A host written in Java: proves that the prebuilt Fibonacci guest computed F(n) for a private n, then, as a
 * verifier holding only the receipt's bytes and the guest's image ID would, checks the receipt and reads F(n) from
 * its journal. Run with {@code java ... dev.rivet.examples.JavaHost [n]} from the repository root.
 */
public final class JavaHost {
  private JavaHost() {}

  /** The receipt of the Fibonacci guest's run on {@code n}. */
  public static Receipt prove(Path guests, int n) throws IOException {
    Program program = Program.load(guests.resolve("fibonacci.elf"));
    byte[] input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
    return new GuestProver().prove(program, input);
  }

  /**
   * F(n) mod 2^64 from a receipt's bytes, after checking them against the guest's image ID.
   *
   * @throws VerificationException if the receipt is not a valid one of that image
   */
  public static long verifiedFibonacci(byte[] receipt, ImageId image) throws VerificationException {
    Receipt r = Receipt.fromBytes(receipt);
    r.verify(image);
    // journal: n (4 bytes) then F(n) (8 bytes), little-endian
    return ByteBuffer.wrap(r.claim().journal()).order(ByteOrder.LITTLE_ENDIAN).getLong(4);
  }

  public static void main(String[] args) throws IOException, VerificationException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 90;
    Path guests = Path.of("examples/guests/prebuilt");
    byte[] receipt = prove(guests, n).toBytes();
    ImageId image = new GuestProver().imageId(Program.load(guests.resolve("fibonacci.elf")));
    long f = verifiedFibonacci(receipt, image);
    System.out.println("verified receipt of image " + image + " (" + receipt.length + " bytes): F(" + n + ") = "
        + Long.toUnsignedString(f));
  }
}
