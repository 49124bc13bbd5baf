package io.newsroute.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.newsroute.app.config.ConfigurationException;

/** The `./newsroute` command line. Every subcommand has {@code --help}. */
@Command(name = "newsroute",
        mixinStandardHelpOptions = true,
        versionProvider = Newsroute.Version.class,
        description = {
            "Multilingual news classification on Apache Kafka: ingest articles, detect their language,",
            "label them (cloud-outage, security-breach, stock-commentary), route them to per-label topics",
            "and index them into OpenSearch for search.",
            "",
            "Without --bootstrap-servers / --search-url, `demo` and `run` start an embedded Kafka broker",
            "and an embedded OpenSearch node in this process."},
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            IngestCommand.class,
            ClassifyCommand.class,
            EvaluateFactsCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            SearchCommand.class,
            ReplayCommand.class,
            TopicsCommand.class,
            DlqCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Start with:  ./newsroute demo --once"})
public final class Newsroute implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 usage or configuration error). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its error handling: a {@link ConfigurationException} exits with 2, like a usage error. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Newsroute());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigurationException config) {
                config.problems().forEach(problem -> commandLine.getErr().println("error: " + problem));
                return CommandLine.ExitCode.USAGE;
            }
            commandLine.getErr().println("error: " + message(ex));
            return 1;
        });
        return cli;
    }

    private static String message(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest (set by Maven), else "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Newsroute.class.getPackage().getImplementationVersion();
            return new String[] {"newsroute " + (version == null ? "development build" : version)};
        }
    }
}
