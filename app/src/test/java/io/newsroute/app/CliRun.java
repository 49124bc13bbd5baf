package io.newsroute.app;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/**
 * One in-process run of the {@code newsroute} command line with its output captured, with the real
 * command line's error handling ({@link Newsroute#commandLine()}): an exception from a command is exit
 * code 1, a configuration error exit code 2, each with {@code error: ...} lines on stderr.
 */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Newsroute.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
