package io.github.latentcheck.features;

/**
 * Images read one at a time, in a fixed order, so that a set of any size is embedded batch by batch without
 * holding it decoded in memory: a folder of PNG/JPEG files ({@link ImageFolder}) or rows of values read as
 * image tensors ({@link ImageRows}).
 */
public interface ImageSource {
    /** @return the number of images */
    int size();

    /**
     * @param index 0 ≤ index &lt; {@link #size()}
     * @return the image, decoded now
     * @throws io.github.latentcheck.InvalidInputException naming the file or row when it cannot be read
     */
    Image read(int index);

    /**
     * @return the SHA-256 (hex) of what the images are made from (the files' names and bytes, or the values), the
     *     data part of the {@linkplain FeatureCache feature cache}'s key
     */
    String contentHash();

    /**
     * @param index 0 ≤ index &lt; {@link #size()}
     * @return what messages call that image: its file, or its row
     */
    String name(int index);

    /** @return where the images come from, for messages and progress */
    String description();
}
