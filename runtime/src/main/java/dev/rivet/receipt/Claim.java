package dev.rivet.receipt;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a receipt asserts: the program (by {@link ImageId}) ran to a halt with this exit code and committed this
 * journal. The seal proves exactly this claim: the verifier turns it into public bus messages
 * ({@link ClaimMessages}), so a changed exit code or journal byte is another statement the seal does not prove.
 *
 * @param imageId the machine, program and entry point
 * @param exitCode the guest's exit code (a0 at the halt), as a signed int; 0 means success
 * @param journal the bytes the guest committed, in order (copied)
 */
public record Claim(ImageId imageId, int exitCode, byte[] journal) {
  public Claim {
    if (imageId == null || journal == null) {
      throw new IllegalArgumentException(imageId == null ? "a claim needs an image ID" : "a claim needs a journal");
    }
    journal = journal.clone();
  }

  @Override
  public byte[] journal() {
    return journal.clone();
  }

  /** The journal's length, without copying it. */
  public int journalLength() {
    return journal.length;
  }

  /** Byte i of the journal, without copying it. */
  public byte journalByte(int i) {
    return journal[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Claim c && imageId.equals(c.imageId) && exitCode == c.exitCode
        && Arrays.equals(journal, c.journal);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * imageId.hashCode() + exitCode) + Arrays.hashCode(journal);
  }

  @Override
  public String toString() {
    return "Claim(image " + imageId + ", exit " + exitCode + ", journal " + HexFormat.of().formatHex(journal) + ")";
  }
}
