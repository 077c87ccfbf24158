package dev.logits4j.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.NpyBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's files are what numpy writes (header layout checked byte by byte) and read back. */
class NpyRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void headerMatchesNumpysLayout() throws Exception {
        NpyArray a = NpyArray.allocate(NpyType.FLOAT32, new int[] {2, 3});
        a.asFloats().put(new float[] {1, 2, 3, 4, 5, 6});
        Path p = dir.resolve("a.npy");
        NpyWriter.write(p, a);
        byte[] bytes = Files.readAllBytes(p);
        // numpy 1.24 writes exactly this for np.save(p, np.arange(1, 7, dtype='<f4').reshape(2, 3))
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        String padded = dict + " ".repeat(128 - 10 - dict.length() - 1);
        byte[] expected = NpyBytes.file(1, padded, NpyBytes.floats(1, 2, 3, 4, 5, 6));
        assertArrayEquals(expected, bytes);
        assertEquals(128 + 24, bytes.length);
    }

    @Test
    void everyTypeAndRankRoundTrips() throws Exception {
        int[][] shapes = {{}, {0}, {5}, {2, 0, 3}, {3, 1, 2, 2}};
        for (NpyType t : NpyType.values()) {
            for (int[] shape : shapes) {
                NpyArray a = NpyArray.allocate(t, shape);
                java.nio.ByteBuffer b = a.bytes();
                for (int i = 0; i < b.capacity(); i++) {
                    b.put(i, (byte) (i * 7 + 1));
                }
                Path p = dir.resolve(t + "-" + shape.length + ".npy");
                NpyWriter.write(p, a);
                NpyArray back = NpyReader.read(p);
                assertEquals(t, back.type());
                assertArrayEquals(shape, back.shape());
                assertEquals(a.bytes(), back.bytes());
            }
        }
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp files");
        }
    }

    @Test
    void theWriterNeverReplacesAnythingButARegularFile() throws Exception {
        NpyArray a = NpyArray.allocate(NpyType.FLOAT32, new int[] {3});
        Path target = dir.resolve("target.npy");
        Files.write(target, new byte[] {7});
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), target);
        Path folder = Files.createDirectory(dir.resolve("folder.npy"));
        for (Path p : new Path[] {link, folder}) {
            IOException e = assertThrows(IOException.class, () -> NpyWriter.write(p, a));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        }
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
        assertTrue(Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS));
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary file left");
        }
        // A regular file is replaced as before.
        NpyWriter.write(target, a);
        assertArrayEquals(new int[] {3}, NpyReader.read(target).shape());
    }

    @Test
    void aPathWithoutAFileNameIsRefusedWithAMessageThatSaysSo() {
        NpyArray a = NpyArray.allocate(NpyType.FLOAT32, new int[] {3});
        IOException e = assertThrows(IOException.class, () -> NpyWriter.write(Paths.get("/"), a));
        assertFalse(e.getMessage().contains("null"), e.getMessage());
        assertTrue(e.getMessage().contains("no file name"), e.getMessage());
    }
}
