package io.github.latentcheck.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int status, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LatentcheckCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Cli(status, out.toString(), err.toString());
    }

    /**
     * The test class path without the provided jars (Apache Spark's 200 jars, whose zip directories
     * alone fill a 32 MB heap): the class folders and the runtime jars Maven lists in
     * {@code target/runtime-classpath.txt}, as the command-line jar holds them.
     */
    static String runtimeClassPath() {
        Set<String> runtime;
        try {
            runtime = Set.of(Files.readString(Path.of("target", "runtime-classpath.txt"), StandardCharsets.UTF_8)
                    .strip().split(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry)) || runtime.contains(entry))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
