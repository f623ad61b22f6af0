package dev.rivet.exec

import dev.rivet.exec.ecall.Ecalls
import dev.rivet.isa.Decoder
import dev.rivet.isa.Opcode
import dev.rivet.isa.Opcode.*
import kotlin.random.Random

/**
 * A seeded random RV32IM program that touches every instruction family: register and immediate ALU
 * operations, LUI/AUIPC, every branch (forward skips and small counted backward loops), JAL/JALR
 * (calls to small subroutines and returns, and JALR's cleared low target bit), byte/half/word loads
 * and stores with sign and zero extension, and MUL/DIV/REM in all their variants. Operands lean
 * towards edge values (0, ±1, INT_MIN, INT_MAX, 0x8000, 0xFFFF, shift amounts of 31, 32, 33, 63),
 * and division by zero, INT_MIN / −1, writes to x0 and rs1 = rs2 are drawn on purpose, because a
 * uniform draw would almost never hit them.
 *
 * The program loads random values into the registers, runs the random body, stores every register
 * after the [SCRATCH_BYTES]-byte scratch region at [scratch] and outputs scratch and registers
 * ([OUTPUT_BYTES] bytes) with [Output.WRITE] (Linux's write, so qemu-user can run it too) or
 * [Output.COMMIT] (the journal a proof's claim carries). The body depends only on [seed], not on
 * the output, so both variants compute the same bytes.
 *
 * Loads and stores address the scratch region through [BASE] at aligned offsets (Rivet traps on
 * misaligned accesses, qemu does not), so random instructions never write [BASE], the loop
 * [COUNTER] or the return address [LINK]; they read them freely. The code is position independent:
 * only [scratch] is absolute.
 */
class RandomProgram(val seed: Long, val scratch: Int = Asm.DATA) {
    private val random = Random(seed)

    /** The program up to its output: register set-up and random body. */
    val body: List<Int> = generate()

    /** The initial contents of the scratch region and the register dump after it, as words. */
    val data: IntArray = IntArray(OUTPUT_BYTES / 4) { random.nextInt() }

    /** Outputs scratch and registers with the write ECALL (fd 1) or the commit ECALL. */
    enum class Output { WRITE, COMMIT }

    /** Appends the program to [asm]: body, register dump and [output]; the caller halts or continues. */
    fun emit(asm: Asm, output: Output): Asm {
        asm.words += body
        for (r in 1 until 32) asm.store(SW, r, BASE, SCRATCH_BYTES - 128 + 4 * r)
        when (output) {
            Output.WRITE -> asm.li(10, 1).addi(11, BASE, -128).li(12, OUTPUT_BYTES).li(17, Ecalls.WRITE).ecall()
            Output.COMMIT -> asm.addi(10, BASE, -128).li(11, OUTPUT_BYTES).li(17, Ecalls.COMMIT).ecall()
        }
        return asm
    }

    /** The whole program on its own, halting with exit code 0, with [data] at [scratch]. */
    fun program(output: Output): Program = dev.rivet.exec.program(emit(Asm(), output).li(10, 0).halt(), data, scratch)

    /** The body disassembled, one instruction a line, for failure messages. */
    fun listing(): String = body.joinToString("\n") { "  " + Decoder.decode(it) }

    private fun generate(): List<Int> {
        val asm = Asm()
        for (r in 1 until 32) if (r != BASE) asm.li(r, value())
        asm.li(BASE, scratch + 128)
        // The subroutines come first, jumped over, so that every call is a backward JAL or AUIPC + JALR.
        val skip = asm.words.size
        asm.jal(0, 0)
        val subroutines = List(1 + random.nextInt(3)) {
            asm.here.also {
                repeat(1 + random.nextInt(5)) { straightLine(asm) }
                asm.jalr(0, LINK, 0)
            }
        }
        asm.words[skip] = asm.encode(JAL, imm = 4 * (asm.words.size - skip))
        repeat(ITEMS) {
            when (random.nextInt(16)) {
                0, 1 -> forwardSkip(asm)
                2 -> loop(asm, subroutines)
                3 -> call(asm, subroutines)
                4 -> jalrSkip(asm)
                else -> straightLine(asm)
            }
        }
        return asm.words
    }

    /** A branch (any of the six) or JAL over one to three straight-line instructions. */
    private fun forwardSkip(asm: Asm) {
        val at = asm.words.size
        asm.nop()
        repeat(1 + random.nextInt(3)) { straightLine(asm) }
        val offset = 4 * (asm.words.size - at)
        val op = BEQ + random.nextInt(7)
        // Equal operands a sixth of the time: random registers are almost never equal, and BEQ would hardly be taken.
        val a = reg()
        val b = if (random.nextInt(6) == 0) a else reg()
        asm.words[at] = if (op > BGEU) asm.encode(JAL, rd = dest(), imm = offset) else asm.encode(op, rs1 = a, rs2 = b, imm = offset)
    }

    /**
     * A loop run 1 to 4 times: [COUNTER] counts down and a backward BNE, BLT or BLTU against x0
     * repeats the body while it is positive. The body may call subroutines (which leave
     * [COUNTER] alone).
     */
    private fun loop(asm: Asm, subroutines: List<Int>) {
        asm.addi(COUNTER, 0, 1 + random.nextInt(4))
        val top = asm.here
        repeat(1 + random.nextInt(5)) { if (random.nextInt(4) == 0) call(asm, subroutines) else straightLine(asm) }
        asm.addi(COUNTER, COUNTER, -1)
        when (random.nextInt(3)) {
            0 -> asm.branch(BNE, COUNTER, 0, top - asm.here)
            1 -> asm.branch(BLT, 0, COUNTER, top - asm.here)
            else -> asm.branch(BLTU, 0, COUNTER, top - asm.here)
        }
    }

    /** A call to a subroutine with JAL, or with AUIPC + JALR (an unreserved register holds the target). */
    private fun call(asm: Asm, subroutines: List<Int>) {
        val target = subroutines[random.nextInt(subroutines.size)]
        if (random.nextBoolean()) {
            asm.jal(LINK, target - asm.here)
        } else {
            val offset = target - asm.here
            val lo = (offset shl 20) shr 20
            val t = operand()
            asm.auipc(t, offset - lo).jalr(LINK, t, lo)
        }
    }

    /** AUIPC + JALR to a target two words on, with an odd offset half the time (JALR clears bit 0), skipping one instruction. */
    private fun jalrSkip(asm: Asm) {
        val t = operand()
        asm.auipc(t, 0).jalr(dest(), t, 12 + random.nextInt(2))
        straightLine(asm)
    }

    /** One instruction that neither jumps nor calls the system, sometimes after setting its operands to edge values. */
    private fun straightLine(asm: Asm) {
        var op: Int
        do op = random.nextInt(Opcode.COUNT) while (op in JAL..BGEU || op == ECALL || op == EBREAK)
        when (op) {
            LUI, AUIPC -> asm.op(op, rd = dest(), imm = value())
            in LB..LHU -> {
                val size = when (op) { LW -> 4; LH, LHU -> 2; else -> 1 }
                asm.load(op, dest(), BASE, size * random.nextInt(-128 / size, 128 / size))
            }
            in SB..SW -> {
                val size = when (op) { SW -> 4; SH -> 2; else -> 1 }
                asm.store(op, reg(), BASE, size * random.nextInt(-128 / size, 128 / size))
            }
            SLLI, SRLI, SRAI -> asm.imm(op, dest(), reg(), random.nextInt(32))
            in ADDI..ANDI -> asm.imm(op, dest(), reg(), imm12())
            FENCE -> asm.op(FENCE)
            in MUL..MULHU -> multiplication(asm, op)
            in DIV..REMU -> division(asm, op)
            else -> {
                val (a, b) = operands(asm)
                asm.reg(op, dest(), a, b)
            }
        }
    }

    /**
     * A multiplication, a quarter of the time of INT_MIN by an edge value (itself included): the
     * high words' sign corrections are at their largest there.
     */
    private fun multiplication(asm: Asm, op: Int) {
        val (a, b) = if (random.nextInt(4) == 0) {
            val a = operand().also { asm.li(it, Int.MIN_VALUE) }
            a to operand().also { if (it != a) asm.li(it, edgeValue()) }
        } else {
            operands(asm)
        }
        asm.reg(op, dest(), a, b)
    }

    /** A division, drawn a quarter of the time with a zero divisor and a quarter as INT_MIN / −1. */
    private fun division(asm: Asm, op: Int) {
        when (random.nextInt(4)) {
            0 -> asm.reg(op, dest(), reg(), if (random.nextBoolean()) 0 else operand().also { asm.li(it, 0) })
            1 -> {
                val a = operand()
                var b: Int
                do b = operand() while (b == a)
                asm.li(a, Int.MIN_VALUE).li(b, -1).reg(op, dest(), a, b)
            }
            else -> {
                val (a, b) = operands(asm)
                asm.reg(op, dest(), a, b)
            }
        }
    }

    /** Two source registers: equal a sixth of the time; each set to an edge value a third of the time. */
    private fun operands(asm: Asm): Pair<Int, Int> {
        val a = edged(asm)
        return a to (if (random.nextInt(6) == 0) a else edged(asm))
    }

    private fun edged(asm: Asm): Int =
        if (random.nextInt(3) == 0) operand().also { asm.li(it, edgeValue()) } else reg()

    private fun edgeValue(): Int = random.nextInt(EDGES.size + 1).let { if (it < EDGES.size) EDGES[it] else random.nextInt(-8, 9) }

    private fun value(): Int = if (random.nextInt(3) == 0) edgeValue() else random.nextInt()

    private fun imm12(): Int = if (random.nextInt(4) == 0) intArrayOf(0, 1, -1, -2048, 2047)[random.nextInt(5)] else random.nextInt(-2048, 2048)

    /** Any register as a source, reserved ones included. */
    private fun reg(): Int = random.nextInt(32)

    /** A destination: x0 one time in sixteen, else a register random code may write. */
    private fun dest(): Int = if (random.nextInt(16) == 0) 0 else operand()

    /** A register random code may write (never x0 or a reserved one). */
    private fun operand(): Int {
        var r: Int
        do r = 1 + random.nextInt(31) while (r == BASE || r == COUNTER || r == LINK)
        return r
    }

    companion object {
        /** Random items (instructions, skips, loops, calls) in a program's body. */
        const val ITEMS = 120
        const val SCRATCH_BYTES = 256
        /** Scratch followed by x0..x31. */
        const val OUTPUT_BYTES = SCRATCH_BYTES + 128
        /** x27 (s11): the scratch base register, pointing 128 bytes into the scratch region. */
        const val BASE = 27
        /** x26 (s10): the loop counter. */
        const val COUNTER = 26
        /** x1 (ra): the return address of subroutine calls. */
        const val LINK = 1

        private val EDGES = intArrayOf(
            0, 1, -1, 2, Int.MIN_VALUE, Int.MAX_VALUE, Int.MIN_VALUE + 1, 31, 32, 33, 63,
            0x7fff, 0x8000, 0xffff, 0x10000, -2048, 2047)

        /**
         * The base seed of the random programs: RIVET_RANDOM_SEED if set (decimal or 0x-hex), so a
         * failing seed can be rerun first.
         */
        val baseSeed: Long = System.getenv("RIVET_RANDOM_SEED")?.let { java.lang.Long.decode(it) } ?: 0x5eed

        /** A note for failure messages: which seed failed and how to rerun it. */
        fun rerun(seed: Long): String = "seed $seed (rerun it first with RIVET_RANDOM_SEED=$seed)"
    }
}
