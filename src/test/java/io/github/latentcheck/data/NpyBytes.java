package io.github.latentcheck.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds {@code .npy} bytes by hand, including malformed ones, for the reader tests. */
final class NpyBytes {
    private NpyBytes() {
    }

    /** A version 1.0 file with this header dict and data. */
    static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    /**
     * A file of the given format version (1, 2 or 3) with this header dict, padded with spaces and a
     * newline to a multiple of 64 bytes as NumPy does, followed by the data.
     */
    static byte[] npy(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer preamble = ByteBuffer.allocate(8 + lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            preamble.putShort((short) text.length);
        } else {
            preamble.putInt(text.length);
        }
        return concat(preamble.array(), text, data);
    }

    /** The usual header dict for a C-order array. */
    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static byte[] f4(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    static byte[] f4BigEndian(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.BIG_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    static byte[] f8(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    static byte[] i4(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }

    static byte[] i8(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return buffer.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
