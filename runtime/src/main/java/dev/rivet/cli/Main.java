package dev.rivet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rivet} command line: one subcommand per job (execute a guest, prove, verify, demo).
 *
 * <p>Subcommands are registered here and nowhere else, so {@code rivet --help} is the complete list.
 */
@Command(
    name = "rivet",
    mixinStandardHelpOptions = true,
    version = "rivet 0.1.0",
    description = "Rivet: a zero-knowledge virtual machine for RV32IM.",
    subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, VerifyProofCommand.class, ExecuteCommand.class,
        BenchStarkCommand.class, BenchKeccakCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
