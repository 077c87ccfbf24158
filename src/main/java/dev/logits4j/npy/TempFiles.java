package dev.logits4j.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary output files in flight, removed by a shutdown hook if the JVM is stopped (SIGTERM,
 * Ctrl-C) before they were renamed into place, so an interrupted write leaves nothing behind.
 */
final class TempFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : LIVE) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort while the JVM goes down
                }
            }
        }, "logits4j-tempfile-cleanup"));
    }

    private TempFiles() {}

    static void register(Path p) {
        LIVE.add(p);
    }

    static void unregister(Path p) {
        LIVE.remove(p);
    }
}
