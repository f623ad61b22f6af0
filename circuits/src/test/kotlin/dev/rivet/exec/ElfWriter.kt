package dev.rivet.exec

import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * Writes minimal 32-bit RISC-V ELF executables for tests: a header, one program header per
 * segment, each segment's bytes at a page-aligned file offset (as Linux loaders, qemu-user's
 * included, want). Header fields can be overridden to build malformed files.
 */
object ElfWriter {
    data class Segment(val vaddr: Int, val data: ByteArray, val memSize: Int = data.size, val flags: Int = 5)

    const val PF_X = 1
    const val PF_W = 2
    const val PF_R = 4

    fun write(entry: Int, segments: List<Segment>, machine: Int = 243, elfClass: Int = 1, type: Int = 2, flags: Int = 0): ByteArray {
        val phoff = 52
        var offset = 0x1000
        val offsets = segments.map { s -> offset.also { offset += (s.data.size + 0xfff) and 0xfff.inv() } }
        val buf = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN)
        buf.put(byteArrayOf(0x7f, 'E'.code.toByte(), 'L'.code.toByte(), 'F'.code.toByte(), elfClass.toByte(), 1, 1, 0))
        buf.position(16)
        buf.putShort(type.toShort()).putShort(machine.toShort()).putInt(1).putInt(entry).putInt(phoff).putInt(0)
            .putInt(flags).putShort(52).putShort(32).putShort(segments.size.toShort()).putShort(40).putShort(0).putShort(0)
        segments.forEachIndexed { i, s ->
            buf.position(phoff + 32 * i)
            buf.putInt(1).putInt(offsets[i]).putInt(s.vaddr).putInt(s.vaddr).putInt(s.data.size).putInt(s.memSize)
                .putInt(s.flags).putInt(0x1000)
        }
        segments.forEachIndexed { i, s -> buf.position(offsets[i]); buf.put(s.data) }
        return buf.array()
    }
}
