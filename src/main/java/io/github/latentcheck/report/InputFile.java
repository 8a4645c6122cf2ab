package io.github.latentcheck.report;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.NpyShards;
import io.github.latentcheck.data.ParquetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A file a run read (spec, training or holdout data), identified for reproduction by its size and
 * SHA-256 digest.
 *
 * @param role what the file was for, e.g. {@code "training"}
 * @param path where it was
 * @param bytes its size
 * @param sha256 its SHA-256 digest, in hex
 */
record InputFile(String role, Path path, long bytes, String sha256) {

    static InputFile of(String role, Path path, byte[] content) {
        try {
            return new InputFile(role, path, content.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @param role what the files were for
     * @param path one file, or a folder or glob of shards ({@link NpyShards}, {@link ParquetFiles})
     * @return the file, or every shard in order
     */
    static List<InputFile> ofShards(String role, Path path) {
        boolean parquet = ParquetFiles.isParquet(path);
        if (!parquet && !NpyShards.isSharded(path)) {
            return List.of(of(role, path));
        }
        List<InputFile> shards = new ArrayList<>();
        for (Path shard : parquet ? ParquetFiles.list(path) : NpyShards.list(path)) {
            shards.add(of(role, shard));
        }
        return shards;
    }

    static InputFile of(String role, Path path) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
            }
            return new InputFile(role, path, size,
                    HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()));
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read to record its digest: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
