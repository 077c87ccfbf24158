package dev.logits4j.npy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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
}
