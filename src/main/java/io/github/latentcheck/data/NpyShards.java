package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training set given as shards: a folder of {@code .npy} files (every {@code *.npy} in it) or a glob
 * in the file name ({@code embeddings/img_emb_*.npy}), in the order of their file names (sorted as
 * strings, so {@code img_emb_0009.npy} comes before {@code img_emb_0010.npy}). Every shard is
 * memory-mapped ({@link MappedNpyFile}); all must have the same columns and dtype. A row's identity is
 * (shard, row in the shard); its index in the whole set counts the rows of the shards before it, so
 * the order of (shard, row) and of the index agree.
 */
public final class NpyShards {
    private NpyShards() {
    }

    /**
     * @param path a training file, folder or glob
     * @return whether it names shards (a folder, or a file name with {@code *}, {@code ?} or {@code [})
     *     rather than one file
     */
    public static boolean isSharded(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return Files.isDirectory(path);
        }
        String text = name.toString();
        return Files.isDirectory(path) || text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /**
     * @param path a folder (its {@code *.npy} files) or a glob in the file name
     * @return the shard files, sorted by file name
     * @throws InvalidInputException if the folder is missing or unreadable or nothing matches
     */
    public static List<Path> list(Path path) {
        return ShardFiles.list(path, "npy");
    }

    /**
     * Opens every shard of {@link #list(Path)}, mapped.
     *
     * @param path a folder or glob
     * @return the mapped shards, in order
     * @throws InvalidInputException as {@link #list(Path)} and {@link MappedNpyFile#open(Path)}, if a
     *     shard's columns or dtype differ from the first shard's (naming both), or if the shards hold
     *     more than {@code Integer.MAX_VALUE − 8} rows together
     */
    public static List<MappedNpyFile> open(Path path) {
        List<MappedNpyFile> shards = new ArrayList<>();
        for (Path file : list(path)) {
            shards.add(MappedNpyFile.open(file));
        }
        requireAlike(shards);
        return List.copyOf(shards);
    }

    /**
     * @param shards mapped shards
     * @throws InvalidInputException if there are none, if a shard's columns or dtype differ from the
     *     first shard's (naming both), or if they hold more than {@code Integer.MAX_VALUE − 8} rows together
     */
    public static void requireAlike(List<MappedNpyFile> shards) {
        if (shards.isEmpty()) {
            throw new InvalidInputException("a sharded training set needs at least one shard");
        }
        MappedNpyFile first = shards.get(0);
        long rows = 0;
        for (MappedNpyFile shard : shards) {
            if (shard.columns() != first.columns() || shard.precision() != first.precision()) {
                throw new InvalidInputException(shard.source() + ": shard has " + shard.columns() + " columns of "
                        + shard.precision() + " but the first shard " + first.source() + " has "
                        + first.columns() + " columns of " + first.precision());
            }
            rows += shard.rows();
            if (rows > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(shard.source() + ": the shards up to this one hold " + rows
                        + " rows, more than the " + (Integer.MAX_VALUE - 8) + " a training set may have");
            }
        }
    }

    /**
     * Reads every shard into memory, one after another, for checks that need the rows in the heap
     * ({@code coverage --reference}).
     *
     * @param path a folder or glob
     * @return the shards' rows, stacked in order
     * @throws InvalidInputException as {@link #open(Path)}, or if a value is not finite
     */
    public static Samples read(Path path) {
        List<Samples> parts = new ArrayList<>();
        for (MappedNpyFile shard : open(path)) {
            parts.add(SampleFiles.readSamples(Path.of(shard.source())));
        }
        return Samples.stack(parts);
    }
}
