package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.Dims;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.bytedeco.javacpp.Pointer;

/**
 * Views for the suites written against the array-and-offset call shapes (LegacyOps and friends):
 * each argument becomes the {@link Tensor} a user would make. An input gets the call's shape; an
 * output is a 1-d view of everything from its offset (an output needs only room).
 */
final class V {
    private V() {}

    static Tensor in(Object a, int offset, int[] shape, String name) {
        Checks.notNull(a, name);
        Checks.notNull(shape, "shape");
        if (a instanceof float[] f) {
            Checks.arrayOffset(name, f.length, offset);
            return Tensor.of(f, offset, shape);
        }
        if (a instanceof double[] d) {
            Checks.arrayOffset(name, d.length, offset);
            return Tensor.of(d, offset, shape);
        }
        if (a instanceof int[] i) {
            Checks.arrayOffset(name, i.length, offset);
            return Tensor.of(i, offset, shape);
        }
        long[] l = (long[]) a;
        Checks.arrayOffset(name, l.length, offset);
        return Tensor.of(l, offset, shape);
    }

    static Tensor in(Object a, int[] shape, String name) {
        Checks.notNull(a, name);
        Checks.notNull(shape, "shape");
        if (a instanceof FloatBuffer b) {
            return Tensor.of(b, shape);
        }
        if (a instanceof DoubleBuffer b) {
            return Tensor.of(b, shape);
        }
        if (a instanceof IntBuffer b) {
            return Tensor.of(b, shape);
        }
        if (a instanceof LongBuffer b) {
            return Tensor.of(b, shape);
        }
        return in(a, 0, shape, name);
    }

    static Tensor in(DType type, Object a, int offset, int[] shape, String name) {
        Checks.notNull(type, "type");
        Checks.notNull(a, name);
        Checks.notNull(shape, "shape");
        short[] s = (short[]) a;
        Checks.arrayOffset(name, s.length, offset);
        return Tensor.of(s, type, offset, shape);
    }

    static Tensor in(DType type, Object a, int[] shape, String name) {
        Checks.notNull(type, "type");
        Checks.notNull(a, name);
        Checks.notNull(shape, "shape");
        if (a instanceof ShortBuffer b) {
            return Tensor.of(b, type, shape);
        }
        return in(type, a, 0, shape, name);
    }

    static Tensor rest(Object a, int offset, String name) {
        if (a == null) {
            return null;
        }
        int length = java.lang.reflect.Array.getLength(a);
        Checks.arrayOffset(name, length, offset);
        int[] shape = {length - offset};
        if (a instanceof float[] f) {
            return Tensor.of(f, offset, shape);
        }
        if (a instanceof double[] d) {
            return Tensor.of(d, offset, shape);
        }
        if (a instanceof int[] i) {
            return Tensor.of(i, offset, shape);
        }
        return Tensor.of((long[]) a, offset, shape);
    }

    static Tensor rest(Object a, String name) {
        if (a == null) {
            return null;
        }
        if (a instanceof FloatBuffer b) {
            return Tensor.of(b);
        }
        if (a instanceof DoubleBuffer b) {
            return Tensor.of(b);
        }
        if (a instanceof IntBuffer b) {
            return Tensor.of(b);
        }
        if (a instanceof LongBuffer b) {
            return Tensor.of(b);
        }
        if (a instanceof Buffer) {
            throw new IllegalArgumentException(name + ": unexpected buffer " + a);
        }
        return rest(a, 0, name);
    }

    /** Raw memory: the input with the call's shape, another operand 1-d ({@code shape} null). */
    static Tensor raw(long address, long count, DType type, int[] shape) {
        if (address == 0 && shape == null) {
            return null;
        }
        return OffHeap.tensor(address, count, type,
                shape != null ? shape : new int[] {(int) Math.max(0, Math.min(count, Integer.MAX_VALUE))});
    }

    static Tensor ptr(Pointer p, DType type, int[] shape) {
        if (p == null) {
            return null;
        }
        if (shape != null) {
            return OffHeap.tensor(p, type, shape);
        }
        long end = p.limit() > 0 ? p.limit() : p.capacity();
        long n = Math.max(0, Math.min(end - p.position(), Integer.MAX_VALUE));
        return OffHeap.tensor(p, type, (int) n);
    }

    /** The pre-view off-heap cross-entropy took a null (or 0) output for a reduced loss. */
    static double crossEntropy(Ops ops, Tensor logits, Tensor targets, Tensor out,
                               CrossEntropyOptions options) {
        return out == null ? ops.crossEntropy(logits, targets, options)
                : ops.crossEntropy(logits, targets, out, options);
    }

    static int slices(int[] shape, int axis) {
        return Checks.newArrayLength("logSumExp output", Dims.of(shape, axis, "shape").slices);
    }

    static int rows(int[] shape) {
        Dims d = Dims.of(shape, -1, "shape");
        return Checks.newArrayLength("tokens", d.outer);
    }
}
