package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import dev.rivet.isa.Format;
import dev.rivet.isa.Opcode;
import java.util.List;

/**
 * An instruction fetch, on the {@link #BUS fetch bus}: the instruction at {@code pc}, decoded.
 *
 * <p><b>Who sends and receives.</b> Every instruction chip sends one fetch per real row, with the pc it received on
 * the {@link StateMessage#BUS state bus}; its fields are the chip's columns or constants it knows from its family
 * (an R-format chip sends imm = 0). The {@link ProgramTable} receives each code word's message, preprocessed from
 * the program, with a multiplicity counting its fetches. The bus balances only if every executed instruction is
 * the program's word at its pc, decoded as {@link dev.rivet.isa.Decoder} decodes it, so the chips trust these
 * fields without range checks: they are fixed by the image ID.
 *
 * <p><b>Fields.</b>
 * <ul>
 *   <li>{@code pc}: the instruction's address, one field element below 2^30;</li>
 *   <li>{@code opcode}: the {@link Opcode} number;</li>
 *   <li>{@code rd}, {@code rs1}, {@code rs2}: register indices, 0 where the operation has no such field (as
 *       {@link dev.rivet.isa.Instruction} holds them);</li>
 *   <li>{@code imm_lo}, {@code imm_hi}: the immediate, in the form its consumers compute with (see
 *       {@link #immLo}): for the pc-relative formats B and J (branches, JAL) {@code imm_lo} is the signed offset as
 *       a field element and {@code imm_hi} is 0, because those chips add it to the pc in the field; for every other
 *       format they are the 16-bit halves of the 32-bit immediate, which the word arithmetic uses limb by limb.
 *       Either way the pair is injective for a given opcode.</li>
 *   <li>{@code writes_rd}: 1 if the operation writes rd and rd ≠ 0. A chip makes its rd access with this
 *       multiplicity, so no instruction can write x0.</li>
 * </ul>
 */
public record FetchMessage(Expr pc, Expr opcode, Expr rd, Expr rs1, Expr rs2, Expr immLo, Expr immHi,
    Expr writesRd) implements BusMessage {
  /** The instruction-fetch bus. */
  public static final Bus<FetchMessage> BUS =
      Bus.of("rv32_fetch", "pc", "opcode", "rd", "rs1", "rs2", "imm_lo", "imm_hi", "writes_rd");

  @Override
  public List<Expr> fields() {
    return List.of(pc, opcode, rd, rs1, rs2, immLo, immHi, writesRd);
  }

  /** The {@code imm_lo} field of an instruction with this opcode and immediate (a signed value for B and J). */
  public static long immLo(int opcode, int imm) {
    return pcRelative(opcode) ? imm : imm & 0xffff;
  }

  /** The {@code imm_hi} field of an instruction with this opcode and immediate. */
  public static long immHi(int opcode, int imm) {
    return pcRelative(opcode) ? 0 : imm >>> 16;
  }

  private static boolean pcRelative(int opcode) {
    Format f = Opcode.format(opcode);
    return f == Format.B || f == Format.J;
  }
}
