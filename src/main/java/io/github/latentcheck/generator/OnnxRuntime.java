package io.github.latentcheck.generator;

/**
 * Whether ONNX Runtime, an optional dependency, is on the class path. This class refers to none of its
 * types, so asking never loads them (a class that does, such as {@link OnnxGenerator}, cannot be loaded
 * without it).
 */
public final class OnnxRuntime {
    private OnnxRuntime() {
    }

    /** @return whether {@code ai.onnxruntime.OrtEnvironment} can be loaded */
    public static boolean isPresent() {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, OnnxRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
