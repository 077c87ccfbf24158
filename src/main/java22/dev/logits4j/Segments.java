package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.memory.RawMemory;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * {@link Tensor} views of {@link MemorySegment}s (the JDK's FFM API, JDK 22+): this class exists
 * only in the jar's {@code META-INF/versions/22}, so JDK 17–21 see no change. Bounds come from the
 * segment ({@code byteSize()} / element size), values are read in the CPU's byte order (as
 * {@code ValueLayout.JAVA_FLOAT} does), and no native library is needed: the Java kernels read
 * the segment through a buffer view of it, the native kernels by address.
 *
 * <pre>{@code
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment logits = arena.allocate(ValueLayout.JAVA_FLOAT, (long) batch * vocab);
 *     Tensor x = Segments.tensor(logits, DType.F32, batch, vocab);
 *     Logits4j.ops().softmax(x, x, -1);
 * }
 * }</pre>
 *
 * <p>A segment's memory is used in place: native segments by address (one of up to 2^31-1 bytes
 * as a direct-buffer view, a larger one as raw memory), heap segments over an array of the
 * view's element type as that array, heap segments over {@code byte[]} through a buffer view. A
 * segment the JDK cannot view in place (a read-only heap segment over a non-byte array, one over
 * an array of another type, one at a byte offset that is no multiple of the element size) is read
 * into a fresh array on every call, so it can be an input only (an op refuses it as an output,
 * naming the argument); view its array with {@link Tensor#of(float[], int, int[])} and friends
 * to avoid the copy. <b>Liveness:</b> making the view and every call that uses it check that the
 * segment's arena is open and that the calling thread may access it
 * ({@link IllegalStateException}, {@link WrongThreadException}); as for any native call that
 * receives an address, the caller must not close a shared arena from another thread while a call
 * that uses it runs.
 */
public final class Segments {
    private Segments() {}

    /**
     * A 1-d view of all of a segment's elements ({@code byteSize() / dtype.bytes()}).
     *
     * @param segment the memory (native or heap)
     * @param dtype the element type
     * @return the view (usable only while the segment is)
     */
    public static Tensor tensor(MemorySegment segment, DType dtype) {
        return tensor(segment, dtype, (int[]) null);
    }

    /**
     * A view of a segment's elements from its start with a shape.
     *
     * @param segment the memory (native or heap)
     * @param dtype the element type
     * @param shape the dimensions
     * @return the view (usable only while the segment is)
     */
    public static Tensor tensor(MemorySegment segment, DType dtype, int... shape) {
        Checks.notNull(segment, "segment");
        Checks.notNull(dtype, "dtype");
        Tensor.ViewGuard guard = new SegmentGuard(segment);
        guard.check("segment", false);
        long count = segment.byteSize() / dtype.bytes();
        int[] s = shape == null ? new int[] {(int) Math.min(count, Integer.MAX_VALUE)} : shape;
        boolean writable = !segment.isReadOnly();
        String what = "segment " + segment;
        Optional<Object> heap = segment.heapBase();
        if (heap.isPresent() && holds(heap.get(), dtype) && segment.address() % dtype.bytes() == 0) {
            // for a heap segment address() is the byte offset into its array
            long first = segment.address() / dtype.bytes();
            return Tensor.of(heap.get(), first, count, dtype, s, writable, segment, guard, what);
        }
        if (segment.isNative() && segment.byteSize() > Integer.MAX_VALUE) {
            OffHeap.checkAddress(segment.address(), count, dtype.bytes(), "segment");
            return Tensor.of(RawMemory.INSTANCE, segment.address(), count, dtype, s, writable,
                    segment, guard, what);
        }
        if (segment.isNative() || heap.map(a -> a instanceof byte[]).orElse(false)) {
            ByteBuffer b = segment.asSlice(0, count * dtype.bytes()).asByteBuffer()
                    .order(ByteOrder.nativeOrder());
            Tensor view = Tensor.of(b, dtype, s);
            return Tensor.of(view, segment, guard);
        }
        // A read-only heap segment, one over an array of another type, or one at a byte offset
        // that is no multiple of the element size: the JDK gives no view of it, so it is read into
        // a fresh array on every call (an input only: an output must be written in place).
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("segment " + segment + " cannot be viewed in place as "
                    + dtype + " and is too large to copy");
        }
        return Tensor.copied(dtype, s, count, segment, guard, () -> copyOf(segment, dtype, (int) count),
                what + " (read through a copy)");
    }

    private static Object copyOf(MemorySegment s, DType type, int count) {
        MemorySegment part = s.asSlice(0, (long) count * type.bytes());
        return switch (type) {
            case F32 -> part.toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED);
            case F64 -> part.toArray(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED);
            case I32 -> part.toArray(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED);
            case I64 -> part.toArray(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED);
            case F16, BF16 -> part.toArray(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED);
        };
    }

    /** A segment view's per-call checks, and what the serving ops' overlap check compares. */
    private record SegmentGuard(MemorySegment segment) implements Tensor.ViewGuard {
        @Override
        public void check(String name, boolean output) {
            usable(segment, name);
        }

        @Override
        public boolean overlaps(Tensor.ViewGuard other) {
            MemorySegment o = ((SegmentGuard) other).segment;
            // an empty segment shares no byte, even inside another one's range
            return segment.byteSize() > 0 && o.byteSize() > 0
                    && segment.asOverlappingSlice(o).isPresent();
        }
    }

    private static void usable(MemorySegment s, String name) {
        if (!s.scope().isAlive()) {
            throw new IllegalStateException(name + ": the segment's arena is already closed (" + s + ")");
        }
        if (!s.isAccessibleBy(Thread.currentThread())) {
            throw new WrongThreadException(name + ": the segment is confined to another thread (" + s + ")");
        }
    }

    private static boolean holds(Object array, DType type) {
        return switch (type) {
            case F32 -> array instanceof float[];
            case F64 -> array instanceof double[];
            case I32 -> array instanceof int[];
            case I64 -> array instanceof long[];
            case F16, BF16 -> array instanceof short[];
        };
    }
}
