package io.orkestra.runtime;

import io.orkestra.runtime.internal.EventsCommand;
import io.orkestra.runtime.internal.RunCommand;
import io.orkestra.runtime.internal.VersionCommand;
import io.orkestra.runtime.internal.VersionInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ork} command line.
 *
 * <p>Exit codes: 0 success, 1 the runtime failed (e.g. {@code --until-idle} timed out), 2 bad input
 * (unknown option, a file that is missing or does not load).
 */
@Command(
    name = "ork",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Orkestra-J: run Kubernetes operators declared as Katalogs, on the JVM.",
    subcommands = {RunCommand.class, EventsCommand.class, VersionCommand.class, io.orkestra.runtime.internal.RenderCommand.class, io.orkestra.runtime.internal.RegistryCommand.class, io.orkestra.runtime.internal.ValidateCommand.class, io.orkestra.runtime.internal.TemplateCommand.class, io.orkestra.runtime.internal.InitCommand.class, io.orkestra.runtime.internal.GenerateCommand.class, io.orkestra.runtime.internal.simulate.SimulateCommand.class, io.orkestra.runtime.internal.NotesCommand.class,
        // Orkestra's top-level registry aliases: ork push|pull|inspect|patterns
        io.orkestra.runtime.internal.RegistryCommand.Push.class, io.orkestra.runtime.internal.RegistryCommand.Pull.class,
        io.orkestra.runtime.internal.RegistryCommand.Inspect.class, io.orkestra.runtime.internal.RegistryCommand.Patterns.class,
        CommandLine.HelpCommand.class})
public final class OrkCli implements Runnable {

  /** Exit code for bad input. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Used by picocli. */
  public OrkCli() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs {@code ork} with arguments and exits the JVM with its exit code.
   *
   * @param args command line arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs {@code ork} with arguments without exiting the JVM.
   *
   * @param args command line arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new OrkCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> e instanceof io.orkestra.core.OrkestraException ? EXIT_BAD_INPUT : 1);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // users get one clear line, not a stack trace (set ORK_DEBUG=1 for the trace)
          commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          if (System.getenv("ORK_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          }
          return commandLine.getExitCodeExceptionMapper().getExitCode(e);
        });
    cli.setParameterExceptionHandler(
        (e, argv) -> {
          e.getCommandLine().getErr().println("error: " + e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return EXIT_BAD_INPUT;
        });
    return cli.execute(args);
  }
}
