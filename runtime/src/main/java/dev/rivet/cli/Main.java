package dev.rivet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rivet} command line: one subcommand per job (execute a guest, prove, verify, demo).
 *
 * <p>Subcommands are registered here and nowhere else, so {@code rivet --help} is the complete list.
 * A command line that does not parse (an unknown option, a value of the wrong type, a missing
 * argument) gets one line on stderr naming the problem and exit status 2, not the usage text: the
 * problem stays visible, and {@code --help} is one command away.
 */
@Command(
    name = "rivet",
    mixinStandardHelpOptions = true,
    version = "rivet 0.1.0",
    description = "Rivet: a zero-knowledge virtual machine for RV32IM.",
    subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, ProveCommand.class, VerifyCommand.class,
        ImageIdCommand.class, ReceiptCommand.class, ExecuteCommand.class, BenchProveCommand.class,
        TableDemoCommand.class, VerifyProofCommand.class, BenchStarkCommand.class, BenchKeccakCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The {@code rivet} command line, with its one-line report of parse errors. */
  static CommandLine commandLine() {
    return new CommandLine(new Main()).setParameterExceptionHandler((e, args) -> {
      CommandLine command = e.getCommandLine();
      command.getErr().printf("rivet: error: %s (see '%s --help')%n", e.getMessage(),
          command.getCommandSpec().qualifiedName());
      return command.getCommandSpec().exitCodeOnInvalidInput();
    });
  }
}
