package dev.logits4j.internal.nativeimpl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content-addressed extraction behind {@link NativeLibrary}: one path per content, a file
 * at its final name always whole, and a file another process may have mapped never written
 * again. The same with real JVMs and two builds of the library: {@code it/CacheRaceIT}.
 */
class ContentCacheTest {
    @TempDir
    Path tmp;

    private URL resource(String name, byte[] bytes) throws Exception {
        Path p = Files.createDirectories(tmp.resolve("src-" + name)).resolve("lib.so");
        Files.write(p, bytes);
        return p.toUri().toURL();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void oneFolderPerContentNamedByItsHash() throws Exception {
        Path root = tmp.resolve("cache");
        byte[] a = bytes(100_000, 1);
        byte[] b = bytes(100_001, 2);
        Path pa = ContentCache.extract(resource("a", a), "linux-x86_64/lib.so", root);
        Path pb = ContentCache.extract(resource("b", b), "linux-x86_64/lib.so", root);
        assertNotEquals(pa, pb);
        assertEquals(root.resolve(ContentCache.FOLDER).resolve(ContentCache.sha256(a)).resolve("linux-x86_64/lib.so"), pa);
        assertArrayEquals(a, Files.readAllBytes(pa));
        assertArrayEquals(b, Files.readAllBytes(pb));
        // the same content again: the same file, not written again
        Object inode = Files.getAttribute(pa, "unix:ino");
        assertEquals(pa, ContentCache.extract(resource("a2", a), "linux-x86_64/lib.so", root));
        assertEquals(inode, Files.getAttribute(pa, "unix:ino"));
        assertNoPartFiles(root);
    }

    @Test
    void anotherBuildNeverTouchesAMappedFile() throws Exception {
        Path root = tmp.resolve("cache");
        byte[] a = bytes(1 << 20, 3);
        Path pa = ContentCache.extract(resource("a", a), "lib.so", root);
        try (FileChannel ch = FileChannel.open(pa, StandardOpenOption.READ)) {
            MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, a.length);
            // a second build of the same name: JavaCPP's cache would delete and rewrite this path
            ContentCache.extract(resource("b", bytes(a.length / 2, 4)), "lib.so", root);
            byte[] seen = new byte[a.length];
            mapped.get(0, seen);  // SIGBUS here had the file been cut short under the mapping
            assertArrayEquals(a, seen);
            assertArrayEquals(a, Files.readAllBytes(pa));
        }
    }

    @Test
    void aDamagedCachedFileIsReplacedWholeLeavingItsOldInodeAlone() throws Exception {
        Path root = tmp.resolve("cache");
        byte[] a = bytes(200_000, 5);
        Path pa = ContentCache.extract(resource("a", a), "lib.so", root);
        try (RandomAccessFile f = new RandomAccessFile(pa.toFile(), "rw")) {
            f.setLength(a.length / 3);  // truncated, same name (a crash mid-copy, a full disk)
        }
        Object damaged = Files.getAttribute(pa, "unix:ino");
        assertEquals(pa, ContentCache.extract(resource("a2", a), "lib.so", root));
        assertArrayEquals(a, Files.readAllBytes(pa));
        assertNotEquals(damaged, Files.getAttribute(pa, "unix:ino"), "replaced by a rename, not rewritten in place");
        // same size, one byte changed: caught by the hash, not only by the size
        try (RandomAccessFile f = new RandomAccessFile(pa.toFile(), "rw")) {
            f.seek(1000);
            f.write(a[1000] ^ 1);
        }
        ContentCache.extract(resource("a3", a), "lib.so", root);
        assertArrayEquals(a, Files.readAllBytes(pa));
    }

    @Test
    void threadsExtractingAtOnceAllGetOneWholeFile() throws Exception {
        Path root = tmp.resolve("cache");
        byte[] a = bytes(1 << 20, 6);
        URL url = resource("a", a);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Callable<Object> task = () -> {
                    Path p = ContentCache.extract(url, "lib.so", root);
                    assertArrayEquals(a, Files.readAllBytes(p));  // never a part-written file
                    return p + " " + Files.getAttribute(p, "unix:ino");  // the file it would map
                };
                results.add(pool.submit(task));
            }
            Set<Object> files = new HashSet<>();
            for (Future<Object> f : results) {
                files.add(f.get());
            }
            // one path and one inode: a JVM that lost the race to publish uses the winner's
            // file; replacing it (a rename onto the path) would unlink the file the winner mapped
            // (CacheRaceIT saw "(deleted)" in /proc/self/maps)
            assertEquals(1, files.size(), files.toString());
        } finally {
            pool.shutdownNow();
        }
        assertNoPartFiles(root);
    }

    @Test
    void aJvmThatLosesTheRaceToPublishUsesTheWinnersFile() throws Exception {
        Path root = tmp.resolve("cache");
        byte[] a = bytes(300_000, 7);
        URL url = resource("a", a);
        Object[] winner = new Object[1];
        // another JVM publishes the same library while this one has written its part file
        Path p = ContentCache.extract(url, "lib.so", root, () -> {
            try {
                Path w = ContentCache.extract(url, "lib.so", root);
                winner[0] = Files.getAttribute(w, "unix:ino");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertArrayEquals(a, Files.readAllBytes(p));
        // the winner may have mapped its file: it must still be the file at the path, not an
        // unlinked inode ("(deleted)" in its /proc/self/maps, as CacheRaceIT once saw)
        assertEquals(winner[0], Files.getAttribute(p, "unix:ino"));
        assertNoPartFiles(root);
    }

    private static void assertNoPartFiles(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> parts = s.filter(p -> p.toString().endsWith(".part")).toList();
            assertTrue(parts.isEmpty(), "left behind: " + parts);
        }
    }
}
