package dev.logits4j.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Runs {@code bench}'s calls until the JIT compiler has gone quiet, so that no timed batch runs
 * code the JIT has not finished with. A fixed warm-up time was not enough: on a busy machine the
 * C2 compilations of the Vector API kernels landed seconds in, and the first long-row Java timing
 * (few calls per batch, each stable at the slow speed) read 5-200 ns/element instead of 0.4.
 * The calls run in turn, about 10 ms each, until at least {@link #MIN_NS} has passed and the JVM's
 * total compilation time has not moved for {@link #QUIET_NS}; at most {@link #MAX_NS}. Where the
 * JVM does not report compilation time, {@link #FALLBACK_NS}.
 */
final class JitWarmUp {
    static final long MIN_NS = 300_000_000L;
    static final long QUIET_NS = 300_000_000L;
    static final long MAX_NS = 6_000_000_000L;
    static final long FALLBACK_NS = 2_000_000_000L;
    private static final long SLICE_NS = 10_000_000L;

    private JitWarmUp() {}

    static void untilQuiet(List<Runnable> calls) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watched = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long lastChange = start;
        long compiled = watched ? jit.getTotalCompilationTime() : 0;
        while (true) {
            for (Runnable call : calls) {
                long s = System.nanoTime();
                do {
                    call.run();
                } while (System.nanoTime() - s < SLICE_NS);
            }
            long now = System.nanoTime();
            if (watched) {
                long c = jit.getTotalCompilationTime();
                if (c != compiled) {
                    compiled = c;
                    lastChange = now;
                }
            }
            long ran = now - start;
            if (ran >= MAX_NS || (!watched && ran >= FALLBACK_NS)
                    || (watched && ran >= MIN_NS && now - lastChange >= QUIET_NS)) {
                return;
            }
        }
    }
}
