package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bin/logits4j under faults, in its own process: a full disk (a file-size limit, so writes fail
 * with EFBIG) and SIGTERM in the middle of writing a large output. Exit status non-zero, no
 * partial or temporary file, an existing output untouched.
 */
class CliFaultsIT {
    private static final Path ROOT = Paths.get("").toAbsolutePath();

    /** A 4096 x 8192 float32 .npy (128 MiB): long enough to write that SIGTERM can land mid-way. */
    private static Path bigInput(Path dir) throws IOException {
        Path p = dir.resolve("big.npy");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (4096, 8192), }";
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        try (OutputStream os = Files.newOutputStream(p); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(h.length() & 0xff);
            out.write(h.length() >> 8);
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            ByteBuffer row = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < 8192; j++) {
                row.putFloat((float) Math.sin(j));
            }
            for (int i = 0; i < 4096; i++) {
                out.write(row.array());
            }
        }
        return p;
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void fullDiskFailsCleanly() throws Exception {
        Path dir = Files.createTempDirectory(ROOT.resolve("target"), "cli-full");
        Path in = bigInput(dir);
        Path out = dir.resolve("out.npy");
        Files.writeString(out, "previous result");
        Process p = new ProcessBuilder("bash", "-c", "ulimit -f 2000; exec \"$0\" softmax --in \"$1\" --out \"$2\"",
                ROOT.resolve("bin/logits4j").toString(), in.toString(), out.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), text);
        assertTrue(text.contains("File too large"), text);
        assertEquals("previous result", Files.readString(out));
        assertEquals(List.of(in, out), listing(dir), "no temporary file left");
    }

    @Test
    void sigtermMidWriteLeavesNoPartialFile() throws Exception {
        Path dir = Files.createTempDirectory(ROOT.resolve("target"), "cli-term");
        Path in = bigInput(dir);
        Path out = dir.resolve("out.npy");
        byte[] previous = "previous result".getBytes(StandardCharsets.UTF_8);
        Files.write(out, previous);
        Process p = new ProcessBuilder(ROOT.resolve("bin/logits4j").toString(), "softmax", "--in", in.toString(),
                "--out", out.toString()).redirectErrorStream(true).start();
        boolean sawTemp = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                    sawTemp = true;
                    p.destroy(); // SIGTERM
                    break;
                }
            }
            Thread.sleep(1);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits after SIGTERM");
        List<Path> after = listing(dir);
        assertEquals(List.of(in, out), after, "no temporary file left");
        if (sawTemp && p.exitValue() != 0) {
            assertArrayEquals(previous, Files.readAllBytes(out), "the existing output is untouched");
        } else {
            // It finished before the signal landed: then the new output is complete.
            assertEquals(128 + 4L * 4096 * 8192, Files.size(out));
        }
        assertTrue(sawTemp, "the write was caught in progress (the output is written via a temp file)");
    }
}
