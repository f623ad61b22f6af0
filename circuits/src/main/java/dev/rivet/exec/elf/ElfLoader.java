package dev.rivet.exec.elf;

import dev.rivet.isa.MemoryMap;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a statically linked 32-bit little-endian RISC-V ELF executable into an {@link ElfImage}
 * ({@code dev.rivet.exec.Program.load} makes a runnable program of it). The loader knows the
 * machine's memory map but not the executor, so it can be used, and tested, on its own.
 *
 * <p>Only the ELF header and the PT_LOAD program headers matter: each loadable segment's file
 * bytes go to its virtual address and the rest of its memory size is zero (which the sparse
 * memory gives for free). Section headers, symbols and notes are ignored. The code region is the
 * span of the executable (PF_X) segments.
 *
 * <p>The file is hostile until proven otherwise. All offset and size arithmetic is done in
 * {@code long} on unsigned values, every read is bounds-checked against the file, and segment
 * sizes are checked against the memory map before any memory is touched, so a malformed file
 * ends in an {@link ElfException} naming the offset at fault, never in an arbitrary exception,
 * a hang or an out-of-memory error. Refused: another class, byte order, machine or type;
 * compressed-instruction, floating-point-ABI or RV32E objects; dynamic linking; segments outside
 * user memory, overlapping each other, or writable inside the code region; misaligned code or
 * entry point; truncated files; files or header tables of absurd size.
 */
public final class ElfLoader {
  /** Larger files are refused before reading: guests are small, and memory is not free. */
  public static final long MAX_FILE_BYTES = 256L << 20;

  private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
  private static final int EHDR_SIZE = 52;
  private static final int PHDR_SIZE = 32;
  private static final int MAX_PROGRAM_HEADERS = 64;
  private static final int EM_RISCV = 243;
  private static final int ET_EXEC = 2;
  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final int PT_INTERP = 3;
  private static final int PF_X = 1;
  private static final int PF_W = 2;
  private static final int EF_RISCV_RVC = 0x1;
  private static final int EF_RISCV_FLOAT_ABI = 0x6;
  private static final int EF_RISCV_RVE = 0x8;

  private final String file;
  private final byte[] bytes;

  private ElfLoader(String file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /**
   * Loads the executable at {@code path}.
   *
   * @throws ElfException if the file is not an executable Rivet can run
   * @throws IOException if the file cannot be read, or is not a regular file (a directory, a FIFO
   *     or a device such as /dev/zero, which would block or never end)
   */
  public static ElfImage load(Path path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new FileSystemException(path.toString(), null,
          attributes.isDirectory() ? "is a directory, not a file" : "not a regular file");
    }
    long size = attributes.size();
    if (size > MAX_FILE_BYTES) {
      throw new ElfException(path.toString(), 0,
          "file is " + size + " bytes, more than the " + MAX_FILE_BYTES + " a guest may have");
    }
    return load(path.toString(), Files.readAllBytes(path));
  }

  /**
   * Loads an executable from its bytes; {@code file} names it in error messages.
   *
   * @throws ElfException if the bytes are not an executable Rivet can run
   */
  public static ElfImage load(String file, byte[] bytes) {
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ElfException(file, 0,
          "file is " + bytes.length + " bytes, more than the " + MAX_FILE_BYTES + " a guest may have");
    }
    return new ElfLoader(file, bytes).load();
  }

  private record Segment(int index, long headerOffset, long offset, long vaddr, long fileSize,
      long memSize, int flags) {
    long end() {
      return vaddr + memSize;
    }
  }

  private ElfImage load() {
    checkHeader();
    long entry = u32(24);
    long phoff = u32(28);
    int phentsize = u16(42);
    int phnum = u16(44);
    if (phnum == 0) {
      throw fail(44, "no program headers: nothing to load");
    }
    if (phnum > MAX_PROGRAM_HEADERS) {
      throw fail(44, "e_phnum is " + phnum + ", more than the " + MAX_PROGRAM_HEADERS + " allowed");
    }
    if (phentsize != PHDR_SIZE) {
      throw fail(42, "e_phentsize is " + phentsize + ", expected " + PHDR_SIZE);
    }
    if (phoff + (long) phnum * PHDR_SIZE > bytes.length) {
      throw fail(28, String.format("truncated: program header table [0x%x, 0x%x) ends past the"
          + " end of the file (%d bytes)", phoff, phoff + (long) phnum * PHDR_SIZE, bytes.length));
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      long h = phoff + (long) i * PHDR_SIZE;
      long type = u32(h);
      if (type == PT_DYNAMIC || type == PT_INTERP) {
        throw fail(h, "program header " + i + " asks for dynamic linking; link the guest statically");
      }
      if (type != PT_LOAD) {
        continue;
      }
      Segment s = new Segment(i, h, u32(h + 4), u32(h + 8), u32(h + 16), u32(h + 20),
          (int) u32(h + 24));
      checkSegment(s);
      if (s.memSize() > 0) {
        segments.add(s);
      }
    }
    segments.sort(Comparator.comparingLong(Segment::vaddr));
    for (int i = 1; i < segments.size(); i++) {
      Segment a = segments.get(i - 1);
      Segment b = segments.get(i);
      if (b.vaddr() < a.end()) {
        throw fail(b.headerOffset(), String.format(
            "segment %d [0x%08x, 0x%08x) overlaps segment %d [0x%08x, 0x%08x)",
            b.index(), b.vaddr(), b.end(), a.index(), a.vaddr(), a.end()));
      }
    }
    long codeStart = Long.MAX_VALUE;
    long codeEnd = 0;
    for (Segment s : segments) {
      if ((s.flags() & PF_X) != 0) {
        codeStart = Math.min(codeStart, s.vaddr());
        codeEnd = Math.max(codeEnd, s.end());
      }
    }
    if (codeEnd == 0) {
      throw fail(phoff, "no executable (PF_X) PT_LOAD segment");
    }
    codeEnd = (codeEnd + 3) & ~3L;
    for (Segment s : segments) {
      if ((s.flags() & PF_W) != 0 && s.vaddr() < codeEnd && s.end() > codeStart) {
        throw fail(s.headerOffset(), String.format(
            "writable segment %d [0x%08x, 0x%08x) lies in the code region [0x%08x, 0x%08x);"
                + " code must be read-only", s.index(), s.vaddr(), s.end(), codeStart, codeEnd));
      }
    }
    if ((entry & 3) != 0) {
      throw fail(24, String.format("entry point 0x%08x is not 4-byte aligned", entry));
    }
    if (entry < codeStart || entry >= codeEnd) {
      throw fail(24, String.format("entry point 0x%08x is outside the executable segments"
          + " [0x%08x, 0x%08x)", entry, codeStart, codeEnd));
    }
    List<ElfImage.Segment> loaded = new ArrayList<>();
    for (Segment s : segments) {
      if (s.fileSize() > 0) {
        loaded.add(new ElfImage.Segment((int) s.vaddr(),
            Arrays.copyOfRange(bytes, (int) s.offset(), (int) (s.offset() + s.fileSize()))));
      }
    }
    return new ElfImage(loaded, (int) entry, (int) codeStart, (int) codeEnd);
  }

  private void checkHeader() {
    if (bytes.length == 0) {
      throw fail(0, "empty file (0 bytes); an ELF executable starts with a " + EHDR_SIZE
          + "-byte header");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (i == bytes.length) {
        throw fail(i, "truncated: the file ends inside the ELF magic");
      }
      if (bytes[i] != MAGIC[i]) {
        throw fail(0, "not an ELF file (no \\x7fELF magic)");
      }
    }
    if (bytes.length < EHDR_SIZE) {
      throw fail(bytes.length, "truncated: the ELF header needs " + EHDR_SIZE + " bytes, the file"
          + " has " + bytes.length);
    }
    if (bytes[4] != 1) {
      throw fail(4, "EI_CLASS is " + bytes[4] + (bytes[4] == 2 ? " (64-bit)" : "")
          + ", expected 1 (32-bit)");
    }
    if (bytes[5] != 1) {
      throw fail(5, "EI_DATA is " + bytes[5] + (bytes[5] == 2 ? " (big-endian)" : "")
          + ", expected 1 (little-endian)");
    }
    if (bytes[6] != 1) {
      throw fail(6, "EI_VERSION is " + bytes[6] + ", expected 1");
    }
    int type = u16(16);
    if (type != ET_EXEC) {
      throw fail(16, "e_type is " + type + (type == 3 ? " (shared object or PIE)" : "")
          + (type == 1 ? " (relocatable object)" : "") + ", expected 2 (executable)");
    }
    int machine = u16(18);
    if (machine != EM_RISCV) {
      throw fail(18, "e_machine is " + machine + (machine == 62 ? " (x86-64)" : "")
          + ", expected " + EM_RISCV + " (RISC-V)");
    }
    long flags = u32(36);
    if ((flags & EF_RISCV_RVC) != 0) {
      throw fail(36, "e_flags say compressed instructions (RVC); build with -march=rv32im");
    }
    if ((flags & EF_RISCV_FLOAT_ABI) != 0) {
      throw fail(36, "e_flags say a hardware floating-point ABI; build with -mabi=ilp32");
    }
    if ((flags & EF_RISCV_RVE) != 0) {
      throw fail(36, "e_flags say RV32E; Rivet runs RV32IM");
    }
  }

  private void checkSegment(Segment s) {
    long h = s.headerOffset();
    String name = "segment " + s.index();
    if (s.fileSize() > s.memSize()) {
      throw fail(h + 16, String.format("%s has p_filesz 0x%x larger than p_memsz 0x%x",
          name, s.fileSize(), s.memSize()));
    }
    if (s.offset() + s.fileSize() > bytes.length) {
      throw fail(h + 4, String.format("truncated: %s's data [0x%x, 0x%x) ends past the end of"
          + " the file (%d bytes)", name, s.offset(), s.offset() + s.fileSize(), bytes.length));
    }
    if (s.memSize() == 0) {
      return;
    }
    long userStart = Integer.toUnsignedLong(MemoryMap.USER_START);
    long userEnd = Integer.toUnsignedLong(MemoryMap.USER_END);
    if (s.vaddr() < userStart) {
      throw fail(h + 8, String.format("%s [0x%08x, 0x%x) lies in the invalid page below 0x%08x",
          name, s.vaddr(), s.end(), userStart));
    }
    if (s.end() > userEnd) {
      String where = s.vaddr() >= userEnd ? "lies in kernel memory" : "runs past user memory";
      throw fail(h + 8, String.format("%s [0x%08x, 0x%x) %s (user memory ends at 0x%08x)",
          name, s.vaddr(), s.end(), where, userEnd));
    }
    if ((s.flags() & PF_X) != 0 && (s.vaddr() & 3) != 0) {
      throw fail(h + 8, String.format("executable %s starts at 0x%08x, not 4-byte aligned",
          name, s.vaddr()));
    }
  }

  private ElfException fail(long offset, String problem) {
    return new ElfException(file, offset, problem);
  }

  private int u16(long offset) {
    int o = (int) offset;
    return (bytes[o] & 0xff) | (bytes[o + 1] & 0xff) << 8;
  }

  private long u32(long offset) {
    int o = (int) offset;
    return (bytes[o] & 0xffL) | (bytes[o + 1] & 0xffL) << 8 | (bytes[o + 2] & 0xffL) << 16
        | (bytes[o + 3] & 0xffL) << 24;
  }
}
