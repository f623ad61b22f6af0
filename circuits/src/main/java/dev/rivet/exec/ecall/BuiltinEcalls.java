package dev.rivet.exec.ecall;

import static dev.rivet.isa.Register.A0;
import static dev.rivet.isa.Register.A1;
import static dev.rivet.isa.Register.A2;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The host side of Rivet's built-in ECALLs; their contracts are in {@link Ecalls}. */
final class BuiltinEcalls {
  /** Bytes moved per host call, so a huge length never becomes one huge host buffer. */
  private static final int CHUNK = 64 * 1024;

  private static final byte[] NOTHING = new byte[0];

  private BuiltinEcalls() {}

  static void halt(EcallContext c) {
    c.halt(c.register(A0));
  }

  static void read(EcallContext c) {
    int fd = c.register(A0);
    int buf = c.register(A1);
    int len = c.register(A2);
    if (fd != 0) {
      throw c.fault("read from file descriptor " + fd + "; only 0 (the private input) exists");
    }
    c.requireWritable(buf, len);
    byte[] chunk = new byte[Math.min(len, CHUNK)];
    int total = 0;
    // At least one readInput, also for len = 0: the record's read of the end-of-input word, which
    // the read circuit expects of every call, is readInput's.
    do {
      int n = c.readInput(chunk, 0, Math.min(chunk.length, len - total));
      if (n == 0) {
        break;
      }
      c.writeBytes(buf + total, chunk, 0, n);
      total += n;
    } while (total < len);
    c.setRegister(A0, total);
  }

  static void write(EcallContext c) {
    int fd = c.register(A0);
    int buf = c.register(A1);
    int len = c.register(A2);
    OutputStream out;
    if (fd == 1) {
      out = c.stdout();
    } else if (fd == 2) {
      out = c.stderr();
    } else {
      throw c.fault("write to file descriptor " + fd + "; only 1 (stdout) and 2 (stderr) exist");
    }
    checkLength(c, len);
    try {
      for (int done = 0; done < len; ) {
        int n = Math.min(CHUNK, len - done);
        // Peeked, not read: the host's output is not proved, so its reads would be dead weight
        // in the memory argument.
        out.write(c.peekBytes(buf + done, n));
        done += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("guest output could not be written", e);
    }
    c.setRegister(A0, len);
  }

  static void commit(EcallContext c) {
    int buf = c.register(A0);
    int len = c.register(A1);
    checkLength(c, len);
    // An empty commit first, so that the journal cursor's read precedes the buffer's in the
    // record whatever the length, and even a commit of nothing accesses the cursor, as the
    // commit circuit always does.
    c.commit(NOTHING, 0, 0);
    for (int done = 0; done < len; ) {
      int n = Math.min(CHUNK, len - done);
      c.commit(c.readBytes(buf + done, n), 0, n);
      done += n;
    }
    c.setRegister(A0, 0);
  }

  static void sha256Compress(EcallContext c) {
    int statePtr = c.register(A0);
    int blockPtr = c.register(A1);
    if ((statePtr & 3) != 0 || (blockPtr & 3) != 0) {
      throw c.fault(String.format("state 0x%08x and block 0x%08x must be word-aligned",
          statePtr, blockPtr));
    }
    int[] state = new int[8];
    for (int i = 0; i < 8; i++) {
      state[i] = c.loadWord(statePtr + 4 * i);
    }
    byte[] block = c.readBytes(blockPtr, 64);
    Sha256.compress(state, block);
    for (int i = 0; i < 8; i++) {
      c.storeWord(statePtr + 4 * i, state[i]);
    }
    c.setRegister(A0, 0);
  }

  private static void checkLength(EcallContext c, int len) {
    if (len < 0) {
      throw c.fault("length " + Integer.toUnsignedString(len) + " is larger than user memory");
    }
  }
}
