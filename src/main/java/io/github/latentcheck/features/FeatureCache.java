package io.github.latentcheck.features;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.Precision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Features kept on disk so that a run does not embed the same training images again. An entry's key is the
 * SHA-256 of (the embedding's model SHA-256, its input and output names and {@linkplain Preprocessing#key()
 * preprocessing}, the data's {@linkplain ImageSource#contentHash() content hash}); it is the file
 * {@code <key>.npy} (float32 features) beside {@code <key>.sha256} (the SHA-256 of the {@code .npy} file's bytes).
 * Both are written atomically (a temporary file renamed into place), the {@code .npy} first; an entry is used only
 * when its bytes hash to the recorded value and it holds one row of the expected width per image, so a truncated,
 * altered or half-written entry is recomputed and written again, never trusted.
 *
 * <p>An entry can be read into the heap ({@link #get}) or memory-mapped ({@link #mapped}): then its bytes are
 * hashed as they stream from the file and the verified file is mapped ({@link MappedNpyFile}), so that features
 * larger than the heap (10⁶ × 2,048 float32 values are 8.2 GB) are paged in by the operating system as the
 * checks read them; a missing entry is then embedded and written one block of rows at a time. Entries are written
 * through a stream, never copied into one array of bytes.
 *
 * <p>The default folder is {@code $LATENTCHECK_FEATURE_CACHE} when set, else {@code $XDG_CACHE_HOME/latentcheck/
 * features}, else {@code ~/.cache/latentcheck/features}.
 */
public final class FeatureCache {
    private final Path folder;

    private FeatureCache(Path folder) {
        this.folder = folder;
    }

    /**
     * @param folder where entries are kept (made when first written)
     * @return the cache
     */
    public static FeatureCache at(Path folder) {
        return new FeatureCache(folder);
    }

    /** @return a cache that keeps nothing: every call computes */
    public static FeatureCache none() {
        return new FeatureCache(null);
    }

    /** @return the default folder: {@code $LATENTCHECK_FEATURE_CACHE}, {@code $XDG_CACHE_HOME/latentcheck/features} or {@code ~/.cache/latentcheck/features} */
    public static Path defaultFolder() {
        String own = System.getenv("LATENTCHECK_FEATURE_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("latentcheck").resolve("features");
    }

    /** @return the folder, when the cache keeps entries */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /**
     * @param features the embedding
     * @param images the images
     * @return the key of their entry
     */
    public static String key(Features features, ImageSource images) {
        return Hashing.ofString(features.modelSha256() + "\n" + features.settings() + "\n" + images.contentHash());
    }

    /**
     * @param key the entry's key ({@link #key})
     * @param rows the rows the entry must have
     * @param columns the columns it must have
     * @param compute makes the features when the entry is missing or not to be trusted
     * @return the features, from the entry or computed (and then stored)
     */
    public Samples get(String key, int rows, int columns, Supplier<Samples> compute) {
        if (folder == null) {
            return compute.get();
        }
        Optional<Samples> hit = read(key, rows, columns);
        if (hit.isPresent()) {
            return hit.get();
        }
        Samples computed = compute.get();
        write(key, out -> SampleFiles.writeNpy(out, computed));
        return computed;
    }

    /**
     * As {@link #get}, but the entry is memory-mapped rather than read into the heap, and a missing entry is
     * computed and written one block of rows at a time, so that the features are never all in the heap.
     *
     * @param key the entry's key ({@link #key})
     * @param rows the rows the entry must have
     * @param columns the columns it must have
     * @param blockRows rows per computed block, at least 1
     * @param compute given a block's first row, makes the features of its {@code min(blockRows, rows − first)} rows
     *     when the entry is missing or not to be trusted
     * @return the entry, mapped (computed and written first when needed); empty when the cache keeps nothing
     */
    public Optional<MappedNpyFile> mapped(String key, int rows, int columns, int blockRows,
            IntFunction<Samples> compute) {
        if (folder == null) {
            return Optional.empty();
        }
        Optional<MappedNpyFile> hit = map(key, rows, columns);
        if (hit.isPresent()) {
            return hit;
        }
        write(key, out -> SampleFiles.writeNpy(out, rows, columns, blockRows, compute));
        return Optional.of(map(key, rows, columns).orElseThrow(() -> new InvalidInputException(folder
                + ": the feature cache entry " + key + " changed while it was being written")));
    }

    private Optional<MappedNpyFile> map(String key, int rows, int columns) {
        Path npy = folder.resolve(key + ".npy");
        Optional<String> recorded = recorded(key);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest d = Hashing.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(npy), d)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(key, e);
        }
        if (!Hashing.hex(d).equals(recorded.get())) {
            return Optional.empty();
        }
        MappedNpyFile mapped;
        try {
            mapped = MappedNpyFile.open(npy);
        } catch (InvalidInputException e) {
            // as in read: bytes that match their hash but are no float32 .npy of features are recomputed, not trusted
            return Optional.empty();
        }
        return mapped.rows() == rows && mapped.columns() == columns && mapped.precision() == Precision.FLOAT32
                ? Optional.of(mapped) : Optional.empty();
    }

    private InvalidInputException unreadable(String key, IOException e) {
        return new InvalidInputException(folder + ": cannot read the feature cache entry " + key + ": "
                + e.getMessage(), e);
    }

    private Optional<String> recorded(String key) {
        try {
            return Optional.of(Files.readString(folder.resolve(key + ".sha256"), StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(key, e);
        }
    }

    private Optional<Samples> read(String key, int rows, int columns) {
        Path npy = folder.resolve(key + ".npy");
        Optional<String> recorded = recorded(key);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(npy);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(key, e);
        }
        MessageDigest d = Hashing.sha256();
        d.update(bytes);
        if (!Hashing.hex(d).equals(recorded.get())) {
            return Optional.empty();
        }
        Samples samples;
        try {
            samples = SampleFiles.readNpy(new ByteArrayInputStream(bytes), npy.toString());
        } catch (IOException | InvalidInputException e) {
            // an entry whose bytes match its recorded hash but that is no .npy of features was not written by this
            // class: it is recomputed and replaced, as documented, not trusted
            return Optional.empty();
        }
        return samples.rows() == rows && samples.columns() == columns ? Optional.of(samples) : Optional.empty();
    }

    private void write(String key, AtomicFile.Content npy) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidInputException(folder + ": cannot make the feature cache folder: " + e.getMessage(), e);
        }
        MessageDigest d = Hashing.sha256();
        AtomicFile.write(folder.resolve(key + ".npy"), out -> npy.writeTo(new DigestOutputStream(out, d)));
        AtomicFile.write(folder.resolve(key + ".sha256"), (Hashing.hex(d) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
