package dev.logits4j.internal.nativeimpl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Extracts a resource into a cache folder named by the SHA-256 of its bytes, so that a path only
 * ever holds one content, complete. Two JVMs that load different builds of one SNAPSHOT (same jar
 * name, other bytes) get different paths; a JVM never rewrites a file another one may have
 * mapped. JavaCPP's own cache keys the file by jar name and re-extracts it in place when the size
 * or time differs, outside the lock that guards the extraction: a JVM could map the file while
 * another rewrote it, and ld.so died of SIGBUS reading past the new end.
 *
 * <p>A file is written beside its final name and published by a hard link that never replaces
 * (atomic), so a reader sees nothing or the whole file and a JVM that loses the race to publish
 * uses the winner's file; a cached file whose bytes no longer match their name (truncated,
 * edited) is replaced by a rename, which leaves any mapping of the old one intact.
 */
final class ContentCache {
    /** The folder under the cache root that holds one folder per content hash. */
    static final String FOLDER = "dev.logits4j";

    private ContentCache() {}

    /**
     * The path of {@code resource}'s bytes as {@code root/dev.logits4j/<sha-256>/<name>},
     * extracted there first if that path is missing or holds other bytes.
     *
     * @param name a relative path, e.g. {@code linux-x86_64/libjniNativeBinding.so} (the platform
     *             stays in sight in {@code info()})
     * @throws IOException when the resource cannot be read or the cache cannot be written
     */
    static Path extract(URL resource, String name, Path root) throws IOException {
        return extract(resource, name, root, () -> { });
    }

    /**
     * {@link #extract}, with {@code written} run between writing the part file and publishing it
     * (the window in which another JVM may publish the same file; tests run one there).
     */
    static Path extract(URL resource, String name, Path root, Runnable written) throws IOException {
        byte[] bytes;
        try (InputStream in = resource.openStream()) {
            bytes = in.readAllBytes();
        }
        String hash = sha256(bytes);
        Path file = root.resolve(FOLDER).resolve(hash).resolve(name);
        if (holds(file, bytes.length, hash)) {
            return file;
        }
        Path dir = Files.createDirectories(file.getParent());
        Path part = Files.createTempFile(dir, file.getFileName() + ".", ".part");
        try {
            Files.write(part, bytes);
            written.run();
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                // publish without replacing: two JVMs of one build extract at once, and a rename
                // of the second onto the first's file would unlink the file the first has mapped
                // (CacheRaceIT saw "(deleted)" in /proc/self/maps); the loser uses the winner's
                try {
                    Files.createLink(file, part);
                    return file;
                } catch (FileAlreadyExistsException raced) {
                    // another JVM published it meanwhile: checked below
                } catch (UnsupportedOperationException | IOException noHardLinks) {
                    // a file system without hard links: the rename below (same bytes, a new file)
                }
            }
            if (holds(file, bytes.length, hash)) {
                return file;   // published by another JVM since the first look
            }
            // a cached file with other bytes (truncated, edited): replace it by a rename, which
            // leaves any mapping of the old one intact
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // never on one POSIX file system (part and file share a folder); a plain replace
                // still writes a new file rather than into one that may be mapped
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return file;
    }

    /** Whether {@code file} is a regular file of {@code size} bytes whose SHA-256 is {@code hash}. */
    private static boolean holds(Path file, long size, String hash) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == size
                && sha256(Files.readAllBytes(file)).equals(hash);
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder b = new StringBuilder(64);
            for (byte x : d) {
                b.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
