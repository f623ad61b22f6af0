package dev.rivet.exec;

import dev.rivet.exec.elf.ElfImage;
import dev.rivet.exec.elf.ElfLoader;
import dev.rivet.isa.MemoryMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A guest program ready to run: the initial memory image, the code region and the entry point.
 *
 * <p>The code region is the read-only, executable part of memory: the executor fetches
 * instructions only from it and refuses stores into it, so the code a proof talks about is exactly
 * the code the image ID names (no self-modifying code).
 *
 * <h2>Image ID</h2>
 *
 * The {@link #digest()} is the SHA-256 digest of this canonical encoding (integers are unsigned
 * 32-bit little-endian):
 *
 * <pre>
 * | offset         | size | field                                                  |
 * |----------------|------|--------------------------------------------------------|
 * | 0              | 8    | ASCII "RVTIMG01" (format tag and version)              |
 * | 8              | 4    | entry pc                                               |
 * | 12             | 4    | code region start (inclusive)                          |
 * | 16             | 4    | code region end (exclusive)                            |
 * | 20             | 4    | n, the number of non-zero pages                        |
 * | 24 + 4100 * i  | 4    | address of page i (ascending, a multiple of 4096)      |
 * | 28 + 4100 * i  | 4096 | the page's 1024 words, each little-endian              |
 * </pre>
 *
 * Pages that are entirely zero are omitted, so the encoding does not depend on how the image was
 * assembled (e.g. an ELF's zero-filled .bss contributes nothing).
 */
public final class Program {
  private static final byte[] TAG = {'R', 'V', 'T', 'I', 'M', 'G', '0', '1'};

  private final MemoryImage image;
  private final int entry;
  private final int codeStart;
  private final int codeEnd;
  private ProgramDigest digest;

  private Program(MemoryImage image, int entry, int codeStart, int codeEnd) {
    this.image = image;
    this.entry = entry;
    this.codeStart = codeStart;
    this.codeEnd = codeEnd;
  }

  /**
   * A program from its parts.
   *
   * @param codeStart first byte of the code region, word-aligned, in user memory
   * @param codeEnd first byte past the code region, word-aligned, at most {@link MemoryMap#USER_END}
   * @param entry the first pc, word-aligned, inside the code region
   * @throws IllegalArgumentException if these conditions do not hold
   */
  public static Program of(MemoryImage image, int entry, int codeStart, int codeEnd) {
    if ((codeStart & 3) != 0 || (codeEnd & 3) != 0 || (entry & 3) != 0) {
      throw new IllegalArgumentException(String.format(
          "code region [0x%08x, 0x%08x) and entry 0x%08x must be word-aligned",
          codeStart, codeEnd, entry));
    }
    if (!MemoryMap.isUser(codeStart, Integer.toUnsignedLong(codeEnd) - Integer.toUnsignedLong(codeStart))
        || codeStart == codeEnd) {
      throw new IllegalArgumentException(String.format(
          "code region [0x%08x, 0x%08x) is empty or not in user memory", codeStart, codeEnd));
    }
    if (Integer.compareUnsigned(entry, codeStart) < 0 || Integer.compareUnsigned(entry, codeEnd) >= 0) {
      throw new IllegalArgumentException(String.format(
          "entry 0x%08x is outside the code region [0x%08x, 0x%08x)", entry, codeStart, codeEnd));
    }
    return new Program(image, entry, codeStart, codeEnd);
  }

  /**
   * Loads a 32-bit RISC-V ELF executable.
   *
   * @throws dev.rivet.exec.elf.ElfException if the file is not an executable Rivet can run
   * @throws IOException if the file cannot be read
   */
  public static Program load(Path elf) throws IOException {
    return of(ElfLoader.load(elf));
  }

  /** The program an ELF image describes: its segments in memory, its entry and code region. */
  public static Program of(ElfImage elf) {
    MemoryImage.Builder image = new MemoryImage.Builder();
    for (ElfImage.Segment s : elf.segments()) {
      image.put(s.address(), s.data(), 0, s.data().length);
    }
    return of(image.build(), elf.entry(), elf.codeStart(), elf.codeEnd());
  }

  public MemoryImage image() {
    return image;
  }

  public int entry() {
    return entry;
  }

  public int codeStart() {
    return codeStart;
  }

  public int codeEnd() {
    return codeEnd;
  }

  /** The SHA-256 digest of the canonical encoding described in the class comment. */
  public synchronized ProgramDigest digest() {
    if (digest == null) {
      digest = computeDigest();
    }
    return digest;
  }

  private ProgramDigest computeDigest() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.put(TAG).putInt(entry).putInt(codeStart).putInt(codeEnd).putInt(image.pageCount());
    sha.update(header.array());
    ByteBuffer page = ByteBuffer.allocate(4 + MemoryMap.PAGE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < image.pageCount(); i++) {
      page.clear();
      page.putInt(image.pageAddress(i));
      page.asIntBuffer().put(image.words(i));
      sha.update(page.array());
    }
    return new ProgramDigest(sha.digest());
  }

  @Override
  public String toString() {
    return String.format("Program[entry=0x%08x, code=[0x%08x, 0x%08x), %d pages]",
        entry, codeStart, codeEnd, image.pageCount());
  }
}
