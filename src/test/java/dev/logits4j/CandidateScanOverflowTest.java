package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.ForkedJvm;
import dev.logits4j.testutil.ScanBoundaryRows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 23, finding 1 (reproducer {@code ScanOverflow.java}): topK(k = 447) and the other
 * selection ops on rows with ties at the keep-th value made the AVX-512 candidate scan write past
 * its 1024-entry arrays, corrupting the JVM heap. {@link CandidateScanOverflowCheck} runs the
 * crafted rows for every keep around the window of every vector width (1, 2, 4, 8, 16 lanes) and
 * every op and memory kind that reaches the scan; here each native variant runs it in its own
 * child JVM, which runs a young GC after each row (a damaged array header crashes it) and
 * verifies its heap before it exits, and must exit 0 with every answer equal to a sort's.
 * The Java backends, which cannot corrupt the heap, answer some of the rows for 16 lanes in this
 * JVM.
 */
class CandidateScanOverflowTest {
    /** Heap verification at exit; a young generation small enough for the check's garbage to collect it after each row. */
    static final List<String> VERIFY_HEAP = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+VerifyBeforeExit",
            "-Xmx512m", "-Xmn4m");

    @Test
    void theCraftedRowsPassTheCapacityForSixteenLanesOnly() {
        // 2 keep + 12 W candidates at the end: past the capacity for W = 16 and keep 417..447
        // (capacity 1024), within it elsewhere (for narrower vectors the window lies above keep
        // 448, where the capacity is 2 keep + 128)
        for (int w : CandidateScanOverflowCheck.LANES) {
            for (int keep : CandidateScanOverflowCheck.keeps(w)) {
                boolean past = 2 * keep + 12 * w > ScanBoundaryRows.capacity(keep)
                        && 2 * keep + 4 * w < ScanBoundaryRows.capacity(keep) - 4 * w;
                assertEquals(w == 16 && keep >= 417 && keep <= 447, past, "keep " + keep + " w " + w);
            }
        }
        assertEquals(417, ScanBoundaryRows.keepsAround(16, 0)[0]);
        assertEquals(447, ScanBoundaryRows.keepsAround(16, 0)[30]);
        // levels: keep tops, V the smallest of them, the runs of V after them
        int[] lv = ScanBoundaryRows.levels(447, 16, 0, 3, 4096);
        int tops = 0;
        int ties = 0;
        for (int l : lv) {
            tops += l > 0 ? 1 : 0;
            ties += l == 0 ? 1 : 0;
        }
        assertEquals(446, tops);
        assertEquals(1 + 447 + 64 + 3 * 64, ties);
    }

    @Test
    void javaBackendsAnswerTheCraftedRowsLikeASort() {
        for (Backend b : List.of(Backend.java(), Backend.javaScalar())) {
            EnumSet<CandidateScanOverflowCheck.Mode> modes = EnumSet.allOf(CandidateScanOverflowCheck.Mode.class);
            modes.remove(CandidateScanOverflowCheck.Mode.TOP_K_FLOAT_ADDRESS);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            List<String> wrong = CandidateScanOverflowCheck.run(Legacy.with(b), modes, new int[] {16},
                    w -> CandidateScanOverflowCheck.sparseKeeps(), false, new PrintStream(log, true, StandardCharsets.UTF_8));
            assertTrue(wrong.isEmpty(), b.name() + ": " + wrong.size() + " wrong, first: "
                    + wrong.subList(0, Math.min(10, wrong.size())));
        }
    }

    /** One child JVM per native variant this machine runs (none where the library is absent). */
    @TestFactory
    Stream<DynamicTest> eachNativeVariantSurvivesTheCraftedRowsInAChildJvm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend b : AllBackends.all()) {
            if (!b.name().startsWith("native-")) {
                continue;
            }
            String variant = b.name().substring("native-".length());
            tests.add(DynamicTest.dynamicTest(b.name(), () -> {
                List<String> flags = new ArrayList<>(VERIFY_HEAP);
                flags.add("-Dlogits4j.backend=native");
                flags.add("-Dlogits4j.isa=" + variant);
                ForkedJvm.Result r = ForkedJvm.run(CandidateScanOverflowCheck.class.getName(), flags,
                        List.of(b.name()), 300);
                assertEquals(0, r.exitCode, r.describe());
                assertTrue(r.output.contains(" answers agree"), r.describe());
            }));
        }
        return tests.stream();
    }
}
