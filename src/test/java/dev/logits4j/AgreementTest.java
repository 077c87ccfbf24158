package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.javaimpl.JavaKernels;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.internal.nativeimpl.VariantTable;
import dev.logits4j.testutil.Gen;
import dev.logits4j.testutil.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every implementation this CPU can run (pure Java and each native variant), built explicitly in
 * one JVM and run on the same inputs: lengths 1..2W+1 for the widest vector (W = 16), with 2 and
 * with 37 rows (short rows go through transposed blocks of W rows), 32000 and
 * 128256, every axis of 3-D tensors, unaligned off-heap memory with guard regions, in place,
 * extreme and special values. Each result is checked against the float64 reference under the
 * tolerance rule, and the NaN/inf pattern must be identical across implementations.
 */
class AgreementTest {
    private static final float GUARD = -7777.25f;

    static List<Kernels> implementations() {
        List<Kernels> list = new ArrayList<>();
        list.add(JavaKernels.INSTANCE);
        int features = NativeKernels.cpuFeatures(); // fails the test when the library is missing
        for (VariantTable.Variant v : VariantTable.all()) {
            if (VariantTable.supported(v, features)) {
                NativeKernels k = NativeKernels.of(v);
                assertEquals("native-" + v.name(), k.name());
                list.add(k);
            }
        }
        assertTrue(list.size() >= 2, "the scalar variant at least");
        return list;
    }

    @Test
    void everyImplementationAgreesOnEveryLengthAxisAndValueKind() {
        List<Kernels> impls = implementations();
        Random r = new Random(99);
        List<int[]> shapes = new ArrayList<>();
        for (int n = 1; n <= 33; n++) {
            shapes.add(new int[] {2, n});
            shapes.add(new int[] {3, n, 5});
            shapes.add(new int[] {37, n}); // blocks of W short rows, then single rows
        }
        shapes.add(new int[] {40, 63});
        shapes.add(new int[] {2, 13, 70}); // inner slices in column blocks of up to 4 vectors
        shapes.add(new int[] {3, 40, 33});
        shapes.add(new int[] {1, 32000});
        shapes.add(new int[] {1, 128256});
        shapes.add(new int[] {4, 19, 17});
        shapes.add(new int[] {2, 1000, 9});
        int checked = 0;
        for (int[] shape : shapes) {
            for (int axis = -1; axis >= -shape.length; axis--) {
                for (boolean f32 : new boolean[] {true, false}) {
                    String kind = Gen.KINDS[r.nextInt(Gen.KINDS.length)];
                    int count = 1;
                    for (int d : shape) {
                        count *= d;
                    }
                    double[] x = Gen.values(r, count, f32, kind, shape[shape.length - 1]);
                    double t = r.nextInt(3) == 0 ? 0.7 : 1.0;
                    boolean masked = r.nextBoolean();
                    for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
                        double[][] outs = new double[impls.size()][];
                        for (int k = 0; k < impls.size(); k++) {
                            outs[k] = run(impls.get(k), op, x, shape, axis, t, masked, f32, r.nextBoolean());
                            PropertyTest.check(op, x, shape, axis, t, masked, f32, outs[k],
                                    impls.get(k).name() + " " + kind + " " + java.util.Arrays.toString(shape) + " axis " + axis);
                        }
                        for (int k = 1; k < impls.size(); k++) {
                            for (int i = 0; i < outs[0].length; i++) {
                                assertEquals(Double.isNaN(outs[0][i]), Double.isNaN(outs[k][i]),
                                        impls.get(k).name() + " NaN pattern at " + i);
                                if (Double.isInfinite(outs[0][i]) || Double.isInfinite(outs[k][i])) {
                                    assertEquals(outs[0][i], outs[k][i], impls.get(k).name() + " inf at " + i);
                                }
                            }
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 500, "ran " + checked + " comparisons");
    }

    /**
     * Rows past 4 MiB take the native online normaliser (one pass for max and sum): random,
     * special-valued and fully masked rows of 2^20 + 3 elements, at temperatures that use it
     * (T >= 1) and one that does not (T < 1), against the float64 reference.
     */
    @Test
    void rowsPastTheCachesAgreeWithTheReference() {
        List<Kernels> impls = implementations();
        Random r = new Random(4);
        int n = (1 << 20) + 3;
        int[] shape = {3, n};
        for (boolean f32 : new boolean[] {true, false}) {
            double[] x = Gen.values(r, 3 * n, f32, "randn", n);
            x[n + 12345] = Double.NaN;              // row 1: a NaN
            x[n + 777] = Double.POSITIVE_INFINITY;  // and a +inf
            for (int j = 0; j < n; j++) {
                x[2 * n + j] = j % 1000 == 0 ? -5 + j * 1e-6 : Double.NEGATIVE_INFINITY; // row 2: sparse
            }
            for (double t : new double[] {1.0, 2.5, 0.5}) {
                for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
                    for (Kernels k : impls) {
                        double[] got = run(k, op, x, shape, -1, t, true, f32, false);
                        PropertyTest.check(op, x, shape, -1, t, true, f32, got,
                                k.name() + " long rows T=" + t);
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                x[2 * n + j] = Double.NEGATIVE_INFINITY; // a fully masked row
            }
            for (Kernels k : impls) {
                double[] got = run(k, "softmax", x, shape, -1, 1.0, true, f32, false);
                PropertyTest.check("softmax", x, shape, -1, 1.0, true, f32, got, k.name() + " masked long row");
            }
        }
    }

    /** Runs one op on unaligned direct memory (odd element offset) with guards, maybe in place. */
    static double[] run(Kernels k, String op, double[] x, int[] shape, int axis, double t,
                        boolean masked, boolean f32, boolean inPlace) {
        Reference.Layout l = Reference.Layout.of(shape, axis);
        int count = x.length;
        boolean lse = op.equals("logsumexp");
        int outCount = lse ? (int) (l.outer() * l.inner()) : count;
        int off = 3;
        int flags = (op.equals("log-softmax") ? Kernels.LOG : 0) | (masked ? Kernels.MASKED_ROWS_ZERO : 0);
        int es = f32 ? 4 : 8;
        ByteBuffer xb = ByteBuffer.allocateDirect((count + 2 * off) * es + 1).order(ByteOrder.nativeOrder());
        ByteBuffer yb = ByteBuffer.allocateDirect((outCount + 2 * off) * es + 1).order(ByteOrder.nativeOrder());
        // one byte in: element addresses are not even 4- or 8-byte aligned
        xb.position(1);
        yb.position(1);
        if (f32) {
            FloatBuffer xf = xb.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
            FloatBuffer yf = yb.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (int i = 0; i < xf.capacity(); i++) {
                xf.put(i, GUARD);
            }
            for (int i = 0; i < yf.capacity(); i++) {
                yf.put(i, GUARD);
            }
            for (int i = 0; i < count; i++) {
                xf.put(off + i, (float) x[i]);
            }
            boolean same = inPlace && !lse;
            FloatBuffer out = same ? xf : yf;
            if (lse) {
                k.logSumExp(DType.F32, xf, off, out, off, l.outer(), l.n(), l.inner());
            } else {
                k.softmax(DType.F32, xf, off, out, off, l.outer(), l.n(), l.inner(), 1.0 / t, flags);
            }
            for (int i = 0; i < off; i++) {
                assertEquals(GUARD, out.get(i), k.name() + " guard before");
                assertEquals(GUARD, out.get(off + outCount + i), k.name() + " guard after");
            }
            if (!same) {
                for (int i = 0; i < count; i++) {
                    assertEquals((float) x[i], xf.get(off + i), 0.0f, k.name() + " input untouched");
                }
            }
            double[] g = new double[outCount];
            for (int i = 0; i < outCount; i++) {
                g[i] = out.get(off + i);
            }
            return g;
        }
        DoubleBuffer xd = xb.slice().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer yd = yb.slice().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        for (int i = 0; i < xd.capacity(); i++) {
            xd.put(i, GUARD);
        }
        for (int i = 0; i < yd.capacity(); i++) {
            yd.put(i, GUARD);
        }
        for (int i = 0; i < count; i++) {
            xd.put(off + i, x[i]);
        }
        boolean same = inPlace && !lse;
        DoubleBuffer out = same ? xd : yd;
        if (lse) {
            k.logSumExp(DType.F64, xd, off, out, off, l.outer(), l.n(), l.inner());
        } else {
            k.softmax(DType.F64, xd, off, out, off, l.outer(), l.n(), l.inner(), 1.0 / t, flags);
        }
        for (int i = 0; i < off; i++) {
            assertEquals(GUARD, out.get(i), k.name() + " guard before");
            assertEquals(GUARD, out.get(off + outCount + i), k.name() + " guard after");
        }
        double[] g = new double[outCount];
        for (int i = 0; i < outCount; i++) {
            g[i] = out.get(off + i);
        }
        assertFalse(g.length != outCount);
        return g;
    }
}
