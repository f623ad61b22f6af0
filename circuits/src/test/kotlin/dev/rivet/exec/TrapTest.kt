package dev.rivet.exec

import dev.rivet.isa.MemoryMap
import dev.rivet.isa.Opcode.*
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class TrapTest : FunSpec({

    fun trap(data: IntArray = IntArray(0), body: Asm.() -> Unit): TrapException =
        shouldThrow<TrapException> { execute(data, body = body) }

    test("misaligned loads trap with the address and the instruction") {
        val e = trap { li(6, Asm.DATA + 2); load(LW, 5, 6, 0) }
        e.trapCause() shouldBe TrapCause.MISALIGNED_LOAD
        e.pc() shouldBe Asm.CODE + 8
        e.message shouldContain "pc 0x00010008"
        e.message shouldContain "address 0x00040002 is not 4-aligned (lw x5, 0(x6))"
        trap { li(6, Asm.DATA + 1); load(LH, 5, 6, 0) }.message shouldContain "not 2-aligned"
        trap { li(6, Asm.DATA + 3); load(LHU, 5, 6, 0) }.trapCause() shouldBe TrapCause.MISALIGNED_LOAD
    }

    test("misaligned stores trap, and the store has no effect") {
        val e = trap { li(6, Asm.DATA); store(SH, 6, 6, 3) }
        e.trapCause() shouldBe TrapCause.MISALIGNED_STORE
        e.message shouldContain "address 0x00040003 is not 2-aligned (sh x6, 3(x6))"
        trap { li(6, Asm.DATA); store(SW, 6, 6, 2) }.trapCause() shouldBe TrapCause.MISALIGNED_STORE
    }

    test("loads and stores outside user memory trap: the invalid page, kernel memory") {
        trap { load(LW, 5, 0, 0) }.let {
            it.trapCause() shouldBe TrapCause.LOAD_OUTSIDE_USER_MEMORY
            it.message shouldContain "load outside user memory: address 0x00000000"
        }
        trap { li(6, 0xfffc); load(LW, 5, 6, 0) }.trapCause() shouldBe TrapCause.LOAD_OUTSIDE_USER_MEMORY
        trap { li(6, 0xc0000000.toInt()); load(LB, 5, 6, 0) }.trapCause() shouldBe TrapCause.LOAD_OUTSIDE_USER_MEMORY
        trap { li(6, MemoryMap.REGISTER_BASE); store(SW, 6, 6, 0) }.let {
            it.trapCause() shouldBe TrapCause.STORE_OUTSIDE_USER_MEMORY
            it.message shouldContain "address 0xfeffff80"
        }
        // The last user word works; the byte after it does not.
        execute { li(6, 0xc0000000.toInt()); store(SW, 6, 6, -4); load(LW, 10, 6, -4) }.exitCode() shouldBe 0xc0000000.toInt()
    }

    test("stores into the code region trap (no self-modifying code)") {
        val e = trap { li(6, Asm.CODE); store(SW, 0, 6, 0) }
        e.trapCause() shouldBe TrapCause.STORE_TO_CODE
        e.message shouldContain "address 0x00010000"
    }

    test("illegal instructions trap with the word") {
        val e = trap { emit(0); }
        e.trapCause() shouldBe TrapCause.ILLEGAL_INSTRUCTION
        e.message shouldContain "illegal instruction: 0x00000000"
        trap { emit(0x30200073) }.message shouldContain "0x30200073" // mret: no privileged ops
        trap { emit(0x0000100f) }.trapCause() shouldBe TrapCause.ILLEGAL_INSTRUCTION // fence.i
    }

    test("EBREAK traps") {
        val e = trap { nop(); ebreak() }
        e.trapCause() shouldBe TrapCause.EBREAK
        e.message shouldBe "trap at pc 0x00010004 (cycle 1): breakpoint (EBREAK)"
    }

    test("jumping out of the code region traps on fetch") {
        val e = trap { li(5, Asm.DATA); jalr(0, 5, 0) }
        e.trapCause() shouldBe TrapCause.FETCH_OUTSIDE_CODE
        e.pc() shouldBe Asm.DATA
    }

    test("the cycle limit ends a loop with a clear error") {
        val asm = Asm().jal(0, 0)
        val e = shouldThrow<TrapException> { Executor.of(program(asm)).cycleLimit(1000).run() }
        e.trapCause() shouldBe TrapCause.CYCLE_LIMIT
        e.message shouldContain "(cycle 1000): cycle limit reached: the limit is 1000 cycles"
    }

    test("an unknown ECALL traps with its number") {
        val e = trap { li(17, 0x4242); ecall() }
        e.trapCause() shouldBe TrapCause.UNKNOWN_ECALL
        e.message shouldContain "a7 = 16962 (0x4242) is not a registered ECALL"
    }

    test("ECALL buffers outside user memory or inside code are refused") {
        trap { li(10, 1); li(11, 0xbffffff0.toInt()); li(12, 32); li(17, 64); ecall() }.let {
            it.trapCause() shouldBe TrapCause.ECALL_FAULT
            it.message shouldContain "ECALL write: buffer of 32 bytes at 0xbffffff0 is not in user memory"
        }
        trap { li(10, 0); li(11, Asm.CODE); li(12, 4); li(17, 63); ecall() }.message shouldContain
            "ECALL read: buffer of 4 bytes at 0x00010000 is not in writable user memory"
        trap { li(10, 7); li(17, 64); ecall() }.message shouldContain "write to file descriptor 7"
        trap { li(10, Asm.DATA + 2); li(11, Asm.DATA); li(17, 0x101); ecall() }.message shouldContain
            "ECALL sha256_compress: state 0x00040002 and block 0x00040000 must be word-aligned"
    }
})
