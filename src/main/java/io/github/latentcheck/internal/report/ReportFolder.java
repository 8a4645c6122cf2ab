package io.github.latentcheck.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import io.github.latentcheck.report.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A report folder that is published whole: every file of a run is written into a hidden sibling
 * folder {@code .<name>.<random>.tmp}, which then takes the report folder's place by rename. A
 * report folder therefore always holds exactly one run's files, never a mix of two runs, never a
 * half-written file, and never a file left from an earlier run.
 *
 * <p>What a reader of the report folder can observe:
 * <ul>
 * <li>While the run writes: the previous report (or no folder), untouched.</li>
 * <li>Publishing where there is no folder, or an empty one: one {@code rename(2)}; the folder
 *     appears whole.</li>
 * <li>Publishing over a previous report: Linux cannot rename a folder onto a non-empty one (and
 *     Java offers no atomic exchange), so it takes two renames: the previous report moves aside to
 *     {@code .<name>.<random>.old}, the new folder moves into place, and the previous one is
 *     deleted. Between the two renames, an instant, there is no report folder; a process killed in
 *     that instant leaves the previous report in the {@code .old} sibling. When the second rename
 *     fails, the previous report is moved back.</li>
 * <li>Two runs publishing into one folder: each rename replaces a whole folder, so the last
 *     publisher wins whole; one that finds the place taken again between its two renames moves
 *     that report aside too and renames again. No lock: a run never waits for another.</li>
 * <li>Interrupted (SIGINT, SIGTERM): a shutdown hook deletes every unpublished staging folder.
 *     Killed (SIGKILL): the report folder is untouched and the hidden staging sibling stays; it can
 *     be deleted.</li>
 * </ul>
 *
 * <p>Only a latentcheck report is ever replaced: a folder that holds the marker file
 * {@value #MARKER} (written into every report), a report written before the marker existed (a
 * {@code results.json} with {@code experiment} and {@code runs}), or an empty folder. Anything
 * else is refused before the run starts ({@link #checkReplaceable}).
 *
 * <p>For tests: when the system property {@value #PAUSE_PROPERTY} names a file, a publisher
 * creates that file once its staging folder is complete and waits, before publishing, until the
 * file is deleted; a test can then kill the process, or run another publisher, at a known point.
 */
public final class ReportFolder implements AutoCloseable {
    /** The marker file in every report folder. */
    public static final String MARKER = ".latentcheck-report";
    /** The system property that pauses publishing, for tests. */
    public static final String PAUSE_PROPERTY = "latentcheck.pauseBeforePublish";

    private static final String MARKER_TEXT = "This folder is a latentcheck report. latentcheck replaces it whole "
            + "on every run into it.\n";
    private static final int PUBLISH_ATTEMPTS = 16;
    private static final long PAUSE_POLL_MILLIS = 20;
    private static final Set<ReportFolder> UNPUBLISHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ReportFolder::abandonAll, "latentcheck-report-cleanup"));
    }

    private enum State { STAGED, PUBLISHED, ABANDONED }

    private final Path target;
    private final Path place;
    private final Path staging;
    private final List<Path> createdParents;
    private State state = State.STAGED;

    private ReportFolder(Path target, Path place, Path staging, List<Path> createdParents) {
        this.target = target;
        this.place = place;
        this.staging = staging;
        this.createdParents = createdParents;
    }

    /**
     * Checks, before any work is done and without creating anything, that {@code target} can become
     * a report folder: it is missing or an empty folder or a latentcheck report, and it can be
     * written (see {@link ReportWriter#checkWritable}).
     *
     * @param target the report folder
     * @throws InvalidInputException naming the folder when it cannot be replaced
     */
    public static void checkReplaceable(Path target) {
        ReportWriter.checkWritable(target);
        Path folder = resolve(target);
        if (folder.getParent() == null) {
            throw new InvalidInputException(target + ": cannot be the output folder: it is a root folder");
        }
        // Another run may be replacing the report at this moment (two renames: the folder is briefly
        // absent, then another report), so a look that finds it missing or a report settles it, and a
        // refusal needs three looks that agree.
        for (int look = 1; ; look++) {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            boolean folderThere = Files.isDirectory(folder);
            try {
                if (folderThere && isReport(folder)) {
                    return;
                }
            } catch (InvalidInputException e) {
                if (look < 3) {
                    continue;
                }
                throw e;
            }
            if (look == 3) {
                throw folderThere ? new InvalidInputException(target + ": is not a latentcheck report folder (no "
                        + MARKER + ") and not empty; latentcheck replaces its output folder whole, so give a new or "
                        + "empty folder")
                        : new InvalidInputException(target + ": cannot be the output folder: it is not a folder");
            }
        }
    }

    /** Writes a report's files. */
    @FunctionalInterface
    public interface Contents {
        /**
         * @param folder the folder to write every file of the report into (it exists, and holds the
         *        marker file)
         * @throws IOException if writing fails
         */
        void writeInto(Path folder) throws IOException;
    }

    /**
     * Writes a report folder whole: stages it, lets {@code contents} write into it, and publishes it;
     * when anything fails, nothing is published and the staged folder is deleted. Messages that name
     * a file in the staged folder name it in {@code target} instead, where the user looks for it.
     *
     * @param target the report folder: missing, empty or a latentcheck report
     * @param contents writes the report's files
     * @throws InvalidInputException naming the folder or file when the report cannot be written
     * @throws IOException when {@code contents} fails so
     */
    public static void write(Path target, Contents contents) throws IOException {
        try (ReportFolder report = stage(target)) {
            try {
                contents.writeInto(report.directory());
            } catch (InvalidInputException e) {
                String staged = report.directory().toString();
                if (e.getMessage() == null || !e.getMessage().contains(staged)) {
                    throw e;
                }
                throw new InvalidInputException(e.getMessage().replace(staged, target.toString()), e);
            }
            report.publish();
        }
    }

    /**
     * Creates the hidden staging folder beside {@code target} (and {@code target}'s missing parent
     * folders), holding the marker file.
     *
     * @param target the report folder, checked by {@link #checkReplaceable}
     * @return the staged folder, to write into and then {@link #publish}, and to close in any case
     * @throws InvalidInputException naming the folder when it cannot be created
     */
    static ReportFolder stage(Path target) {
        checkReplaceable(target);
        Path folder = resolve(target);
        List<Path> created = createParents(target, folder.getParent());
        Path staging = sibling(folder, ".tmp");
        ReportFolder report = new ReportFolder(target, folder, staging, created);
        UNPUBLISHED.add(report);
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            report.close();
            throw new InvalidInputException(target + ": cannot create the output folder: " + describe(e), e);
        }
        AtomicFile.write(staging.resolve(MARKER), MARKER_TEXT.getBytes(StandardCharsets.UTF_8));
        return report;
    }

    /** @return the folder to write the report's files into, until {@link #publish} */
    Path directory() {
        return staging;
    }

    /**
     * Moves the staged folder into the report folder's place, as described above, and deletes the
     * previous report.
     *
     * @throws InvalidInputException when the report folder has meanwhile become something that is
     *         not a report, or cannot be replaced
     * @throws InvalidInputException also when the process is shutting down (the shutdown hook removed
     *         the staged folder)
     * @throws IllegalStateException when this folder was published already
     */
    void publish() {
        pauseForTests();
        synchronized (this) {
            if (state == State.PUBLISHED) {
                throw new IllegalStateException(staging + " is published");
            }
            if (state == State.ABANDONED) {
                throw new InvalidInputException(target + ": interrupted: the report was not published");
            }
            for (int attempt = 1; ; attempt++) {
                checkReplaceable(target);
                Path aside = moveAside();
                boolean moved;
                try {
                    moved = moveIntoPlace(attempt);
                } catch (InvalidInputException e) {
                    if (aside != null) {
                        moveBack(aside, e);
                    }
                    throw e;
                }
                if (aside != null) {
                    delete(aside);
                }
                if (moved) {
                    state = State.PUBLISHED;
                    UNPUBLISHED.remove(this);
                    return;
                }
            }
        }
    }

    /** Deletes the staging folder unless it was published. */
    @Override
    public void close() {
        abandon();
    }

    private synchronized void abandon() {
        if (state != State.STAGED) {
            return;
        }
        state = State.ABANDONED;
        UNPUBLISHED.remove(this);
        if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            // Renamed first, so that a writer still at work (the shutdown hook runs beside it) cannot
            // add files to the folder while it is deleted: its paths lead nowhere after the rename.
            Path abandoned = sibling(place, ".deleted");
            try {
                Files.move(staging, abandoned, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new InvalidInputException(staging + ": cannot remove the unpublished report: " + describe(e), e);
            }
            delete(abandoned);
        }
        for (Path parent : createdParents) {
            try {
                Files.deleteIfExists(parent);
            } catch (DirectoryNotEmptyException e) {
                // Something else has been put there since: the folder stays, and so do its parents.
                return;
            } catch (IOException e) {
                throw new InvalidInputException(parent + ": cannot remove the folder created for the report: "
                        + describe(e), e);
            }
        }
    }

    private static void abandonAll() {
        InvalidInputException failure = null;
        for (ReportFolder report : UNPUBLISHED) {
            try {
                report.abandon();
            } catch (InvalidInputException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** @return where the previous report went, or null when there was none */
    private Path moveAside() {
        if (!Files.exists(place, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path aside = sibling(place, ".old");
        try {
            Files.move(place, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (NoSuchFileException e) {
            // Another publisher moved it aside first; this one's rename below then finds the place free.
            return null;
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot move the previous report aside: " + describe(e), e);
        }
    }

    /** Puts the previous report back after the new one could not take its place. */
    private void moveBack(Path aside, InvalidInputException failure) {
        try {
            Files.move(aside, place, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** @return whether the staged folder took the report folder's place (false: another run's took it first) */
    private boolean moveIntoPlace(int attempt) {
        try {
            Files.move(staging, place, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException e) {
            if (attempt < PUBLISH_ATTEMPTS && Files.exists(place, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw new InvalidInputException(target + ": cannot publish the report: " + describe(e), e);
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot publish the report: " + describe(e), e);
        }
    }

    private void pauseForTests() {
        String pause = System.getProperty(PAUSE_PROPERTY);
        if (pause == null) {
            return;
        }
        Path signal = Path.of(pause);
        AtomicFile.write(signal, staging.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (Files.exists(signal)) {
                Thread.sleep(PAUSE_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused before publishing " + target, e);
        }
    }

    /** Whether a folder is empty, holds the marker, or holds a report written before the marker existed. */
    private static boolean isReport(Path folder) {
        if (Files.isRegularFile(folder.resolve(MARKER))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                return true;
            }
        } catch (IOException e) {
            throw new InvalidInputException(folder + ": cannot list the output folder: " + describe(e), e);
        }
        Path results = folder.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(results)) {
            JsonNode json = new ObjectMapper().readTree(in);
            return json != null && json.isObject() && json.has("experiment") && json.has("runs");
        } catch (IOException e) {
            // Not JSON, or unreadable: not a report that latentcheck wrote.
            return false;
        }
    }

    /** The folder a link leads to (so that a link to a report folder replaces that folder), else the folder's normal form. */
    private static Path resolve(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (!Files.isSymbolicLink(absolute)) {
            return absolute;
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot resolve the output folder: " + describe(e), e);
        }
    }

    /** Creates the missing folders up to {@code parent}; returns those it created, deepest first. */
    private static List<Path> createParents(Path target, Path parent) {
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        List<Path> created = new ArrayList<>();
        for (int i = missing.size() - 1; i >= 0; i--) {
            try {
                Files.createDirectory(missing.get(i));
                created.add(0, missing.get(i));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(missing.get(i))) {
                    throw new InvalidInputException(target + ": cannot be the output folder: " + missing.get(i)
                            + " is not a folder", e);
                }
            } catch (IOException e) {
                throw new InvalidInputException(target + ": cannot create the output folder: " + describe(e), e);
            }
        }
        return created;
    }

    private static Path sibling(Path folder, String suffix) {
        return folder.resolveSibling("." + folder.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + suffix);
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException(folder + ": cannot remove: " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + " " + e.getMessage();
    }
}
