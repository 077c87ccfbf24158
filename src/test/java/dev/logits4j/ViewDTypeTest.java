package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A view of the wrong dtype is refused before any kernel runs, naming the argument and the dtype:
 * a float64 op writing into a float32 direct buffer would write twice its bytes, integer logits
 * would be read as floats. Every operand of every op, on direct memory (where a mismatch would
 * reach native code by address), on every backend; the output memory is left as it was.
 */
class ViewDTypeTest {
    private static final int ROWS = 2;
    private static final int N = 8;

    static Stream<Backend> backends() {
        return AllBackends.all().stream();
    }

    /** A direct native-order view of {@code n} elements of {@code t}, filled with a pattern. */
    private static Tensor direct(DType t, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocateDirect(n * t.bytes()).order(ByteOrder.nativeOrder());
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0x3C);   // a small positive float of every width; ids 0x3C3C... rejected
        }
        Tensor view = Tensor.of(b, t, shape);
        BYTES.put(view, b);
        return view;
    }

    private static void refused(String what, String argument, Tensor watched, Consumer<Tensor> call) {
        ByteBuffer before = snapshot(watched);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(watched),
                what);
        assertTrue(e.getMessage().startsWith(argument + " "), what + ": " + e.getMessage());
        assertEquals(before, snapshot(watched), what + ": the refused call wrote its output");
    }

    private static final java.util.Map<Tensor, ByteBuffer> BYTES = new java.util.IdentityHashMap<>();

    private static ByteBuffer snapshot(Tensor t) {
        ByteBuffer b = BYTES.get(t);
        byte[] copy = new byte[b.capacity()];
        b.get(0, copy);
        return ByteBuffer.wrap(copy);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyOperandOfTheWrongDTypeIsRefused(Backend backend) {
        Ops ops = Logits4j.with(backend);
        Tensor x32 = direct(DType.F32, ROWS, N);
        Tensor x64 = direct(DType.F64, ROWS, N);
        Tensor x16 = direct(DType.F16, ROWS, N);
        Tensor xi = direct(DType.I32, ROWS, N);
        Tensor y32 = direct(DType.F32, ROWS, N);
        Tensor y64 = direct(DType.F64, ROWS, N);
        for (Tensor y : List.of(y64, y32)) {
            Tensor x = y == y64 ? x32 : x64;
            refused("softmax " + x + " into " + y, "y", y, o -> ops.softmax(x, o, -1));
            refused("logSoftmax " + x + " into " + y, "y", y, o -> ops.logSoftmax(x, o, -1));
            refused("logSumExp " + x + " into " + y, "y", y, o -> ops.logSumExp(x, o, -1));
        }
        refused("softmax of 16-bit into F16", "y", direct(DType.F16, ROWS, N), o -> ops.softmax(x16, o, -1));
        refused("softmax of ints", "x", y32, o -> ops.softmax(xi, o, -1));
        refused("argmax of ints", "x", direct(DType.I64, ROWS), o -> ops.argmax(xi, -1, o));
        refused("argmax into floats", "out", direct(DType.F32, ROWS), o -> ops.argmax(x32, -1, o));
        Tensor classes = direct(DType.I64, ROWS);
        refused("cross-entropy into F32 from F64 logits", "out", direct(DType.F32, ROWS),
                o -> ops.crossEntropy(x64, classes, o, CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE)));
        refused("cross-entropy, F64 probabilities for F32 logits", "targets", direct(DType.F32, ROWS),
                o -> ops.crossEntropy(x32, x64, o, CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE)));
        refused("cross-entropy of ints", "logits", direct(DType.F32, ROWS),
                o -> ops.crossEntropy(xi, classes, o, CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE)));
        refused("topK values of another dtype", "values", direct(DType.F64, ROWS * 3),
                o -> ops.topK(x32, 3, o, direct(DType.I64, ROWS * 3)));
        refused("topK indices as floats", "indices", direct(DType.F32, ROWS * 3),
                o -> ops.topK(x32, 3, direct(DType.F32, ROWS * 3), o));
        Tensor u = Tensor.of(new double[] {0.25, 0.75});
        refused("sample tokens as floats", "tokens", direct(DType.F32, ROWS),
                o -> ops.sample(x32, SamplingOptions.DEFAULT, u, o, null));
        refused("sample log-probs of another dtype", "logProbs", direct(DType.F64, ROWS),
                o -> ops.sample(x32, SamplingOptions.DEFAULT, u, direct(DType.I32, ROWS), o));
        refused("sample of int logits", "logits", direct(DType.I32, ROWS),
                o -> ops.sample(xi, SamplingOptions.DEFAULT, u, o, null));
        refused("sample with float32 draws", "uniform", direct(DType.I32, ROWS),
                o -> ops.sample(x32, SamplingOptions.DEFAULT, direct(DType.F32, ROWS), o, null));
    }
}
