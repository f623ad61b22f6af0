package dev.rivet.cli;

import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reading the files the commands are given, with one-line refusals that name the file and the problem. */
final class CliFiles {
  private CliFiles() {}

  /** Why a command cannot run, in one line for the user. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  /** The guest ELF at {@code elf}. */
  static Program load(Path elf) {
    try {
      return Program.load(elf);
    } catch (IOException e) {
      throw new Refusal(cannotRead(elf, e));
    }
  }

  /**
   * The bytes of a regular file of at most {@link Executor#MAX_INPUT_BYTES}. Anything else is
   * refused before it is opened: reading a FIFO or a device such as /dev/zero would wait or read
   * forever, and a file over 2 GiB would end in an {@link OutOfMemoryError}.
   */
  static byte[] readInput(Path file) {
    return read(file, Executor.MAX_INPUT_BYTES, "an input");
  }

  /** The bytes of a regular file of at most {@code limit} bytes, refused like {@link #readInput}'s. */
  static byte[] read(Path file, int limit, String what) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new FileSystemException(file.toString(), null,
            attributes.isDirectory() ? "is a directory, not a file" : "not a regular file");
      }
      if (attributes.size() > limit) {
        throw new Refusal(tooLarge(file, String.format("%,d bytes", attributes.size()), limit, what));
      }
      // At most one byte past the limit, not the whole file: the size may be out of date (a file
      // growing meanwhile) or wrong (/proc files report 0).
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(limit + 1);
      }
      if (bytes.length > limit) {
        throw new Refusal(tooLarge(file, String.format("%,d bytes or more", bytes.length), limit, what));
      }
      return bytes;
    } catch (IOException e) {
      throw new Refusal(cannotRead(file, e));
    }
  }

  private static String tooLarge(Path file, String size, int limit, String what) {
    return String.format("%s: %s; %s may have at most %,d bytes", file, size, what, limit);
  }

  /** One line naming the file and the problem; the JDK's own messages lack one or the other. */
  static String cannotRead(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + file;
    }
    if (e instanceof AccessDeniedException) {
      return file + ": permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return file + ": " + fs.getReason();
    }
    return file + ": cannot read: " + (e.getMessage() != null ? e.getMessage() : e);
  }

  /** Whether {@code bytes} read as text (printable ASCII, tabs and line breaks). */
  static boolean isPrintable(byte[] bytes) {
    for (byte b : bytes) {
      if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
