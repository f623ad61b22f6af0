package dev.rivet.exec;

import dev.rivet.isa.MemoryMap;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The initial contents of user memory: an immutable, sparse set of 4 KiB pages in ascending
 * address order. Pages that are entirely zero are left out, because untouched memory reads as
 * zero anyway; this makes the image (and the image ID computed from it) canonical.
 */
public final class MemoryImage {
  /** Page numbers ({@code address >>> 12}): non-negative, so signed order is address order. */
  private final int[] pageNumbers;
  private final int[][] words;

  private MemoryImage(int[] pageNumbers, int[][] words) {
    this.pageNumbers = pageNumbers;
    this.words = words;
  }

  /** The number of non-zero pages. */
  public int pageCount() {
    return pageNumbers.length;
  }

  /** The address of the {@code i}-th page (ascending, a multiple of 4096). */
  public int pageAddress(int i) {
    return pageNumbers[i] << MemoryMap.PAGE_SHIFT;
  }

  /** The word at {@code address} (word-aligned, user memory), 0 where the image has no data. */
  public int word(int address) {
    if ((address & 3) != 0 || !MemoryMap.isUser(address)) {
      throw new IllegalArgumentException(
          String.format("0x%08x is not a word address in user memory", address));
    }
    int i = Arrays.binarySearch(pageNumbers, address >>> MemoryMap.PAGE_SHIFT);
    return i < 0 ? 0 : words[i][(address >>> 2) & (MemoryMap.PAGE_WORDS - 1)];
  }

  /** The words of page {@code i}; the caller must not modify them. */
  int[] words(int i) {
    return words[i];
  }

  /** Collects bytes into pages; the order of writes does not matter unless they overlap. */
  public static final class Builder {
    private final TreeMap<Integer, int[]> pages = new TreeMap<>(Integer::compareUnsigned);

    /**
     * Places {@code length} bytes of {@code data} from {@code offset} at {@code address}.
     *
     * @throws IllegalArgumentException if the bytes do not fit in user memory
     */
    public Builder put(int address, byte[] data, int offset, int length) {
      if (!MemoryMap.isUser(address, length)) {
        throw new IllegalArgumentException(
            String.format("%d bytes at 0x%08x do not fit in user memory", length, address));
      }
      for (int i = 0; i < length; i++) {
        int a = address + i;
        int[] page =
            pages.computeIfAbsent(a & -MemoryMap.PAGE_BYTES, k -> new int[MemoryMap.PAGE_WORDS]);
        int shift = 8 * (a & 3);
        int w = (a >>> 2) & (MemoryMap.PAGE_WORDS - 1);
        page[w] = (page[w] & ~(0xff << shift)) | ((data[offset + i] & 0xff) << shift);
      }
      return this;
    }

    /** Places words (little-endian) from the word-aligned {@code address}. */
    public Builder putWords(int address, int... values) {
      byte[] bytes = new byte[4 * values.length];
      for (int i = 0; i < values.length; i++) {
        for (int b = 0; b < 4; b++) {
          bytes[4 * i + b] = (byte) (values[i] >>> (8 * b));
        }
      }
      return put(address, bytes, 0, bytes.length);
    }

    public MemoryImage build() {
      int[] numbers = new int[pages.size()];
      int[][] copies = new int[pages.size()][];
      int n = 0;
      for (var e : pages.entrySet()) {
        if (!isZero(e.getValue())) {
          numbers[n] = e.getKey() >>> MemoryMap.PAGE_SHIFT;
          copies[n] = Arrays.copyOf(e.getValue(), MemoryMap.PAGE_WORDS);
          n++;
        }
      }
      return new MemoryImage(Arrays.copyOf(numbers, n), Arrays.copyOf(copies, n));
    }

    private static boolean isZero(int[] page) {
      for (int w : page) {
        if (w != 0) {
          return false;
        }
      }
      return true;
    }
  }
}
