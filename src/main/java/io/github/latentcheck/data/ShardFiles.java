package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The files of a sharded training set: a folder's files of one extension, or a glob in the file name. */
final class ShardFiles {
    private ShardFiles() {
    }

    /**
     * @param path a folder (its {@code *.extension} files) or a glob in the file name
     * @param extension the shards' file extension without the dot, such as {@code npy}
     * @return the shard files, sorted by file name (as strings)
     * @throws InvalidInputException if the folder is missing or unreadable, nothing matches, or a
     *     matching file has another extension
     */
    static List<Path> list(Path path, String extension) {
        boolean folder = Files.isDirectory(path);
        Path dir = folder ? path : path.toAbsolutePath().getParent();
        String pattern = folder ? "*." + extension : path.getFileName().toString();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName()) && !Files.isDirectory(entry)) {
                    shards.add(folder ? entry : path.resolveSibling(entry.getFileName()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": no such folder: " + dir, e);
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot list " + dir + ": " + AtomicFile.reason(e), e);
        }
        if (shards.isEmpty()) {
            throw new InvalidInputException(path + ": no shard matches "
                    + (folder ? "*." + extension + " in the folder" : pattern));
        }
        shards.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path shard : shards) {
            if (!shard.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + extension)) {
                throw new InvalidInputException(shard + ": shard is not a ." + extension + " file");
            }
        }
        return List.copyOf(shards);
    }
}
