package dev.logits4j.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Temporary output files in flight, removed by a shutdown hook if the JVM is stopped (SIGTERM,
 * Ctrl-C) before they were renamed into place, so an interrupted write leaves nothing behind.
 * Creation and the hook share one lock: a file is either created before the hook runs (and then
 * removed by it) or not created at all.
 */
final class TempFiles {
    private static final Set<Path> LIVE = new HashSet<>();
    private static boolean closed;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::removeAll, "logits4j-tempfile-cleanup"));
    }

    private TempFiles() {}

    /** Creates a temporary file in {@code dir}, registered for removal at shutdown. */
    static synchronized Path create(Path dir, String prefix, String suffix) throws IOException {
        if (closed) {
            throw new IOException("the JVM is shutting down");
        }
        Path p = Files.createTempFile(dir, prefix, suffix);
        LIVE.add(p);
        return p;
    }

    static synchronized void unregister(Path p) {
        LIVE.remove(p);
    }

    private static synchronized void removeAll() {
        closed = true;
        for (Path p : LIVE) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort while the JVM goes down
            }
        }
        LIVE.clear();
    }
}
