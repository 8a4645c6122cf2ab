package io.github.latentcheck.internal.data;

import io.github.latentcheck.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is never seen half-written: the content goes to a temporary file beside
 * the target, is forced to disk, and the temporary file is moved into place (atomically where the
 * file system allows). On any failure the temporary file is removed and the target is left as it
 * was. Files are created with the usual permissions (not owner-only, as
 * {@link Files#createTempFile} would make them).
 */
public final class AtomicFile {
    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFile() {
    }

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where the content goes (buffered; not to be closed)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param file the file to write, in an existing folder
     * @param bytes its content
     * @throws InvalidInputException naming the file when it cannot be written
     */
    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /**
     * @param file the file to write, in an existing folder
     * @param content writes the file's content
     * @throws InvalidInputException naming the file when it cannot be written
     */
    public static void write(Path file, Content content) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(source + ": is a directory");
        }
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException(source + ": cannot write: " + folder + " is not an existing folder");
        }
        Path temporary = folder.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temporary, target);
        } catch (IOException e) {
            InvalidInputException failure = new InvalidInputException(source + ": cannot write: "
                    + reason(e), e);
            deleteTemporary(temporary, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            deleteTemporary(temporary, e);
            throw e;
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTemporary(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /**
     * @param e an I/O failure
     * @return one line saying why it failed
     */
    public static String reason(IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or folder: " + ((NoSuchFileException) e).getFile();
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            reason = ((FileSystemException) e).getReason();
        } else if (e.getMessage() != null) {
            reason = e.getMessage();
        } else {
            reason = e.getClass().getSimpleName();
        }
        return reason.replaceAll("\\s+", " ").strip();
    }
}
