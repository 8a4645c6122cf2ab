package io.github.latentcheck.features;

import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.ReferenceRows;
import java.util.Objects;
import java.util.Optional;

/**
 * A data set's features: rows in the heap, or a cache entry memory-mapped ({@link FeatureStage#embedData}); the
 * values are the same either way. Checks that stream their reference rows (the memorization check) read mapped
 * features as {@link ReferenceRows}; the others need them in the heap.
 */
public final class FeatureRows {
    private final Samples inHeap;
    private final MappedNpyFile mapped;

    private FeatureRows(Samples inHeap, MappedNpyFile mapped) {
        this.inHeap = inHeap;
        this.mapped = mapped;
    }

    /**
     * @param rows features in the heap
     * @return them
     */
    static FeatureRows inHeap(Samples rows) {
        return new FeatureRows(Objects.requireNonNull(rows, "rows"), null);
    }

    /**
     * @param file a mapped cache entry
     * @return its rows
     */
    static FeatureRows mapped(MappedNpyFile file) {
        return new FeatureRows(null, Objects.requireNonNull(file, "file"));
    }

    /** @return the features, when they are in the heap */
    public Optional<Samples> inHeap() {
        return Optional.ofNullable(inHeap);
    }

    /** @return the features as rows that a search streams, when they are memory-mapped */
    public Optional<ReferenceRows> mapped() {
        return Optional.ofNullable(mapped).map(ReferenceRows::of);
    }
}
