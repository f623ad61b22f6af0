package dev.rivet.exec

import java.io.File

/**
 * Tests that need a Debian package run when the package's program is on the PATH, and always on
 * CI (CI=true), where .ci/run installs the packages: a missing tool then fails the test instead
 * of silently skipping it.
 */
object DebianTools {
    val onCi: Boolean = System.getenv("CI") == "true"

    fun onPath(program: String): Boolean =
        (System.getenv("PATH") ?: "").split(File.pathSeparator).any { File(it, program).canExecute() }

    /** Whether a test needing [program] (and any [files] a package installs) should run. */
    fun shouldRun(program: String, vararg files: String): Boolean =
        onCi || (onPath(program) && files.all { File(it).exists() })
}
