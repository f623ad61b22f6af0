package dev.rivet.exec

import io.kotest.assertions.fail
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Files
import java.util.concurrent.TimeUnit

private const val PICOLIBC_SPECS = "/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs"

/** examples/guests/build.sh reproduces the committed prebuilt ELFs byte for byte. */
class GuestBuildTest : FunSpec({

    test("rebuilt guests equal the committed prebuilt ELFs (needs Debian packages gcc-riscv64-unknown-elf, picolibc-riscv64-unknown-elf)")
        .config(enabledIf = { DebianTools.shouldRun("riscv64-unknown-elf-gcc", PICOLIBC_SPECS) }) {
            val out = Files.createTempDirectory("rivet-guests")
            try {
                val process = ProcessBuilder(Guests.dir.resolve("build.sh").toString(), out.toString())
                    .redirectErrorStream(true).start()
                val log = process.inputStream.readAllBytes().decodeToString()
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) fail("build.sh failed:\n$log")
                val prebuilt = Files.list(Guests.dir.resolve("prebuilt")).use { s -> s.map { it.fileName.toString() }.sorted().toList() }
                Files.list(out).use { s -> s.map { it.fileName.toString() }.sorted().toList() } shouldBe prebuilt
                for (name in prebuilt) {
                    if (!Files.readAllBytes(out.resolve(name)).contentEquals(Files.readAllBytes(Guests.dir.resolve("prebuilt/$name")))) {
                        fail("$name: the rebuilt ELF differs from the committed one; run examples/guests/build.sh and commit")
                    }
                }
            } finally {
                out.toFile().deleteRecursively()
            }
        }
})
