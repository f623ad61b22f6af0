package dev.rivet.exec;

import dev.rivet.isa.MemoryMap;
import java.util.Arrays;

/**
 * The guest's user memory: a sparse page table of 4 KiB pages of 32-bit little-endian words.
 *
 * <p>Design: one reference per page of user memory (786,432 entries, 3 MiB of references) and an
 * {@code int[1024]} per page allocated on the first write; a page never written reads as zeros.
 * So the 3 GB user address space costs only the pages a guest touches. Words rather than bytes
 * because the machine's natural access is the aligned word, and because the memory argument
 * works on words: a byte or halfword store is a read-modify-write of its word.
 *
 * <p>The interpreter reads {@link #pages} directly in its hot loop after checking that the
 * address lies in user memory; every other caller goes through the checked methods here.
 */
public final class Memory {
  /** Indexed by {@code address >>> 12} for user addresses; null for a page never written. */
  final int[][] pages = new int[MemoryMap.USER_END >>> MemoryMap.PAGE_SHIFT][];

  Memory(MemoryImage image) {
    for (int i = 0; i < image.pageCount(); i++) {
      int[] words = image.words(i);
      pages[image.pageAddress(i) >>> MemoryMap.PAGE_SHIFT] = Arrays.copyOf(words, words.length);
    }
  }

  /**
   * The word at {@code address}.
   *
   * @throws IllegalArgumentException if the address is not word-aligned or not in user memory
   */
  public int loadWord(int address) {
    check(address);
    int[] page = pages[address >>> MemoryMap.PAGE_SHIFT];
    return page == null ? 0 : page[(address >>> 2) & (MemoryMap.PAGE_WORDS - 1)];
  }

  /** The byte at {@code address}, 0 to 255. */
  public int loadByte(int address) {
    int word = loadWord(address & ~3);
    return (word >>> (8 * (address & 3))) & 0xff;
  }

  /** The number of pages holding data (the image's pages plus those the guest wrote). */
  public int pagesTouched() {
    int n = 0;
    for (int[] page : pages) {
      if (page != null) {
        n++;
      }
    }
    return n;
  }

  void storeWord(int address, int value) {
    check(address);
    page(address)[(address >>> 2) & (MemoryMap.PAGE_WORDS - 1)] = value;
  }

  /** The page holding user address {@code address}, allocated if it was never written. */
  int[] page(int address) {
    int index = address >>> MemoryMap.PAGE_SHIFT;
    int[] page = pages[index];
    if (page == null) {
      page = new int[MemoryMap.PAGE_WORDS];
      pages[index] = page;
    }
    return page;
  }

  private static void check(int address) {
    if ((address & 3) != 0 || !MemoryMap.isUser(address)) {
      throw new IllegalArgumentException(
          String.format("0x%08x is not a word address in user memory", address));
    }
  }

  @Override
  public String toString() {
    return "Memory[" + pagesTouched() + " pages]";
  }
}
