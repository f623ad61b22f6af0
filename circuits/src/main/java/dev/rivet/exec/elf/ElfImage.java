package dev.rivet.exec.elf;

import java.util.List;

/**
 * What a checked ELF executable puts in memory: its loadable segments' bytes, the entry point and
 * the code region. The loader has already checked it against the memory map (segments in user
 * memory, not overlapping, code read-only and aligned, entry inside the code region), so turning
 * it into a runnable program cannot fail on the file's account.
 *
 * @param segments the PT_LOAD segments with file bytes, in ascending address order
 * @param entry the entry point
 * @param codeStart first byte of the code region, the span of the executable segments
 * @param codeEnd first byte past the code region, rounded up to a word
 */
public record ElfImage(List<Segment> segments, int entry, int codeStart, int codeEnd) {

  /**
   * One loadable segment's file bytes. The rest of its memory size is zeros, which memory holds
   * anyway, so it is not listed.
   *
   * @param address where the first byte goes
   * @param data the bytes, owned by this image: callers must not modify them
   */
  public record Segment(int address, byte[] data) {}

  /** An image whose segment list cannot change. */
  public ElfImage {
    segments = List.copyOf(segments);
  }
}
