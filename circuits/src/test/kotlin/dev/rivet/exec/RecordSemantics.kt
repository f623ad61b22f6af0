package dev.rivet.exec

import dev.rivet.isa.Decoder
import dev.rivet.isa.Opcode
import io.kotest.assertions.withClue
import io.kotest.matchers.shouldBe

/**
 * Checks that a record is an RV32IM execution, cycle by cycle: each instruction's recorded result
 * and next pc follow from its recorded operands, and each load or store from its word access.
 * The operands are not what the interpreter computed but what the recorder derived by replaying
 * the register file, while the results are the interpreter's; so a derived operand that differs
 * from the register the interpreter read shows up as a result that does not follow.
 * Returns the number of cycles checked.
 */
fun checkSemantics(record: ExecutionRecord): Int {
    var access = 0
    for (c in 0 until record.cycleCount()) {
        val insn = Decoder.decode(record.instruction(c))
        val op = insn.opcode()
        val pc = record.pc(c)
        val a = record.rs1Value(c)
        val b = record.rs2Value(c)
        val imm = insn.imm()
        // The accesses of this cycle: one for a load or a store, any number for an ECALL.
        val first = access
        while (access < record.accessCount() && record.accessCycle(access) == c) access++
        fun word(): Int {
            withClue({ "cycle $c ($insn) makes one word access" }) { access - first shouldBe 1 }
            record.accessAddress(first) shouldBe ((a + imm) and 3.inv())
            return record.accessValue(first)
        }
        val shift = ((a + imm) and 3) * 8
        var next = pc + 4
        val result: Int? = when (op) {
            Opcode.LUI -> imm
            Opcode.AUIPC -> pc + imm
            Opcode.JAL -> { next = pc + imm; pc + 4 }
            Opcode.JALR -> { next = (a + imm) and 1.inv(); pc + 4 }
            Opcode.BEQ -> { if (a == b) next = pc + imm; null }
            Opcode.BNE -> { if (a != b) next = pc + imm; null }
            Opcode.BLT -> { if (a < b) next = pc + imm; null }
            Opcode.BGE -> { if (a >= b) next = pc + imm; null }
            Opcode.BLTU -> { if (Integer.compareUnsigned(a, b) < 0) next = pc + imm; null }
            Opcode.BGEU -> { if (Integer.compareUnsigned(a, b) >= 0) next = pc + imm; null }
            Opcode.LB -> (word() ushr shift).toByte().toInt()
            Opcode.LH -> (word() ushr shift).toShort().toInt()
            Opcode.LW -> word()
            Opcode.LBU -> (word() ushr shift) and 0xff
            Opcode.LHU -> (word() ushr shift) and 0xffff
            Opcode.SB, Opcode.SH, Opcode.SW -> {
                val mask = when (op) { Opcode.SB -> 0xff; Opcode.SH -> 0xffff; else -> -1 } shl shift
                word() shouldBe ((record.accessPrevValue(first) and mask.inv()) or ((b shl shift) and mask))
                null
            }
            in IMMEDIATE_FORMS -> alu(IMMEDIATE_FORMS.getValue(op), a, imm)
            Opcode.ADD, Opcode.SUB, Opcode.SLL, Opcode.SLT, Opcode.SLTU, Opcode.XOR, Opcode.SRL, Opcode.SRA,
            Opcode.OR, Opcode.AND -> alu(op, a, b)
            Opcode.MUL -> a * b
            Opcode.MULH -> ((a.toLong() * b.toLong()) shr 32).toInt()
            Opcode.MULHSU -> ((a.toLong() * Integer.toUnsignedLong(b)) shr 32).toInt()
            Opcode.MULHU -> ((Integer.toUnsignedLong(a) * Integer.toUnsignedLong(b)) ushr 32).toInt()
            Opcode.DIV -> if (b == 0) -1 else if (a == Int.MIN_VALUE && b == -1) a else a / b
            Opcode.DIVU -> if (b == 0) -1 else Integer.divideUnsigned(a, b)
            Opcode.REM -> if (b == 0) a else if (a == Int.MIN_VALUE && b == -1) 0 else a % b
            Opcode.REMU -> if (b == 0) a else Integer.remainderUnsigned(a, b)
            Opcode.FENCE, Opcode.ECALL -> null
            else -> error("cycle $c: unexpected $insn")
        }
        withClue({ "cycle $c, pc 0x%08x: $insn with rs1 = 0x%08x, rs2 = 0x%08x".format(pc, a, b) }) {
            if (!Opcode.readsRs1(op)) a shouldBe 0
            if (!Opcode.readsRs2(op)) b shouldBe 0
            record.rdValue(c) shouldBe if (Opcode.writesRd(op) && insn.rd() != 0) result else 0
            if (c + 1 < record.cycleCount()) record.pc(c + 1) shouldBe next
        }
    }
    access shouldBe record.accessCount()
    return record.cycleCount()
}

/** The register-register operation each register-immediate one computes, with the immediate as rs2. */
private val IMMEDIATE_FORMS = mapOf(
    Opcode.ADDI to Opcode.ADD, Opcode.SLTI to Opcode.SLT, Opcode.SLTIU to Opcode.SLTU, Opcode.XORI to Opcode.XOR,
    Opcode.ORI to Opcode.OR, Opcode.ANDI to Opcode.AND, Opcode.SLLI to Opcode.SLL, Opcode.SRLI to Opcode.SRL,
    Opcode.SRAI to Opcode.SRA,
)

private fun alu(op: Int, a: Int, b: Int): Int = when (op) {
    Opcode.ADD -> a + b
    Opcode.SUB -> a - b
    Opcode.SLL -> a shl b
    Opcode.SLT -> if (a < b) 1 else 0
    Opcode.SLTU -> if (Integer.compareUnsigned(a, b) < 0) 1 else 0
    Opcode.XOR -> a xor b
    Opcode.SRL -> a ushr b
    Opcode.SRA -> a shr b
    Opcode.OR -> a or b
    Opcode.AND -> a and b
    else -> error("not an ALU operation: $op")
}
