package io.github.latentcheck.features;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.spec.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A spec's {@code features:} section: the embedding model (ONNX), its preprocessing, how rows of values are read
 * as images, and the cache. Keys (defaults in brackets):
 *
 * <pre>
 * features:
 *   model: models/inception.onnx   # required
 *   input: images                  # [the model's only input]
 *   output: features               # [the model's only output]
 *   layout: NCHW                   # NCHW | NHWC [NCHW]
 *   size: [299, 299]               # the model's input height and width [the model's, when it fixes them;
 *                                  # required when its height and width are dynamic]
 *   channels: 3                    # 1 | 3 [3]
 *   resize: bilinear               # bilinear | bicubic (Pillow's, antialiased) [bilinear]
 *   range: [0, 1]                  # the model's values for black and white [[0, 1]]
 *   mean: [0.485, 0.456, 0.406]    # per channel, or one for all [[0]]
 *   std: [0.229, 0.224, 0.225]     # [[1]]
 *   batch: 64                      # images per call [64]
 *   threads: 0                     # ONNX Runtime intra-op threads, 0 its default [0]
 *   image_shape: [1, 8, 8]         # rows of .npy/.csv data and of generated samples as [C, H, W] or [H, W]
 *                                  # [the samples' own image shape, e.g. an onnx generator's sidecar]
 *   data_range: [0, 1]             # those rows' values for black and white [[0, 1]]
 *   cache: none                    # a folder below the spec's, or none [FeatureCache.defaultFolder()]
 *   memory_map: auto               # auto | always | never: the training features memory-mapped from their cache
 *                                  # entry, auto when they would take more than a quarter of the heap [auto]
 * </pre>
 *
 * Folders of PNG/JPEG images decode to [0, 1] whatever {@code data_range} says.
 */
public final class FeatureStage {
    /** When the training features are memory-mapped from their cache entry rather than held in the heap. */
    public enum MemoryMap {
        /** when they would take more than {@link MappedNpyFile#HEAP_SHARE} of the maximum heap, as raw training files */
        AUTO,
        /** always (the spec must keep a cache) */
        ALWAYS,
        /** never */
        NEVER
    }

    /** Images per block when mapped features are embedded into their cache entry. */
    static final int MAPPED_BLOCK_IMAGES = 16_384;

    private final Path model;
    private final String input;
    private final String output;
    private final Preprocessing preprocessing;
    private final int batch;
    private final int threads;
    private final int[] imageShape;
    private final double low;
    private final double high;
    private final FeatureCache cache;
    private final String modelSha256;
    private final int dimension;
    private final String where;
    private final MemoryMap memoryMap;

    private FeatureStage(Path model, String input, String output, Preprocessing preprocessing, int batch, int threads,
            int[] imageShape, double low, double high, FeatureCache cache, String modelSha256, int dimension,
            String where, MemoryMap memoryMap) {
        this.model = model;
        this.input = input;
        this.output = output;
        this.preprocessing = preprocessing;
        this.batch = batch;
        this.threads = threads;
        this.imageShape = imageShape;
        this.low = low;
        this.high = high;
        this.cache = cache;
        this.modelSha256 = modelSha256;
        this.dimension = dimension;
        this.where = where;
        this.memoryMap = memoryMap;
    }

    /**
     * Reads the section and opens the model once, so that a bad model or preprocessing fails before any work.
     *
     * @param options the {@code features} section
     * @return the stage
     * @throws InvalidInputException naming the key at fault
     */
    public static FeatureStage of(Options options) {
        Path model = options.requirePath("model");
        String input = options.has("input") ? options.requireString("input") : null;
        String output = options.has("output") ? options.requireString("output") : null;
        Preprocessing.Layout layout = choice(options, "layout", Preprocessing.Layout.NCHW, "NCHW or NHWC");
        int[] size = options.has("size") ? options.integers("size") : modelSize(options, model, input, output, layout);
        if (size.length != 2) {
            throw new InvalidInputException(options.where("size") + ": size is not [height, width]");
        }
        ResizeFilter filter = choice(options, "resize", ResizeFilter.BILINEAR, "bilinear or bicubic");
        double[] range = pair(options, "range");
        double[] dataRange = pair(options, "data_range");
        Preprocessing preprocessing;
        try {
            preprocessing = Preprocessing.of(layout, size[0], size[1], options.integer("channels", 3, 1), filter,
                    range[0], range[1], numbers(options, "mean", 0), numbers(options, "std", 1));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(options.where() + ": " + e.getMessage(), e);
        }
        int batch = options.integer("batch", 64, 1);
        int threads = options.integer("threads", 0, 0);
        int[] imageShape = options.has("image_shape") ? options.integers("image_shape") : new int[0];
        FeatureCache cache = cache(options);
        MemoryMap memoryMap = choice(options, "memory_map", MemoryMap.AUTO, "auto, always or never");
        if (memoryMap == MemoryMap.ALWAYS && cache.folder().isEmpty()) {
            throw new InvalidInputException(options.where("memory_map") + ": memory_map: always maps the training "
                    + "features from their cache entry, but cache is none");
        }
        String where = options.where();
        options.rejectUnknownKeys();
        try (OnnxFeatures f = OnnxFeatures.open(model, input, output, preprocessing, batch, threads)) {
            return new FeatureStage(model, input, output, preprocessing, batch, threads, imageShape, dataRange[0],
                    dataRange[1], cache, f.modelSha256(), f.dimension(), where, memoryMap);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
    }

    /** @return the input's height and width that the model fixes, for a section without {@code size} */
    private static int[] modelSize(Options options, Path model, String input, String output,
            Preprocessing.Layout layout) {
        Optional<int[]> size;
        try {
            size = OnnxFeatures.inputSize(model, input, output, layout);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(options.where() + ": " + e.getMessage(), e);
        }
        return size.orElseThrow(() -> new InvalidInputException(options.where() + ": features.size is missing and "
                + model + " leaves its input's height and width dynamic: give size: [height, width]"));
    }

    /** @return the constant a key names, case-insensitively, or the fallback when the key is absent */
    private static <E extends Enum<E>> E choice(Options options, String key, E fallback, String allowed) {
        String name = options.string(key, fallback.name());
        try {
            return Enum.valueOf(fallback.getDeclaringClass(), name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(options.where(key) + ": " + key + " is not " + allowed + ": " + name, e);
        }
    }

    private static double[] pair(Options options, String key) {
        if (!options.has(key)) {
            return new double[] {0, 1};
        }
        double[] v = options.numbers(key);
        if (v.length != 2) {
            throw new InvalidInputException(options.where(key) + ": " + key + " is not [low, high]");
        }
        return v;
    }

    private static double[] numbers(Options options, String key, double fallback) {
        return options.has(key) ? options.numbers(key) : new double[] {fallback};
    }

    private static FeatureCache cache(Options options) {
        if (!options.has("cache")) {
            return FeatureCache.at(FeatureCache.defaultFolder());
        }
        if ("none".equals(options.requireString("cache"))) {
            return FeatureCache.none();
        }
        Path base = options.baseDirectory().toAbsolutePath().normalize();
        Path folder = options.requirePath("cache").toAbsolutePath().normalize();
        if (!folder.startsWith(base) || folder.equals(base)) {
            throw new InvalidInputException(options.where("cache") + ": cache is not a folder below the spec's "
                    + "folder: " + options.requireString("cache") + " (specs write only below their own folder)");
        }
        return FeatureCache.at(folder);
    }

    /** @return the model file */
    public Path model() {
        return model;
    }

    /** @return the model file's SHA-256 (hex) */
    public String modelSha256() {
        return modelSha256;
    }

    /** @return the values per feature vector */
    public int dimension() {
        return dimension;
    }

    /** @return the preprocessing */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** @return the cache */
    public FeatureCache cache() {
        return cache;
    }

    /** @return a new session on the model; the caller closes it */
    public Features open() {
        return OnnxFeatures.open(model, input, output, preprocessing, batch, threads);
    }

    /**
     * @param file a data file ({@code .npy}, {@code .csv}) or a folder of images
     * @param rows the file's rows as read, or null for a folder
     * @param key the spec's key that names it, for messages ({@code data.training})
     * @return its images, not yet decoded; a file's rows are keyed in the cache by the file's SHA-256
     */
    public ImageSource images(Path file, Samples rows, String key) {
        if (Files.isDirectory(file)) {
            return ImageFolder.of(file);
        }
        return rows(rows, file + " (" + key + ")", Hashing.ofFile(file));
    }

    /**
     * @param rows rows of values, such as a batch of generated samples or a data file's rows
     * @param description what messages call them
     * @param hash the SHA-256 of their file, or null
     * @return the rows as images, shaped by {@code image_shape} or, without it, by the rows' own image shape
     */
    public ImageSource rows(Samples rows, String description, String hash) {
        int[] shape = imageShape.length > 0 ? imageShape : rows.imageShape();
        if (shape.length == 0) {
            throw new InvalidInputException(where + ": " + description + " holds rows of " + rows.columns()
                    + " values and no image shape: give features.image_shape, e.g. [1, 8, 8] or [3, 32, 32]");
        }
        return ImageRows.of(rows, shape, low, high, description, hash);
    }

    /**
     * @param features an open session ({@link #open()})
     * @param images the images
     * @param cached whether to use the cache (data sets; generated samples change with the seed and are not cached)
     * @param progress told the images done
     * @return their features
     */
    public Samples embed(Features features, ImageSource images, boolean cached, LongConsumer progress) {
        if (!cached) {
            return features.embed(images, progress);
        }
        return cache.get(FeatureCache.key(features, images), images.size(), features.dimension(),
                () -> features.embed(images, progress));
    }

    /**
     * The features of a data set, cached: memory-mapped from the cache entry when {@code memory_map} says so
     * ({@link #mapsFeatures}), else in the heap. A mapped entry that is missing is embedded in blocks of about
     * {@value #MAPPED_BLOCK_IMAGES} images (a whole number of batches, so that ONNX Runtime sees the same batches as
     * when the features are embedded in the heap) and written block by block. The values are the same either way.
     *
     * @param features an open session ({@link #open()})
     * @param images the data set's images
     * @param progress told the images done
     * @return the features, in the heap or mapped
     */
    public FeatureRows embedData(Features features, ImageSource images, LongConsumer progress) {
        String key = FeatureCache.key(features, images);
        if (cache.folder().isPresent()
                && mapsFeatures(memoryMap, images.size(), features.dimension(), Runtime.getRuntime().maxMemory())) {
            int block = batch * Math.max(1, MAPPED_BLOCK_IMAGES / batch);
            return FeatureRows.mapped(cache.mapped(key, images.size(), features.dimension(), block,
                    from -> features.embed(new Slice(images, from, Math.min(images.size(), from + block)),
                            done -> progress.accept(from + done))).orElseThrow());
        }
        return FeatureRows.inHeap(cache.get(key, images.size(), features.dimension(),
                () -> features.embed(images, progress)));
    }

    /** Images [from, to) of a source, as a source of their own (the names and messages stay the source's). */
    private record Slice(ImageSource source, int from, int to) implements ImageSource {
        @Override
        public int size() {
            return to - from;
        }

        @Override
        public Image read(int index) {
            return source.read(from + index);
        }

        @Override
        public String contentHash() {
            return Hashing.ofString(source.contentHash() + " [" + from + ", " + to + ")");
        }

        @Override
        public String name(int index) {
            return source.name(from + index);
        }

        @Override
        public String description() {
            return source.description();
        }
    }

    /**
     * @param memoryMap the spec's choice
     * @param rows the feature rows
     * @param columns the values per row
     * @param maxHeap the heap's limit in bytes
     * @return whether features of that size are mapped: always, never, or when their float32 values take more than
     *     {@link MappedNpyFile#HEAP_SHARE} of the heap
     */
    static boolean mapsFeatures(MemoryMap memoryMap, long rows, int columns, long maxHeap) {
        return switch (memoryMap) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> rows * columns * (double) Float.BYTES > MappedNpyFile.HEAP_SHARE * maxHeap;
        };
    }

    /** @return the folder entries are kept in, when there is one */
    public Optional<Path> cacheFolder() {
        return cache.folder();
    }
}
