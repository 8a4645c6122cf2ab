package io.github.latentcheck.report;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import io.github.latentcheck.internal.report.ReportFolder;
import io.github.latentcheck.run.ExperimentResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a report folder so that it is never half-written and never mixes runs: every file is
 * rendered in memory first, then written into a staged folder that is published whole
 * ({@link ReportFolder}).
 */
public final class ReportWriter {
    private final List<Reporter> reporters;

    private ReportWriter(List<Reporter> reporters) {
        this.reporters = reporters;
    }

    /**
     * The defaults: the files every run of the command line writes, {@link Reporter#resultsJson()
     * results.json}, {@link Reporter#junitXml() junit.xml}, {@link Reporter#summaryMarkdown() summary.md}
     * and {@link Reporter#html() index.html}.
     *
     * @return the writer with the defaults
     */
    public static ReportWriter withDefaults() {
        return new ReportWriter(List.of(Reporter.resultsJson(), Reporter.junitXml(), Reporter.summaryMarkdown(),
                Reporter.html()));
    }

    /**
     * @param files the files to write, in order (checks' per-sample tables are always written after
     *     them), such as {@code List.of(Reporter.resultsJson())} for {@code results.json} alone
     * @return a writer like this one that writes these files instead
     * @throws InvalidInputException when two of them have the same file name
     */
    public ReportWriter withReporters(List<Reporter> files) {
        List<Reporter> copy = List.copyOf(files);
        Set<String> names = new HashSet<>();
        for (Reporter reporter : copy) {
            if (!names.add(reporter.fileName())) {
                throw new InvalidInputException("reporters: two write " + reporter.fileName());
            }
        }
        return new ReportWriter(copy);
    }

    /** @return the files this writer writes, in order */
    public List<Reporter> reporters() {
        return reporters;
    }

    /**
     * Checks, before any work is done and without creating anything, that {@code directory} is a
     * folder that can be written or can be created: its nearest existing ancestor is a writable folder.
     *
     * @param directory the report folder
     * @throws InvalidInputException naming the folder when it could not be written
     */
    public static void checkWritable(Path directory) {
        while (true) {
            Path existing = directory.toAbsolutePath().normalize();
            // Asked as "a folder?" first, then "anything there?", and the first asked again: a report that
            // another run is replacing at this moment is briefly absent, never a file, and must not be
            // taken for one.
            while (existing != null && !Files.isDirectory(existing)) {
                if (Files.exists(existing) && !Files.isDirectory(existing)) {
                    throw new InvalidInputException(directory + ": cannot be the output folder: " + existing
                            + " is not a folder");
                }
                existing = existing.getParent();
            }
            if (existing == null) {
                throw new InvalidInputException(directory + ": cannot be the output folder: no existing parent");
            }
            BasicFileAttributes before = attributes(directory, existing);
            if (Files.isWritable(existing)) {
                return;
            }
            // Not writable, or replaced by a run publishing its report since it was found (moved aside,
            // then a new folder put in its place): only the same folder, still there, is read-only;
            // otherwise the walk starts again.
            BasicFileAttributes after = attributes(directory, existing);
            if (before != null && after != null && after.isDirectory()
                    && Objects.equals(before.fileKey(), after.fileKey())) {
                throw new InvalidInputException(directory + ": the output folder is not writable ("
                        + existing + " is read-only)");
            }
        }
    }

    /**
     * @return the attributes of {@code path} (its {@code fileKey()} is its device and inode on Unix, or
     *     null where the file system has none), or null when nothing is there
     */
    private static BasicFileAttributes attributes(Path directory, Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new InvalidInputException(directory + ": cannot be the output folder: " + path + ": "
                    + e.getMessage());
        }
    }

    /**
     * Writes a whole report and publishes it ({@link ReportFolder}): the folder then holds this
     * run's files and nothing else.
     *
     * @param directory the report folder: missing, empty or a latentcheck report
     * @param result the finished run
     * @return the files written, in order, in the published folder
     * @throws InvalidInputException naming the folder or file when the report cannot be written;
     *         nothing is published then
     */
    public List<Path> write(Path directory, ExperimentResult result) {
        List<String> names = new ArrayList<>();
        try {
            ReportFolder.write(directory, folder -> names.addAll(writeInto(folder, result)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names.stream().map(directory::resolve).toList();
    }

    /**
     * Writes a report's files into a folder, such as the one {@link ReportFolder#write} stages, to
     * which the caller may add other files of the run before it is published.
     *
     * @param folder an existing folder
     * @param result the finished run
     * @return the names of the files written, in order
     * @throws InvalidInputException naming the file when it cannot be written
     */
    public List<String> writeInto(Path folder, ExperimentResult result) {
        Map<String, byte[]> rendered = new LinkedHashMap<>();
        for (Reporter reporter : reporters) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try {
                reporter.write(result, buffer);
            } catch (IOException e) {
                throw new UncheckedIOException("rendering " + reporter.fileName() + " failed", e);
            }
            rendered.put(reporter.fileName(), buffer.toByteArray());
        }
        rendered.putAll(SampleTableCsv.render(result));
        for (Map.Entry<String, byte[]> file : rendered.entrySet()) {
            AtomicFile.write(folder.resolve(file.getKey()), file.getValue());
        }
        return List.copyOf(rendered.keySet());
    }
}
