package io.orkestra.runtime.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ork version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of ork and of the stacks it runs on.")
public final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : new VersionInfo().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }
}
