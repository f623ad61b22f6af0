package dev.rivet.exec

import dev.rivet.isa.Opcode

/**
 * A small RV32IM assembler for tests: one method per instruction, explicit byte offsets for
 * branches and jumps, so tests need no toolchain. Its encoder is written independently of
 * [dev.rivet.isa.Decoder], so the tests also check the decoder.
 */
class Asm(val base: Int = CODE) {
    val words = ArrayList<Int>()

    /** The address of the next instruction. */
    val here: Int get() = base + 4 * words.size

    fun emit(word: Int): Asm { words += word; return this }

    fun encode(op: Int, rd: Int = 0, rs1: Int = 0, rs2: Int = 0, imm: Int = 0): Int {
        val (opc, f3, f7) = FIELDS.getValue(op)
        return when (op) {
            Opcode.LUI, Opcode.AUIPC -> (imm and 0xfffff000.toInt()) or (rd shl 7) or opc
            Opcode.JAL -> {
                require(imm in -(1 shl 20) until (1 shl 20) && imm % 2 == 0) { "jal offset $imm" }
                ((imm shr 20 and 1) shl 31) or ((imm shr 1 and 0x3ff) shl 21) or
                    ((imm shr 11 and 1) shl 20) or ((imm shr 12 and 0xff) shl 12) or (rd shl 7) or opc
            }
            in Opcode.BEQ..Opcode.BGEU -> {
                require(imm in -4096 until 4096 && imm % 2 == 0) { "branch offset $imm" }
                ((imm shr 12 and 1) shl 31) or ((imm shr 5 and 0x3f) shl 25) or (rs2 shl 20) or
                    (rs1 shl 15) or (f3 shl 12) or ((imm shr 1 and 0xf) shl 8) or
                    ((imm shr 11 and 1) shl 7) or opc
            }
            in Opcode.SB..Opcode.SW -> {
                require(imm in -2048 until 2048) { "store offset $imm" }
                ((imm shr 5 and 0x7f) shl 25) or (rs2 shl 20) or (rs1 shl 15) or (f3 shl 12) or
                    ((imm and 0x1f) shl 7) or opc
            }
            Opcode.SLLI, Opcode.SRLI, Opcode.SRAI ->
                (f7 shl 25) or ((imm and 31) shl 20) or (rs1 shl 15) or (f3 shl 12) or (rd shl 7) or opc
            Opcode.ECALL -> 0x73
            Opcode.EBREAK -> 0x00100073
            Opcode.FENCE -> 0x0ff0000f
            in Opcode.ADD..Opcode.AND, in Opcode.MUL..Opcode.REMU ->
                (f7 shl 25) or (rs2 shl 20) or (rs1 shl 15) or (f3 shl 12) or (rd shl 7) or opc
            else -> {
                require(imm in -2048 until 2048) { "I-immediate $imm" }
                (imm shl 20) or (rs1 shl 15) or (f3 shl 12) or (rd shl 7) or opc
            }
        }
    }

    fun op(op: Int, rd: Int = 0, rs1: Int = 0, rs2: Int = 0, imm: Int = 0) = emit(encode(op, rd, rs1, rs2, imm))

    fun lui(rd: Int, imm: Int) = op(Opcode.LUI, rd = rd, imm = imm)
    fun auipc(rd: Int, imm: Int) = op(Opcode.AUIPC, rd = rd, imm = imm)
    fun jal(rd: Int, offset: Int) = op(Opcode.JAL, rd = rd, imm = offset)
    fun jalr(rd: Int, rs1: Int, offset: Int) = op(Opcode.JALR, rd = rd, rs1 = rs1, imm = offset)
    fun branch(op: Int, rs1: Int, rs2: Int, offset: Int) = op(op, rs1 = rs1, rs2 = rs2, imm = offset)
    fun load(op: Int, rd: Int, rs1: Int, offset: Int) = op(op, rd = rd, rs1 = rs1, imm = offset)
    fun store(op: Int, rs2: Int, rs1: Int, offset: Int) = op(op, rs1 = rs1, rs2 = rs2, imm = offset)
    fun imm(op: Int, rd: Int, rs1: Int, imm: Int) = op(op, rd = rd, rs1 = rs1, imm = imm)
    fun reg(op: Int, rd: Int, rs1: Int, rs2: Int) = op(op, rd = rd, rs1 = rs1, rs2 = rs2)
    fun addi(rd: Int, rs1: Int, imm: Int) = imm(Opcode.ADDI, rd, rs1, imm)
    fun nop() = addi(0, 0, 0)
    fun ecall() = op(Opcode.ECALL)
    fun ebreak() = op(Opcode.EBREAK)

    /** Loads any 32-bit constant in two instructions (LUI + ADDI, with the usual carry fix). */
    fun li(rd: Int, value: Int): Asm {
        val lo = (value shl 20) shr 20
        lui(rd, value - lo)
        return addi(rd, rd, lo)
    }

    /** Halts with exit code a0 (Linux's exit, Rivet's halt). */
    fun halt(): Asm = li(17, 93).ecall()

    fun bytes(): ByteArray {
        val out = ByteArray(4 * words.size)
        words.forEachIndexed { i, w -> for (b in 0 until 4) out[4 * i + b] = (w ushr (8 * b)).toByte() }
        return out
    }

    companion object {
        const val CODE = 0x10000
        const val DATA = 0x40000

        private val FIELDS: Map<Int, Triple<Int, Int, Int>> = buildMap {
            put(Opcode.LUI, Triple(0x37, 0, 0)); put(Opcode.AUIPC, Triple(0x17, 0, 0))
            put(Opcode.JAL, Triple(0x6f, 0, 0)); put(Opcode.JALR, Triple(0x67, 0, 0))
            listOf(0, 1, 4, 5, 6, 7).forEachIndexed { i, f3 -> put(Opcode.BEQ + i, Triple(0x63, f3, 0)) }
            listOf(0, 1, 2, 4, 5).forEachIndexed { i, f3 -> put(Opcode.LB + i, Triple(0x03, f3, 0)) }
            (0..2).forEach { put(Opcode.SB + it, Triple(0x23, it, 0)) }
            put(Opcode.ADDI, Triple(0x13, 0, 0)); put(Opcode.SLTI, Triple(0x13, 2, 0))
            put(Opcode.SLTIU, Triple(0x13, 3, 0)); put(Opcode.XORI, Triple(0x13, 4, 0))
            put(Opcode.ORI, Triple(0x13, 6, 0)); put(Opcode.ANDI, Triple(0x13, 7, 0))
            put(Opcode.SLLI, Triple(0x13, 1, 0)); put(Opcode.SRLI, Triple(0x13, 5, 0))
            put(Opcode.SRAI, Triple(0x13, 5, 0x20))
            put(Opcode.ADD, Triple(0x33, 0, 0)); put(Opcode.SUB, Triple(0x33, 0, 0x20))
            put(Opcode.SLL, Triple(0x33, 1, 0)); put(Opcode.SLT, Triple(0x33, 2, 0))
            put(Opcode.SLTU, Triple(0x33, 3, 0)); put(Opcode.XOR, Triple(0x33, 4, 0))
            put(Opcode.SRL, Triple(0x33, 5, 0)); put(Opcode.SRA, Triple(0x33, 5, 0x20))
            put(Opcode.OR, Triple(0x33, 6, 0)); put(Opcode.AND, Triple(0x33, 7, 0))
            put(Opcode.FENCE, Triple(0x0f, 0, 0)); put(Opcode.ECALL, Triple(0x73, 0, 0))
            put(Opcode.EBREAK, Triple(0x73, 0, 0))
            (0..7).forEach { put(Opcode.MUL + it, Triple(0x33, it, 1)) }
        }
    }
}

/** Builds a program from [asm] (code at its base) and optional initial data words at [dataAt]. */
fun program(asm: Asm, data: IntArray = IntArray(0), dataAt: Int = Asm.DATA): Program {
    val image = MemoryImage.Builder().put(asm.base, asm.bytes(), 0, 4 * asm.words.size)
    if (data.isNotEmpty()) image.putWords(dataAt, *data)
    return Program.of(image.build(), asm.base, asm.base, asm.here)
}

/** Assembles [body], appends a halt, and runs it. */
fun execute(data: IntArray = IntArray(0), recording: Boolean = false, body: Asm.() -> Unit): ExecutionResult {
    val asm = Asm()
    asm.body()
    asm.halt()
    return Executor.of(program(asm, data)).recording(recording).run()
}
