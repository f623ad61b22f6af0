package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Parallel;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.MemoryImage;
import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Opcode;
import java.util.Arrays;

/**
 * The last version of every word the memory argument knows, sorted by word index: what the
 * {@link MemoryBoundaryTable} receives. A word's final value is its value when the guest halted (the result's
 * memory and registers); its final timestamp is that of its last access, 0 for an image word the run never
 * touched.
 */
final class MemoryFinals {
  private final int[] words;
  private final int[] values;
  private final int[] timestamps;
  private final boolean[] zeroInit;
  private final int count;

  private MemoryFinals(int[] words, int[] values, int[] timestamps, boolean[] zeroInit, int count) {
    this.words = words;
    this.values = values;
    this.timestamps = timestamps;
    this.zeroInit = zeroInit;
    this.count = count;
  }

  Trace fill(MemoryBoundaryTable table) {
    return table.fill(words, values, timestamps, zeroInit, count);
  }

  static MemoryFinals of(ExecutionResult result, MemoryImage image) {
    ExecutionRecord record = result.record();
    DecodedRegisters registers = DecodedRegisters.lastAccesses(record);
    // Accesses of loads, stores and ECALLs, in execution order: sorting (word, row) keeps each word's last access
    // last in its group.
    int accesses = record.accessCount();
    long[] keys = new long[accesses];
    int n = 0;
    for (int a = 0; a < accesses; a++) {
      int address = record.accessAddress(a);
      if (isRegister(address)) {
        registers.seen(address, record.accessTimestamp(a));
      } else {
        keys[n++] = ((long) (address >>> 2) << 32) | a;
      }
    }
    keys = Arrays.copyOf(keys, n);
    Arrays.parallelSort(keys);
    int[] imageWords = ImageTable.nonZeroWords(image);
    int capacity = n + imageWords.length + 32;
    int[] words = new int[capacity];
    int[] values = new int[capacity];
    int[] timestamps = new int[capacity];
    boolean[] zeroInit = new boolean[capacity];
    int count = 0;
    int i = 0;
    int j = 0;
    while (i < n || j < imageWords.length) {
      int touched = i < n ? (int) (keys[i] >>> 32) : Integer.MAX_VALUE;
      int imaged = j < imageWords.length ? imageWords[j] >>> 2 : Integer.MAX_VALUE;
      int word = Math.min(touched, imaged);
      words[count] = word;
      if (touched == word) {
        while (i + 1 < n && (int) (keys[i + 1] >>> 32) == word) {
          i++;
        }
        int last = (int) keys[i];
        values[count] = record.accessValue(last);
        timestamps[count] = record.accessTimestamp(last);
        i++;
      } else {
        values[count] = image.word(word << 2);
      }
      zeroInit[count] = imaged != word;
      if (imaged == word) {
        j++;
      }
      count++;
    }
    for (int r = 0; r < 32; r++) {
      if (registers.accessed(r)) {
        words[count] = MemoryMap.registerAddress(r) >>> 2;
        values[count] = result.register(r);
        timestamps[count] = registers.lastTimestamp(r);
        zeroInit[count] = true;
        count++;
      }
    }
    return new MemoryFinals(words, values, timestamps, zeroInit, count);
  }

  private static boolean isRegister(int address) {
    return Integer.compareUnsigned(address - MemoryMap.REGISTER_BASE, 4 * 32) < 0;
  }

  /** The timestamp of each register's last access, from the cycle table (in parallel) and the ECALLs' accesses. */
  private static final class DecodedRegisters {
    private final int[] last = new int[32];

    static DecodedRegisters lastAccesses(ExecutionRecord record) {
      DecodedRegisters out = new DecodedRegisters();
      Object lock = new Object();
      Parallel.forEachRange(record.cycleCount(), (from, to) -> {
        int[] mine = new int[32];
        for (int c = from; c < to; c++) {
          int word = record.instruction(c);
          int op = dev.rivet.isa.Decoder.opcode(word);
          if (Opcode.readsRs1(op)) {
            mine[dev.rivet.isa.Decoder.rs1(word)] = ExecutionRecord.timestamp(c, 0);
          }
          if (Opcode.readsRs2(op)) {
            mine[dev.rivet.isa.Decoder.rs2(word)] = ExecutionRecord.timestamp(c, 1);
          }
          if (Opcode.writesRd(op) && dev.rivet.isa.Decoder.rd(word) != 0) {
            mine[dev.rivet.isa.Decoder.rd(word)] = ExecutionRecord.timestamp(c, 3);
          }
        }
        synchronized (lock) {
          for (int r = 0; r < 32; r++) {
            out.last[r] = Math.max(out.last[r], mine[r]);
          }
        }
      });
      return out;
    }

    void seen(int address, int timestamp) {
      int r = (address - MemoryMap.REGISTER_BASE) >>> 2;
      last[r] = Math.max(last[r], timestamp);
    }

    boolean accessed(int r) {
      return last[r] != 0;
    }

    int lastTimestamp(int r) {
      return last[r];
    }
  }
}
