package dev.rivet.exec;

import dev.rivet.exec.ecall.EcallContext;
import dev.rivet.exec.ecall.EcallRegistry;
import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Register;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.CancellationException;

/**
 * Runs ECALLs: looks the number in a7 up in the registry and hands the handler an {@link
 * EcallContext} that checks every guest address and records every access (but those of {@link
 * #peekBytes}). A handler that throws, an exception or an {@link Error} other than a {@link
 * VirtualMachineError}, ends the run with an {@link TrapCause#ECALL_FAILED} trap naming the
 * call; what it wrote before it threw stays written, but the run ends there, so no result shows
 * it.
 *
 * <p>The journal cursor ({@link MemoryMap#JOURNAL_CURSOR}) is the journal's length: the first
 * {@link #commit} of an ECALL records the cursor's read, and the ECALL's end records its write
 * (after the handler's own accesses); {@link #halt} records its read. The end-of-input word
 * ({@link MemoryMap#INPUT_EOF}) is recorded the same way by {@link #readInput}: its first call in
 * an ECALL records the word's read, and the ECALL's end its write (after the cursor's), 1 once a
 * read returned fewer bytes than asked for.
 */
final class EcallDispatcher implements EcallContext {

  /** The host's side of the machine: input, outputs and the ECALLs it offers. */
  record Host(byte[] input, OutputStream stdout, OutputStream stderr, EcallRegistry registry) {}

  private final Interpreter machine;
  private final Host host;
  private final Recorder recorder;
  private final ByteArrayOutputStream journal = new ByteArrayOutputStream();
  private int inputPosition;
  private EcallRegistry.Entry current;
  private int exitCode;
  /** Whether the ECALL being run has committed (even 0 bytes), and the cursor before it did. */
  private boolean committing;
  private int cursorBefore;
  /** Whether the ECALL being run has read input (even 0 bytes), and the end-of-input word before. */
  private boolean reading;
  private int eofBefore;
  /** The end-of-input word: 1 once a read of the input came back short. */
  private int inputEnded;

  EcallDispatcher(Interpreter machine, Host host, Recorder recorder) {
    this.machine = machine;
    this.host = host;
    this.recorder = recorder;
  }

  /** Executes the ECALL at the machine's pc. */
  void dispatch() {
    int number = machine.x[Register.A7];
    if (recorder != null) {
      recorder.beginEcall(number);
      recorder.ecallReadRegister(Register.A7, number);
    }
    committing = false;
    reading = false;
    current = host.registry().lookup(number);
    if (current == null) {
      throw machine.trap(TrapCause.UNKNOWN_ECALL, machine.pc, machine.cycle,
          String.format("a7 = %d (0x%x) is not a registered ECALL", number, number));
    }
    try {
      current.handler().handle(this);
    } catch (TrapException | CancellationException | VirtualMachineError e) {
      // Traps and cancellation are already how a run ends; running out of heap or stack is the
      // JVM's trouble, not the guest's or the handler's, and the caller must see it as such.
      throw e;
    } catch (Throwable e) {
      // Anything else (Kotlin handlers may throw checked exceptions too; an assertion or a
      // missing class is an Error) would escape the executor with no word of the guest; as a
      // trap it names the call, the pc and the cycle, and ends the run like any other trap.
      throw new TrapException(TrapCause.ECALL_FAILED, machine.pc, machine.cycle, String.format(
          "ECALL %d (0x%x, %s) threw %s", number, number, current.name(), e), e);
    }
    if (recorder != null) {
      if (committing) {
        recorder.ecallWriteWord(MemoryMap.JOURNAL_CURSOR, journal.size(), cursorBefore);
      }
      if (reading) {
        recorder.ecallWriteWord(MemoryMap.INPUT_EOF, inputEnded, eofBefore);
      }
      recorder.endEcall();
    }
  }

  int exitCode() {
    return exitCode;
  }

  byte[] journal() {
    return journal.toByteArray();
  }

  @Override
  public int register(int index) {
    checkRegister(index);
    int value = machine.x[index];
    if (recorder != null) {
      recorder.ecallReadRegister(index, value);
    }
    return value;
  }

  @Override
  public void setRegister(int index, int value) {
    checkRegister(index);
    if (index == 0) {
      return;
    }
    if (recorder != null) {
      recorder.ecallWriteRegister(index, value, machine.x[index]);
    }
    machine.x[index] = value;
  }

  @Override
  public int loadWord(int address) {
    if ((address & 3) != 0 || !MemoryMap.isUser(address)) {
      throw fault(String.format("word address 0x%08x is not aligned in user memory", address));
    }
    return readWord(address);
  }

  @Override
  public void storeWord(int address, int value) {
    if ((address & 3) != 0 || !machine.isWritable(address, 4)) {
      throw fault(String.format(
          "word address 0x%08x is not aligned in writable user memory", address));
    }
    writeWord(address, value);
  }

  @Override
  public byte[] readBytes(int address, int length) {
    return bytes(address, length, true);
  }

  @Override
  public byte[] peekBytes(int address, int length) {
    return bytes(address, length, false);
  }

  /** The bytes of a buffer in user memory, their words' reads recorded if {@code record}. */
  private byte[] bytes(int address, int length, boolean record) {
    if (length < 0 || !MemoryMap.isUser(address, length)) {
      throw fault(String.format("buffer of %s bytes at 0x%08x is not in user memory",
          Integer.toUnsignedString(length), address));
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; ) {
      int a = address + i;
      int word = record ? readWord(a & ~3) : peekWord(a & ~3);
      for (int lane = a & 3; lane < 4 && i < length; lane++, i++) {
        out[i] = (byte) (word >>> (8 * lane));
      }
    }
    return out;
  }

  @Override
  public void requireWritable(int address, int length) {
    if (length < 0 || !machine.isWritable(address, length)) {
      throw fault(String.format("buffer of %s bytes at 0x%08x is not in writable user memory",
          Integer.toUnsignedString(length), address));
    }
  }

  @Override
  public void writeBytes(int address, byte[] data, int offset, int length) {
    requireWritable(address, length);
    for (int i = 0; i < length; ) {
      int a = address + i;
      int wordAddress = a & ~3;
      int word = machine.memory.page(wordAddress)[(wordAddress >>> 2) & (MemoryMap.PAGE_WORDS - 1)];
      for (int lane = a & 3; lane < 4 && i < length; lane++, i++) {
        word = (word & ~(0xff << (8 * lane))) | ((data[offset + i] & 0xff) << (8 * lane));
      }
      writeWord(wordAddress, word);
    }
  }

  private int readWord(int address) {
    int value = peekWord(address);
    if (recorder != null) {
      recorder.ecallReadWord(address, value);
    }
    return value;
  }

  private int peekWord(int address) {
    int[] page = machine.memory.pages[address >>> MemoryMap.PAGE_SHIFT];
    return page == null ? 0 : page[(address >>> 2) & (MemoryMap.PAGE_WORDS - 1)];
  }

  private void writeWord(int address, int value) {
    int[] page = machine.memory.page(address);
    int i = (address >>> 2) & (MemoryMap.PAGE_WORDS - 1);
    if (recorder != null) {
      recorder.ecallWriteWord(address, value, page[i]);
    }
    page[i] = value;
  }

  @Override
  public int readInput(byte[] buffer, int offset, int length) {
    if (!reading) {
      reading = true;
      eofBefore = inputEnded;
      if (recorder != null) {
        recorder.ecallReadWord(MemoryMap.INPUT_EOF, eofBefore);
      }
    }
    int n = Math.min(length, host.input().length - inputPosition);
    if (n < length) {
      inputEnded = 1;
    }
    System.arraycopy(host.input(), inputPosition, buffer, offset, n);
    inputPosition += n;
    return n;
  }

  @Override
  public void commit(byte[] data, int offset, int length) {
    if (!committing) {
      committing = true;
      cursorBefore = journal.size();
      if (recorder != null) {
        recorder.ecallReadWord(MemoryMap.JOURNAL_CURSOR, cursorBefore);
      }
    }
    journal.write(data, offset, length);
  }

  @Override
  public OutputStream stdout() {
    return host.stdout();
  }

  @Override
  public OutputStream stderr() {
    return host.stderr();
  }

  @Override
  public void halt(int exitCode) {
    if (recorder != null) {
      // The halt circuit outputs the journal's length; within an ECALL that has committed, the
      // recorder keeps the first read of the cursor only, as for any word.
      recorder.ecallReadWord(MemoryMap.JOURNAL_CURSOR, journal.size());
    }
    this.exitCode = exitCode;
    machine.halted = true;
  }

  @Override
  public RuntimeException fault(String problem) {
    String name = current == null ? "ECALL" : "ECALL " + current.name();
    return machine.trap(TrapCause.ECALL_FAULT, machine.pc, machine.cycle, name + ": " + problem);
  }

  private void checkRegister(int index) {
    if (index < 0 || index >= Register.COUNT) {
      throw new IllegalArgumentException("not a register: x" + index);
    }
  }
}
