package dev.rivet.exec

import dev.rivet.isa.Opcode.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class InstructionTest : FunSpec({

    /** Runs `op x3, x1, x2` with x1 = a, x2 = b and returns x3. */
    fun alu(op: Int, a: Int, b: Int): Int = execute { li(1, a); li(2, b); reg(op, 3, 1, 2) }.register(3)

    fun aluImm(op: Int, a: Int, imm: Int): Int = execute { li(1, a); imm(op, 3, 1, imm) }.register(3)

    test("writes to x0 are ignored, for ALU ops, LUI, loads and JAL") {
        val r = execute(data = intArrayOf(0x12345678)) {
            li(1, 5)
            addi(0, 1, 7)
            lui(0, 0x7000)
            li(2, Asm.DATA)
            load(LW, 0, 2, 0)
            jal(0, 4)
            reg(ADD, 3, 0, 0)
        }
        r.register(0) shouldBe 0
        r.register(3) shouldBe 0
    }

    test("LUI and AUIPC") {
        val r = execute { lui(1, 0xfffff000.toInt()); auipc(2, 0x1000); auipc(3, 0) }
        r.register(1) shouldBe 0xfffff000.toInt()
        r.register(2) shouldBe Asm.CODE + 4 + 0x1000
        r.register(3) shouldBe Asm.CODE + 8
    }

    test("ADD/SUB wrap, SLT/SLTU compare signed and unsigned") {
        alu(ADD, Int.MAX_VALUE, 1) shouldBe Int.MIN_VALUE
        alu(SUB, Int.MIN_VALUE, 1) shouldBe Int.MAX_VALUE
        alu(SLT, -1, 1) shouldBe 1
        alu(SLTU, -1, 1) shouldBe 0
        aluImm(SLTI, -5, -4) shouldBe 1
        aluImm(SLTIU, 5, -1) shouldBe 1 // the immediate is sign-extended, then compared unsigned
        aluImm(XORI, 0x0f0f0f0f, -1) shouldBe 0x0f0f0f0f.inv()
        aluImm(ORI, 0x10, 0x7ff) shouldBe 0x7ff
        aluImm(ANDI, -1, -2048) shouldBe -2048
        alu(XOR, 6, 3) shouldBe 5
        alu(OR, 6, 3) shouldBe 7
        alu(AND, 6, 3) shouldBe 2
    }

    test("shift amounts are masked to 5 bits") {
        alu(SLL, 1, 33) shouldBe 2
        alu(SRL, Int.MIN_VALUE, 63) shouldBe 1
        alu(SRA, Int.MIN_VALUE, 0x7fffffe1) shouldBe -(1 shl 30)
        alu(SLL, 1, -1) shouldBe Int.MIN_VALUE
        aluImm(SLLI, 3, 31) shouldBe Int.MIN_VALUE
        aluImm(SRLI, -1, 28) shouldBe 0xf
        aluImm(SRAI, -16, 2) shouldBe -4
    }

    test("SLLI with bit 25 set is illegal on RV32") {
        val asm = Asm().emit(Asm().encode(SLLI, rd = 1, rs1 = 1, imm = 1) or (1 shl 25)).halt()
        val e = shouldThrow<TrapException> { Executor.of(program(asm)).run() }
        e.trapCause() shouldBe TrapCause.ILLEGAL_INSTRUCTION
        e.message shouldContain "pc 0x00010000"
    }

    test("LB and LH sign-extend, LBU and LHU zero-extend, in every lane") {
        val r = execute(data = intArrayOf(0x80ff7f01.toInt(), 0x8001ffff.toInt())) {
            li(10, Asm.DATA)
            load(LB, 1, 10, 0); load(LB, 2, 10, 1); load(LB, 3, 10, 2); load(LB, 4, 10, 3)
            load(LBU, 5, 10, 2); load(LBU, 6, 10, 3)
            load(LH, 7, 10, 0); load(LH, 8, 10, 2); load(LHU, 9, 10, 2)
            load(LH, 11, 10, 4); load(LH, 12, 10, 6); load(LHU, 13, 10, 4)
            load(LW, 14, 10, 4)
        }
        r.register(1) shouldBe 1
        r.register(2) shouldBe 0x7f
        r.register(3) shouldBe -1
        r.register(4) shouldBe -128
        r.register(5) shouldBe 0xff
        r.register(6) shouldBe 0x80
        r.register(7) shouldBe 0x7f01
        r.register(8) shouldBe 0x80ff.toShort().toInt()
        r.register(9) shouldBe 0x80ff
        r.register(11) shouldBe -1
        r.register(12) shouldBe 0x8001.toShort().toInt()
        r.register(13) shouldBe 0xffff
        r.register(14) shouldBe 0x8001ffff.toInt()
    }

    test("SB and SH replace only their lanes; negative offsets work") {
        val r = execute(data = intArrayOf(0x11223344, 0x55667788)) {
            li(10, Asm.DATA + 8)
            li(1, 0xaabbccdd.toInt())
            store(SB, 1, 10, -7)
            store(SH, 1, 10, -2)
            load(LW, 2, 10, -8); load(LW, 3, 10, -4)
        }
        r.register(2) shouldBe 0x1122dd44
        r.register(3) shouldBe 0xccdd7788.toInt()
        r.memory().loadWord(Asm.DATA) shouldBe 0x1122dd44
    }

    test("branches are taken or not by signed and unsigned comparison") {
        fun taken(op: Int, a: Int, b: Int): Boolean =
            execute { li(1, a); li(2, b); branch(op, 1, 2, 8); addi(3, 0, 1) }.register(3) == 0
        taken(BEQ, 5, 5) shouldBe true
        taken(BEQ, 5, 6) shouldBe false
        taken(BNE, 5, 6) shouldBe true
        taken(BLT, -1, 0) shouldBe true
        taken(BLTU, -1, 0) shouldBe false
        taken(BGE, 0, -1) shouldBe true
        taken(BGE, 3, 3) shouldBe true
        taken(BGEU, 0, -1) shouldBe false
        taken(BGEU, -1, -1) shouldBe true
    }

    /** Jumps to a backward 'op' placed [distance] bytes after its target 'a0 = 3; halt'. */
    fun backward(distance: Int, jump: Asm.(Int) -> Unit): Int {
        val target = Asm.CODE + 12
        val asm = Asm().li(5, target + distance).jalr(0, 5, 0)
        asm.addi(10, 0, 3).halt()
        while (asm.here < target + distance) asm.nop()
        asm.jump(target - asm.here)
        return Executor.of(program(asm)).run().exitCode()
    }

    /** 'a0 = 7', then a forward 'op' by [offset] over 'a0 = 99' padding to 'halt'. */
    fun forward(offset: Int, jump: Asm.(Int) -> Unit): Int {
        val asm = Asm().addi(10, 0, 7)
        val from = asm.here
        asm.jump(offset)
        while (asm.here < from + offset) asm.addi(10, 0, 99)
        asm.halt()
        return Executor.of(program(asm)).run().exitCode()
    }

    test("branch offsets reach +4092 (the largest aligned) and -4096 bytes") {
        forward(4092) { branch(BEQ, 0, 0, it) } shouldBe 7
        backward(4096) { branch(BEQ, 0, 0, it) } shouldBe 3
    }

    test("a taken branch to a target that is not 4-aligned traps; an untaken one does not") {
        val e = shouldThrow<TrapException> { execute { branch(BEQ, 0, 0, 4094) } }
        e.trapCause() shouldBe TrapCause.MISALIGNED_JUMP
        e.message shouldContain "target 0x00010ffe is not 4-aligned"
        execute { li(1, 1); branch(BEQ, 0, 1, 4094); addi(10, 0, 4) }.exitCode() shouldBe 4
    }

    test("JAL reaches +1 MiB - 4 and -1 MiB and links") {
        forward((1 shl 20) - 4) { jal(0, it) } shouldBe 7
        backward(1 shl 20) { jal(0, it) } shouldBe 3
        execute { jal(1, 4) }.register(1) shouldBe Asm.CODE + 4
    }

    test("JALR adds the offset, clears bit 0, and links to pc + 4") {
        val r = execute { auipc(1, 0); jalr(2, 1, 13); addi(3, 0, 1); addi(4, 0, 2) }
        r.register(2) shouldBe Asm.CODE + 8
        r.register(3) shouldBe 0
        r.register(4) shouldBe 2
        val e = shouldThrow<TrapException> { execute { auipc(1, 0); jalr(2, 1, 10) } }
        e.trapCause() shouldBe TrapCause.MISALIGNED_JUMP
        e.message shouldContain "target 0x0001000a"
    }

    test("DIV and REM by zero and INT_MIN / -1 follow RISC-V") {
        alu(DIV, 7, 0) shouldBe -1
        alu(DIVU, 7, 0) shouldBe -1
        alu(REM, 7, 0) shouldBe 7
        alu(REMU, -7, 0) shouldBe -7
        alu(DIV, Int.MIN_VALUE, -1) shouldBe Int.MIN_VALUE
        alu(REM, Int.MIN_VALUE, -1) shouldBe 0
        alu(DIV, -7, 2) shouldBe -3
        alu(REM, -7, 2) shouldBe -1
        alu(DIVU, -7, 2) shouldBe 0x7ffffffc
        alu(REMU, -7, 2) shouldBe 1
    }

    test("MUL and the signs of MULH, MULHSU and MULHU") {
        alu(MUL, 0x10001, 0x10001) shouldBe 0x20001
        alu(MULH, -1, -1) shouldBe 0
        alu(MULHU, -1, -1) shouldBe -2
        alu(MULHSU, -1, -1) shouldBe -1 // -1 * (2^32 - 1) = -2^32 + 1
        alu(MULH, Int.MIN_VALUE, Int.MIN_VALUE) shouldBe 0x40000000
        alu(MULHU, Int.MIN_VALUE, Int.MIN_VALUE) shouldBe 0x40000000
        alu(MULHSU, Int.MIN_VALUE, -1) shouldBe Int.MIN_VALUE
        alu(MULH, Int.MIN_VALUE, 1) shouldBe -1
        alu(MULHSU, 1, Int.MIN_VALUE) shouldBe 0
        alu(MULH, 3, -2) shouldBe -1
    }

    test("FENCE does nothing") {
        execute { li(1, 5); op(FENCE); addi(10, 1, 0) }.exitCode() shouldBe 5
    }
})
