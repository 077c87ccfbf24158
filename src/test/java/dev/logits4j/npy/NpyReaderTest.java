package dev.logits4j.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's refusals that the CLI tests do not reach on their own. */
class NpyReaderTest {
    @TempDir
    Path dir;

    /** The reader's exception (or a failure if it blocked: then the FIFO is opened to free it). */
    private static IOException readFails(Path p, Path fifo) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<IOException> f = runner.submit(() -> assertThrows(IOException.class, () -> NpyReader.read(p)));
            try {
                return f.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                Files.newOutputStream(fifo).close();
                return fail("NpyReader.read blocked on " + p);
            }
        } finally {
            runner.shutdown();
        }
    }

    @Test
    void aFifoOrAFolderIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("fifo.npy");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo works here");
        IOException e = readFails(fifo, fifo);
        assertTrue(e.getMessage().contains("a FIFO, not a regular file"), e.getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), fifo);
        e = readFails(link, fifo);
        assertTrue(e.getMessage().contains("a FIFO, not a regular file"), e.getMessage());
        e = readFails(Files.createDirectory(dir.resolve("folder.npy")), fifo);
        assertTrue(e.getMessage().contains("a directory, not a regular file"), e.getMessage());
    }

    /** A format 3.0 file (UTF-8 header) holding {@code count} float32 zeros. */
    private Path v3(String name, String shape, int count) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }\n";
        byte[] h = dict.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(12 + h.length + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 3).put((byte) 0);
        b.putInt(h.length).put(h);
        return Files.write(dir.resolve(name), b.array());
    }

    @Test
    void shapesTakeAsciiDigitsOnly() throws Exception {
        assertArrayEquals(new int[] {3, 2}, NpyReader.read(v3("ascii.npy", "(3, 2)", 6)).shape());
        // Arabic-Indic three, fullwidth three, Devanagari three: Character.isDigit and
        // Long.parseLong accept them, Python's literal_eval (what numpy uses) does not.
        for (String digit : new String[] {"\u0663", "\uff13", "\u0969"}) {
            Path p = v3("u" + (int) digit.charAt(0) + ".npy", "(" + digit + ",)", 3);
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(p), digit);
            assertTrue(e.getMessage().contains("shape"), e.getMessage());
        }
        Path mixed = v3("mixed.npy", "(1\u0663,)", 13);
        assertThrows(NpyFormatException.class, () -> NpyReader.read(mixed));
    }
}
