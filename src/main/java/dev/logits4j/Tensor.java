package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.Dims;
import dev.logits4j.internal.plan.Operand;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * A typed view of memory the caller owns, with a shape: every argument of every op of
 * {@link Ops} is one. A view is made once (per buffer, per request, per model output) and
 * reused for every call: making it reads the memory's bounds (an array's length, a buffer's
 * position, limit and byte order, a segment's size) and checks that the shape fits; a call reads
 * only the elements. Views are immutable and may be shared between threads; the memory behind
 * them is the caller's, and may change between calls (and, for inputs, even during one: every
 * index an op reads from it is checked as it is read).
 *
 * <p>Views come from Java arrays (here), NIO buffers in either byte order (here), raw native
 * addresses and JavaCPP pointers ({@link OffHeap}), and {@code MemorySegment}s
 * ({@code Segments}, JDK 22+).
 *
 * <p>The shape of an input is the tensor's shape. An output needs only room: at least as many
 * elements as the op writes (its shape is not read), so one output view can serve calls of
 * different shapes.
 *
 * <pre>{@code
 * float[] logits = new float[batch * vocab];
 * Tensor x = Tensor.of(logits, batch, vocab);           // once
 * Tensor y = Tensor.of(new float[batch * vocab]);
 * ops.softmax(x, y, -1);                                 // every step: no allocation
 * }</pre>
 */
public final class Tensor {
    private final Object base;      // a Java array, an NIO buffer, or RawMemory (base + address)
    private final long index;       // first element: array index, absolute buffer index, or address
    private final long size;        // elements in the shape
    private final DType dtype;
    private final int[] shape;      // a private copy
    private final boolean writable;
    private final Object keepAlive; // what must stay reachable while the view is (a segment, a pointer)
    private final ViewGuard guard;  // null, or a check that the memory is still usable (segments)
    private final Dims[] dimsByAxis;
    // the last two operands handed out (an in-place call uses the view as x and as y); each read
    // sees null or a whole immutable operand, so races between threads only cost an allocation
    private Operand named;
    private Operand namedBefore;

    /** What a view of memory whose life the JVM does not manage checks before every call. */
    interface ViewGuard {
        void check(String name, boolean output);

        /** Whether this view's memory shares a byte with {@code other}'s (both guarded views). */
        default boolean overlaps(ViewGuard other) {
            return false;
        }
    }

    /**
     * The serving ops never run in place: an output sharing a byte with another operand is refused.
     * The plans compare memory by address, which the main jar alone (no JNI library) cannot learn
     * for a direct buffer; segment views know their memory, so they are compared here whatever
     * library is loaded. {@code tensors[i]} is named {@code names[i]}; those from
     * {@code firstOutput} on are outputs. Runs only when two or more of them are segment views.
     */
    static void refuseSharedSegments(int firstOutput, String[] names, Tensor... tensors) {
        for (int i = firstOutput; i < tensors.length; i++) {
            for (int j = 0; j < tensors.length; j++) {
                Tensor a = tensors[i];
                Tensor b = tensors[j];
                if (j != i && a != null && b != null && a.guard != null && b.guard != null
                        && (j < firstOutput || j > i) && a.guard.overlaps(b.guard)) {
                    throw new IllegalArgumentException(names[i] + " shares memory with " + names[j]
                            + " (" + a + ", " + b + "): an output of this op must not overlap "
                            + "another operand");
                }
            }
        }
    }

    /** Whether two or more of these are segment views (the check above is then worth its cost). */
    /** Whether this view is of a MemorySegment (its liveness and overlaps are checked). */
    boolean isSegment() {
        return guard != null;
    }

    static boolean segments(Tensor a, Tensor b, Tensor c, Tensor d) {
        int n = (a != null && a.guard != null ? 1 : 0) + (b != null && b.guard != null ? 1 : 0)
                + (c != null && c.guard != null ? 1 : 0) + (d != null && d.guard != null ? 1 : 0);
        return n >= 2;
    }

    /**
     * Memory no view can reach in place (a read-only heap segment, one over an array of another
     * type or at an odd offset): read into a fresh array of the element type on every call.
     */
    interface CopyIn {
        Object read();
    }

    private CopyIn copyIn;   // set once by the factory that made the view, before it is shared

    Tensor(Object base, long index, long available, DType dtype, int[] shape, boolean writable,
           Object keepAlive, ViewGuard guard, String what) {
        this.shape = Checks.notNull(shape, "shape").clone();
        this.dimsByAxis = new Dims[Math.max(this.shape.length, 1)];
        for (int axis = 0; axis < dimsByAxis.length; axis++) {
            dimsByAxis[axis] = Dims.of(this.shape, axis, "shape");
        }
        this.size = dimsByAxis[0].count;
        if (available < size) {
            throw new IndexOutOfBoundsException(what + " holds " + available + " elements but shape "
                    + Arrays.toString(this.shape) + " needs " + size);
        }
        this.base = base;
        this.index = index;
        this.dtype = dtype;
        this.writable = writable;
        this.keepAlive = keepAlive;
        this.guard = guard;
    }

    // ---- Java arrays -----------------------------------------------------------------------

    /**
     * A 1-d view of a whole array.
     *
     * @param a the array
     * @return a {@link DType#F32} view of shape {@code [a.length]}
     */
    public static Tensor of(float[] a) {
        return of(a, 0, new int[] {Checks.notNull(a, "array").length});
    }

    /**
     * A view of an array from index 0 with a shape.
     *
     * @param a the array
     * @param shape the dimensions (none: a scalar)
     * @return a {@link DType#F32} view
     */
    public static Tensor of(float[] a, int... shape) {
        return of(a, 0, shape);
    }

    /**
     * A view of an array from {@code offset} with a shape.
     *
     * @param a the array
     * @param offset the index of the first element
     * @param shape the dimensions
     * @return a {@link DType#F32} view
     */
    public static Tensor of(float[] a, int offset, int[] shape) {
        return array(a, Checks.notNull(a, "array").length, offset, DType.F32, shape);
    }

    /**
     * A 1-d view of a whole array.
     *
     * @param a the array
     * @return a {@link DType#F64} view of shape {@code [a.length]}
     */
    public static Tensor of(double[] a) {
        return of(a, 0, new int[] {Checks.notNull(a, "array").length});
    }

    /**
     * A view of an array from index 0 with a shape.
     *
     * @param a the array
     * @param shape the dimensions (none: a scalar)
     * @return a {@link DType#F64} view
     */
    public static Tensor of(double[] a, int... shape) {
        return of(a, 0, shape);
    }

    /**
     * A view of an array from {@code offset} with a shape.
     *
     * @param a the array
     * @param offset the index of the first element
     * @param shape the dimensions
     * @return a {@link DType#F64} view
     */
    public static Tensor of(double[] a, int offset, int[] shape) {
        return array(a, Checks.notNull(a, "array").length, offset, DType.F64, shape);
    }

    /**
     * A 1-d view of a whole array.
     *
     * @param a the array
     * @return an {@link DType#I32} view of shape {@code [a.length]}
     */
    public static Tensor of(int[] a) {
        return of(a, 0, new int[] {Checks.notNull(a, "array").length});
    }

    /**
     * A view of an array from index 0 with a shape.
     *
     * @param a the array
     * @param shape the dimensions (none: a scalar)
     * @return an {@link DType#I32} view
     */
    public static Tensor of(int[] a, int... shape) {
        return of(a, 0, shape);
    }

    /**
     * A view of an array from {@code offset} with a shape.
     *
     * @param a the array
     * @param offset the index of the first element
     * @param shape the dimensions
     * @return an {@link DType#I32} view
     */
    public static Tensor of(int[] a, int offset, int[] shape) {
        return array(a, Checks.notNull(a, "array").length, offset, DType.I32, shape);
    }

    /**
     * A 1-d view of a whole array.
     *
     * @param a the array
     * @return an {@link DType#I64} view of shape {@code [a.length]}
     */
    public static Tensor of(long[] a) {
        return of(a, 0, new int[] {Checks.notNull(a, "array").length});
    }

    /**
     * A view of an array from index 0 with a shape.
     *
     * @param a the array
     * @param shape the dimensions (none: a scalar)
     * @return an {@link DType#I64} view
     */
    public static Tensor of(long[] a, int... shape) {
        return of(a, 0, shape);
    }

    /**
     * A view of an array from {@code offset} with a shape.
     *
     * @param a the array
     * @param offset the index of the first element
     * @param shape the dimensions
     * @return an {@link DType#I64} view
     */
    public static Tensor of(long[] a, int offset, int[] shape) {
        return array(a, Checks.notNull(a, "array").length, offset, DType.I64, shape);
    }

    /**
     * A 1-d view of a whole array of 16-bit floats.
     *
     * @param a the bits of float16 or bfloat16 values
     * @param dtype {@link DType#F16} or {@link DType#BF16} (never guessed)
     * @return a view of shape {@code [a.length]}
     */
    public static Tensor of(short[] a, DType dtype) {
        return of(a, dtype, 0, new int[] {Checks.notNull(a, "array").length});
    }

    /**
     * A view of an array of 16-bit floats from index 0 with a shape.
     *
     * @param a the bits of float16 or bfloat16 values
     * @param dtype {@link DType#F16} or {@link DType#BF16}
     * @param shape the dimensions (none: a scalar)
     * @return the view
     */
    public static Tensor of(short[] a, DType dtype, int... shape) {
        return of(a, dtype, 0, shape);
    }

    /**
     * A view of an array of 16-bit floats from {@code offset} with a shape.
     *
     * @param a the bits of float16 or bfloat16 values
     * @param dtype {@link DType#F16} or {@link DType#BF16}
     * @param offset the index of the first element
     * @param shape the dimensions
     * @return the view
     */
    public static Tensor of(short[] a, DType dtype, int offset, int[] shape) {
        return array(a, Checks.notNull(a, "array").length, offset, half(dtype), shape);
    }

    private static Tensor array(Object a, int length, int offset, DType dtype, int[] shape) {
        Checks.arrayOffset("array", length, offset);
        return new Tensor(a, offset, length - (long) offset, dtype, shape, true, null, null,
                "an array of " + length + " from offset " + offset);
    }

    private static DType half(DType dtype) {
        if (Checks.notNull(dtype, "dtype") != DType.F16 && dtype != DType.BF16) {
            throw new IllegalArgumentException("dtype " + dtype + " is not a 16-bit float type: "
                    + "short memory holds F16 or BF16");
        }
        return dtype;
    }

    // ---- NIO buffers: from the position, bounds and byte order read now --------------------

    /**
     * A 1-d view of a buffer from its position to its limit.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @return a {@link DType#F32} view
     */
    public static Tensor of(FloatBuffer b) {
        return buffer(b, DType.F32, null);
    }

    /**
     * A view of a buffer from its position with a shape.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @param shape the dimensions
     * @return a {@link DType#F32} view
     */
    public static Tensor of(FloatBuffer b, int... shape) {
        return buffer(b, DType.F32, shape);
    }

    /**
     * A 1-d view of a buffer from its position to its limit.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @return a {@link DType#F64} view
     */
    public static Tensor of(DoubleBuffer b) {
        return buffer(b, DType.F64, null);
    }

    /**
     * A view of a buffer from its position with a shape.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @param shape the dimensions
     * @return a {@link DType#F64} view
     */
    public static Tensor of(DoubleBuffer b, int... shape) {
        return buffer(b, DType.F64, shape);
    }

    /**
     * A 1-d view of a buffer from its position to its limit.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @return an {@link DType#I32} view
     */
    public static Tensor of(IntBuffer b) {
        return buffer(b, DType.I32, null);
    }

    /**
     * A view of a buffer from its position with a shape.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @param shape the dimensions
     * @return an {@link DType#I32} view
     */
    public static Tensor of(IntBuffer b, int... shape) {
        return buffer(b, DType.I32, shape);
    }

    /**
     * A 1-d view of a buffer from its position to its limit.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @return an {@link DType#I64} view
     */
    public static Tensor of(LongBuffer b) {
        return buffer(b, DType.I64, null);
    }

    /**
     * A view of a buffer from its position with a shape.
     *
     * @param b the buffer (heap or direct, either byte order)
     * @param shape the dimensions
     * @return an {@link DType#I64} view
     */
    public static Tensor of(LongBuffer b, int... shape) {
        return buffer(b, DType.I64, shape);
    }

    /**
     * A 1-d view of a buffer of 16-bit floats from its position to its limit.
     *
     * @param b the bits of float16 or bfloat16 values (heap or direct, either byte order)
     * @param dtype {@link DType#F16} or {@link DType#BF16}
     * @return the view
     */
    public static Tensor of(ShortBuffer b, DType dtype) {
        return buffer(b, half(dtype), null);
    }

    /**
     * A view of a buffer of 16-bit floats from its position with a shape.
     *
     * @param b the bits of float16 or bfloat16 values (heap or direct, either byte order)
     * @param dtype {@link DType#F16} or {@link DType#BF16}
     * @param shape the dimensions
     * @return the view
     */
    public static Tensor of(ShortBuffer b, DType dtype, int... shape) {
        return buffer(b, half(dtype), shape);
    }

    /**
     * A 1-d view of a byte buffer's elements of any type, in the buffer's byte order, from its
     * position to its limit.
     *
     * @param b the buffer (heap or direct; its {@code order()} is the elements' byte order)
     * @param dtype the element type
     * @return the view
     */
    public static Tensor of(ByteBuffer b, DType dtype) {
        return bytes(b, dtype, null);
    }

    /**
     * A view of a byte buffer's elements of any type, in the buffer's byte order, from its
     * position with a shape. This is how an ONNX Runtime or a DJL output buffer is read without
     * a copy.
     *
     * @param b the buffer (heap or direct; its {@code order()} is the elements' byte order)
     * @param dtype the element type
     * @param shape the dimensions
     * @return the view
     */
    public static Tensor of(ByteBuffer b, DType dtype, int... shape) {
        return bytes(b, dtype, shape);
    }

    private static Tensor bytes(ByteBuffer b, DType dtype, int[] shape) {
        Checks.notNull(b, "buffer");
        Checks.notNull(dtype, "dtype");
        ByteBuffer s = b.slice().order(b.order());
        Buffer typed = switch (dtype) {
            case F32 -> s.asFloatBuffer();
            case F64 -> s.asDoubleBuffer();
            case I32 -> s.asIntBuffer();
            case I64 -> s.asLongBuffer();
            case F16, BF16 -> s.asShortBuffer();
        };
        return buffer(typed, dtype, shape);
    }

    private static Tensor buffer(Buffer b, DType dtype, int[] shape) {
        Checks.notNull(b, "buffer");
        int position = b.position();   // read once: the view never follows the buffer
        long available = (long) b.limit() - position;
        Object base = b.hasArray() ? b.array() : b;
        long index = b.hasArray() ? b.arrayOffset() + (long) position : position;
        int[] s = shape != null ? shape : new int[] {(int) Math.max(available, 0)};
        return new Tensor(base, index, available, dtype, s, !b.isReadOnly(), null, null,
                "a buffer of " + available + " elements from position " + position);
    }

    // ---- what a view is ---------------------------------------------------------------------

    /**
     * The element type.
     *
     * @return the view's element type
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The shape.
     *
     * @return a copy of the view's dimensions
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of dimensions.
     *
     * @return the rank (0 for a scalar)
     */
    public int rank() {
        return shape.length;
    }

    /**
     * The number of elements, the product of the shape.
     *
     * @return the element count
     */
    public long size() {
        return size;
    }

    /**
     * Whether ops may write into this view (false for a read-only buffer or segment).
     *
     * @return true when the view may be an output
     */
    public boolean isWritable() {
        return writable;
    }

    /**
     * The same memory with another shape of the same number of elements (or fewer: a prefix).
     *
     * @param newShape the dimensions
     * @return a new view of the same memory
     */
    public Tensor reshape(int... newShape) {
        Tensor t = new Tensor(base, index, size, dtype, newShape, writable, keepAlive, guard,
                "a view of " + size + " elements");
        t.copyIn = copyIn;
        return t;
    }

    @Override
    public String toString() {
        return "Tensor(" + dtype + " " + Arrays.toString(shape) + (writable ? "" : ", read-only")
                + ")";
    }

    // ---- what the ops read (package-private: the plans see operands, never views) -----------

    /** The view as the op's argument {@code name}, checked usable. */
    Operand input(String name) {
        Operand o = named;
        // the common case first: a view that needs no per-call work (a view read through a copy
        // never caches an operand, so a cached one means there is no copyIn)
        if (o != null && o.name == name && guard == null) {
            return o;
        }
        return inputChecked(name);
    }

    private Operand inputChecked(String name) {
        if (guard != null) {
            guard.check(name, false);
        }
        if (copyIn != null) {
            return Operand.view(copyIn.read(), 0, size, dtype, name);   // read once, this call
        }
        Operand o = named;
        if (o != null && o.name == name) {   // names are the ops' constants: identity suffices
            return o;
        }
        Operand before = namedBefore;
        if (before != null && before.name == name) {
            return before;
        }
        Operand made = Operand.view(base, index, size, dtype, name);
        namedBefore = o;
        named = made;
        return made;
    }

    /** As {@link #input}, for an output: refused when read-only. */
    Operand output(String name) {
        Operand o = named;
        if (o != null && o.name == name && writable && guard == null) {
            return o;   // as input(): no copyIn, and writable
        }
        return outputChecked(name);
    }

    private Operand outputChecked(String name) {
        if (copyIn != null) {
            throw new IllegalArgumentException(name + ": " + this + " cannot be viewed in place, so "
                    + "it can only be an input (it is read through a copy); an output must be memory "
                    + "the op writes directly");
        }
        Checks.writable(writable, name);
        return input(name);
    }

    /** The dimensions around {@code axis} (checked), computed when the view was made. */
    Dims dims(int axis) {
        Dims[] byAxis = dimsByAxis;   // max(rank, 1) entries: the axes in [-length, length)
        int i = axis < 0 ? axis + byAxis.length : axis;
        if (i >= 0 && i < byAxis.length) {   // one unsigned compare, which is also the bounds check
            return byAxis[i];
        }
        return byAxis[Checks.axisOf(axis, shape)];   // throws, naming the axis and the shape
    }

    int[] shapeRef() {
        return shape;
    }

    /** Rows {@code [first, first + count)} of the leading axis as a view, for parallel chunks. */
    Tensor rows(long firstElement, long elements, int[] chunkShape) {
        if (copyIn != null) {
            CopyIn whole = copyIn;
            return copied(dtype, chunkShape, elements, keepAlive, guard, () -> {
                Object all = whole.read();
                Object part = java.lang.reflect.Array.newInstance(all.getClass().getComponentType(),
                        (int) elements);
                System.arraycopy(all, (int) firstElement, part, 0, (int) elements);
                return part;
            }, "a chunk of " + elements + " elements (read through a copy)");
        }
        long at = base == dev.logits4j.internal.memory.RawMemory.INSTANCE
                ? index + firstElement * dtype.bytes() : index + firstElement;
        return new Tensor(base, at, elements, dtype, chunkShape, writable, keepAlive, guard,
                "a chunk of " + elements + " elements");
    }

    /** A view read through a copy on every call (an input only). */
    static Tensor copied(DType dtype, int[] shape, long available, Object keepAlive, ViewGuard guard,
                         CopyIn copyIn, String what) {
        Tensor t = new Tensor(null, 0, available, dtype, shape, false, keepAlive, guard, what);
        t.copyIn = copyIn;
        return t;
    }

    /** {@code view}'s memory, guarded and kept alive as a segment's must be. */
    static Tensor of(Tensor view, Object keepAlive, ViewGuard guard) {
        return new Tensor(view.base, view.index, view.size, view.dtype, view.shape, view.writable,
                keepAlive, guard, "a view of " + view.size + " elements");
    }

    /** A view made by a factory in this package (off-heap memory, segments). */
    static Tensor of(Object base, long index, long available, DType dtype, int[] shape,
                     boolean writable, Object keepAlive, ViewGuard guard, String what) {
        return new Tensor(base, index, available, dtype, shape, writable, keepAlive, guard, what);
    }
}
