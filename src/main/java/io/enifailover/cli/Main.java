package io.enifailover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code run} against a cluster and AWS, {@code demo} on embedded defaults. */
@Command(
    name = "eni-failover-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Declarative EC2 network interface failover for Kubernetes.",
    subcommands = {RunCommand.class, DemoCommand.class, BenchCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Main::reportFailure)
        .execute(args));
  }

  /** A failure to start is an expected state (port taken, no kubeconfig): one clear line, no stack trace. */
  private static int reportFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String cause = root == e ? "" : ": " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    commandLine.getErr().println("eni-failover-operator: " + e.getMessage() + cause);
    return 1;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"eni-failover-operator " + (v == null ? "dev" : v)};
    }
  }
}
