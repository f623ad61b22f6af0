package dev.rivet.exec

import java.io.ByteArrayOutputStream
import java.nio.file.Files
import java.nio.file.Path

/** The example guests in examples/guests, found from the test's working directory upwards. */
object Guests {
    val dir: Path = generateSequence(Path.of("").toAbsolutePath()) { it.parent }
        .map { it.resolve("examples/guests") }
        .first { Files.isDirectory(it) }

    fun prebuilt(name: String): Path = dir.resolve("prebuilt/$name.elf")

    class Run(val result: ExecutionResult, val stdout: String, val stderr: String)

    fun run(name: String, input: ByteArray = ByteArray(0), recording: Boolean = false): Run {
        val out = ByteArrayOutputStream()
        val err = ByteArrayOutputStream()
        val result = Executor.of(Program.load(prebuilt(name))).input(input).stdout(out).stderr(err)
            .recording(recording).run()
        return Run(result, out.toString(Charsets.UTF_8), err.toString(Charsets.UTF_8))
    }

    fun le32(vararg values: Int): ByteArray =
        ByteArray(4 * values.size) { (values[it / 4] ushr (8 * (it % 4))).toByte() }

    fun le64(value: Long): ByteArray = ByteArray(8) { (value ushr (8 * it)).toByte() }
}
