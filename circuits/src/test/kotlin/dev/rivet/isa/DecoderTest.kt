package dev.rivet.isa

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class DecoderTest : FunSpec({

    /**
     * guest-instructions.txt: every distinct instruction word of the prebuilt example guests, as
     * GNU objdump prints it, generated with
     * `riscv64-unknown-elf-objdump -d -M no-aliases,numeric examples/guests/prebuilt/NAME.elf`
     * (columns: address, word, mnemonic, operands). The decoder must agree on the mnemonic, the
     * registers and the immediate of each.
     */
    test("the decoder agrees with GNU objdump on every instruction of the example guests") {
        val lines = DecoderTest::class.java.getResource("guest-instructions.txt")!!.readText().lines().filter { it.isNotBlank() }
        lines.size shouldBe 2881
        for (line in lines) {
            val parts = line.split(" ", limit = 4)
            val address = parts[0].toLong(16).toInt()
            val word = parts[1].toLong(16).toInt()
            val mnemonic = parts[2]
            val operands = parts.getOrElse(3) { "" }.substringBefore(" #").split(",").filter { it.isNotEmpty() }
            withClue(line) {
                val insn = Decoder.decode(word)
                Opcode.mnemonic(insn.opcode()) shouldBe mnemonic
                val registers = Regex("\\bx(\\d+)").findAll(operands.joinToString(",")).map { it.groupValues[1].toInt() }.toList()
                val expectedRegisters = when (insn.format()) {
                    Format.R -> listOf(insn.rd(), insn.rs1(), insn.rs2())
                    Format.I -> if (insn.opcode() == Opcode.ECALL || insn.opcode() == Opcode.EBREAK) listOf() else listOf(insn.rd(), insn.rs1())
                    Format.S, Format.B -> listOf(insn.rs2().takeIf { insn.format() == Format.S } ?: insn.rs1(),
                        if (insn.format() == Format.S) insn.rs1() else insn.rs2())
                    Format.U, Format.J -> listOf(insn.rd())
                }
                registers shouldBe expectedRegisters
                val imm = when {
                    insn.format() == Format.B || insn.format() == Format.J -> operands.last().removePrefix("0x").toLong(16).toInt() - address
                    insn.format() == Format.U -> operands.last().removePrefix("0x").toLong(16).toInt() shl 12
                    operands.lastOrNull()?.contains("(") == true -> operands.last().substringBefore("(").toInt()
                    insn.format() == Format.I && operands.size == 3 -> operands.last().let { if (it.startsWith("0x")) it.removePrefix("0x").toInt(16) else it.toInt() }
                    else -> 0
                }
                insn.imm() shouldBe imm
            }
        }
    }

    test("immediates at their limits, sign-extended") {
        Decoder.decode(0x80000f93.toInt()).imm() shouldBe -2048 // addi x31, x0, -2048
        Decoder.decode(0x7ff00f93).imm() shouldBe 2047
        Decoder.decode(0x80000063.toInt()).imm() shouldBe -4096 // beq x0, x0, -4096
        Decoder.decode(0x7e000fe3).imm() shouldBe 4094 // beq x0, x0, +4094
        Decoder.decode(0x8000006f.toInt()).imm() shouldBe -(1 shl 20) // jal x0, -1 MiB
        Decoder.decode(0x7ffff06f).imm() shouldBe (1 shl 20) - 2
        Decoder.decode(0xfe000fa3.toInt()).imm() shouldBe -1 // sb x0, -1(x0)
    }

    test("unused register fields read as 0, e.g. FENCE's") {
        val fence = Decoder.decode(0x0ff5_8a0f) // fence with rd = x20, rs1 = x11 (reserved fields)
        fence.opcode() shouldBe Opcode.FENCE
        fence.rd() shouldBe 0
        fence.rs1() shouldBe 0
        Decoder.decode(0x00100073).opcode() shouldBe Opcode.EBREAK
    }

    test("illegal words: zero, compressed, CSR, FENCE.I, reserved funct7, RV64 shifts") {
        for (word in listOf(0, -1, 0x4501, 0x30200073, 0x00001073, 0x0000100f, 0x40001033, 0x02001013, 0x00002067, 0x00003003, 0x00003023)) {
            withClue("0x%08x".format(word)) {
                Decoder.opcode(word) shouldBe Decoder.ILLEGAL
                shouldThrow<IllegalArgumentException> { Decoder.decode(word) }
            }
        }
    }

    test("every opcode has a mnemonic and a format; register use follows the format") {
        (0 until Opcode.COUNT).map { Opcode.mnemonic(it) }.toSet().size shouldBe Opcode.COUNT
        Opcode.readsRs2(Opcode.SW) shouldBe true
        Opcode.writesRd(Opcode.SW) shouldBe false
        Opcode.readsRs1(Opcode.ECALL) shouldBe false
        Opcode.writesRd(Opcode.JAL) shouldBe true
        Register.abiName(Register.A7) shouldBe "a7"
    }
})
