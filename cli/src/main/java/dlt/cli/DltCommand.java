package dlt.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dlt} command line. Exit codes: 0 done, 99 a threshold failed, 1 could not run. */
@Command(name = "dlt", mixinStandardHelpOptions = true, version = "dlt 0.1.0",
        description = "Distributed load testing: run HTTP load tests from one machine or many workers.",
        subcommands = {RunCommand.class, UpCommand.class, PlatformCommands.Scenarios.class,
                PlatformCommands.Create.class, PlatformCommands.Start.class, PlatformCommands.Status.class,
                PlatformCommands.Cancel.class, PlatformCommands.Results.class, PlatformCommands.Report.class,
                CommandLine.HelpCommand.class})
public final class DltCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_THRESHOLD_FAILED = 99;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DltCommand());
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("dlt: " + e.getMessage() + " (see 'dlt " + commandName(e.getCommandLine()) + " --help')");
            return EXIT_ERROR;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A usage problem is ours and may list several lines (one per invalid field); anything else is shown in one line.
            commandLine.getErr().println("dlt: " + (e instanceof UsageException ? e.getMessage() : oneLine(e)));
            return EXIT_ERROR;
        });
        return cli;
    }

    private static String commandName(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName();
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
