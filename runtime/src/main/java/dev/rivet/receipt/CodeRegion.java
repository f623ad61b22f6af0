package dev.rivet.receipt;

import dev.rivet.isa.MemoryMap;

/**
 * The program's code region [start, end), which a receipt carries and its {@link ImageId} binds: the RV32IM store
 * chips prove that no store writes a word in it (the executor traps such a store, as code is read-only), and the
 * read table that no read's buffer overlaps it (the handler refuses one), against these bounds as public values.
 * Word-aligned, non-empty and inside user memory, as {@code Program} requires; that puts the word bounds in
 * [2^14, 3·2^28], which their comparison relies on, and makes the region exactly [4·start word, 4·end word).
 *
 * <p>{@link MemoryMap}'s bounds are compile-time constants, inlined here: verifying loads no circuit class.
 *
 * @param start the region's first byte
 * @param end the first byte past the region
 */
public record CodeRegion(int start, int end) {
  /**
   * @throws IllegalArgumentException naming the bounds if they are not word-aligned, the region is empty, or it is
   *     not in user memory
   */
  public CodeRegion {
    if ((start & 3) != 0 || (end & 3) != 0) {
      throw new IllegalArgumentException(String.format("code region [0x%08x, 0x%08x) is not word-aligned", start,
          end));
    }
    if (Integer.compareUnsigned(start, MemoryMap.USER_START) < 0 || Integer.compareUnsigned(start, end) >= 0
        || Integer.compareUnsigned(end, MemoryMap.USER_END) > 0) {
      throw new IllegalArgumentException(String.format("code region [0x%08x, 0x%08x) is empty or not in user memory",
          start, end));
    }
  }

  /** The index of the region's first word. */
  public int startWord() {
    return start >>> 2;
  }

  /** The index of the first word past the region. */
  public int endWord() {
    return end >>> 2;
  }
}
