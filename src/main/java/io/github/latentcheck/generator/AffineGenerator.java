package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.spec.Options;

/**
 * G(z) = A z + b, with A of shape (outputs × inputs). The matrix and bias are given inline in the
 * spec or read from {@code .npy}/{@code .csv} files. The products are summed in double precision.
 */
public final class AffineGenerator implements Generator {
    private final double[][] matrix;
    private final double[] bias;

    private AffineGenerator(double[][] matrix, double[] bias) {
        this.matrix = matrix;
        this.bias = bias;
    }

    /**
     * @param matrix A, one row per output, all rows of one length (the input dimension)
     * @param bias b, one value per output
     * @return the affine map
     */
    public static AffineGenerator of(double[][] matrix, double[] bias) {
        if (matrix.length == 0 || matrix[0].length == 0) {
            throw new InvalidInputException("affine matrix is empty");
        }
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i].length != matrix[0].length) {
                throw new InvalidInputException("affine matrix row " + i + " has " + matrix[i].length
                        + " values, not " + matrix[0].length);
            }
            copy[i] = matrix[i].clone();
        }
        if (bias.length != matrix.length) {
            throw new InvalidInputException("affine bias has " + bias.length + " values but the matrix has "
                    + matrix.length + " rows");
        }
        return new AffineGenerator(copy, bias.clone());
    }

    @Override
    public int inputDimension() {
        return matrix[0].length;
    }

    @Override
    public int outputDimension() {
        return matrix.length;
    }

    @Override
    public Samples generate(Latents latents) {
        int n = latents.rows();
        int in = inputDimension();
        int out = outputDimension();
        double[] z = latents.toArray();
        float[] x = new float[n * out];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < out; i++) {
                double s = bias[i];
                double[] a = matrix[i];
                for (int j = 0; j < in; j++) {
                    s += a[j] * z[r * in + j];
                }
                x[r * out + i] = (float) s;
            }
        }
        return Samples.ofOwned(n, out, x);
    }

    /** Provides {@code type: affine} with {@code matrix} and {@code bias} inline or as file paths. */
    public static final class Provider implements GeneratorProvider {
        @Override
        public String type() {
            return "affine";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            double[][] a = options.has("matrix_file")
                    ? toMatrix(SampleFiles.readLatents(options.requirePath("matrix_file")))
                    : options.matrix("matrix");
            double[] b;
            if (options.has("bias_file")) {
                b = SampleFiles.readLatents(options.requirePath("bias_file")).toArray();
            } else if (options.has("bias")) {
                b = options.numbers("bias");
            } else {
                b = new double[a.length];
            }
            return of(a, b);
        }

        private static double[][] toMatrix(Latents m) {
            double[][] rows = new double[m.rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = m.row(i);
            }
            return rows;
        }
    }
}
