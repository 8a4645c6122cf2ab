package io.github.latentcheck.features;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
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
        write(key, computed);
        return computed;
    }

    private Optional<Samples> read(String key, int rows, int columns) {
        Path npy = folder.resolve(key + ".npy");
        Path sum = folder.resolve(key + ".sha256");
        byte[] bytes;
        String recorded;
        try {
            bytes = Files.readAllBytes(npy);
            recorded = Files.readString(sum, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException(folder + ": cannot read the feature cache entry " + key + ": "
                    + e.getMessage(), e);
        }
        MessageDigest d = Hashing.sha256();
        d.update(bytes);
        if (!Hashing.hex(d).equals(recorded)) {
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

    private void write(String key, Samples samples) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidInputException(folder + ": cannot make the feature cache folder: " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SampleFiles.writeNpy(out, samples);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        byte[] bytes = out.toByteArray();
        MessageDigest d = Hashing.sha256();
        d.update(bytes);
        AtomicFile.write(folder.resolve(key + ".npy"), bytes);
        AtomicFile.write(folder.resolve(key + ".sha256"), (Hashing.hex(d) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
