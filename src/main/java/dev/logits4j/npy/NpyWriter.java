package dev.logits4j.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes .npy files (format 1.0, or 2.0 when the header needs it) atomically: the data goes to a
 * temporary file in the destination's folder, is forced to disk, and is then renamed over the
 * destination. A failure at any point removes the temporary file and leaves any existing
 * destination untouched. An existing destination must be a regular file: the rename would
 * replace a device node, FIFO, folder or symbolic link itself rather than write to it.
 */
public final class NpyWriter {
    private NpyWriter() {}

    /** The bytes before the data: magic, version, header length and the padded header dict. */
    static byte[] header(NpyArray a) {
        String dict = "{'descr': '" + a.type().descr() + "', 'fortran_order': False, 'shape': "
                + NpyArray.shapeString(a.shape()) + ", }";
        int version = dict.length() + 1 + 10 > 65535 ? 2 : 1;
        int prefix = version == 1 ? 10 : 12;
        // numpy pads so that the data starts on a 64-byte boundary; the dict ends with '\n'.
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        StringBuilder sb = new StringBuilder(dict);
        while (prefix + sb.length() + 1 < padded) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1));
        b.put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        b.put(text);
        return b.array();
    }

    /** Writes {@code a} to {@code path} atomically. */
    public static void write(Path path, NpyArray a) throws IOException {
        try (Pending p = prepare(path, a)) {
            p.commit();
        }
    }

    /**
     * Writes {@code a} to a temporary file beside {@code path} (synced), to be renamed into place
     * by {@link Pending#commit}; closing an uncommitted one deletes it. A command with several
     * outputs prepares them all before committing any, so a failed write leaves none of them.
     */
    public static Pending prepare(Path path, NpyArray a) throws IOException {
        Path target = path.toAbsolutePath();
        if (target.getFileName() == null) {
            throw new FileSystemException(path.toString(), null, "no file name (the path is a folder)");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null,
                    "the output folder does not exist");
        }
        requireReplaceable(target);
        Path tmp = TempFiles.create(dir, "." + target.getFileName() + ".", ".tmp");
        Pending p = new Pending(target, tmp);
        boolean written = false;
        try {
            readableByAll(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(header(a)));
                writeFully(ch, a.bytes());
                ch.force(true);
            }
            written = true;
            return p;
        } finally {
            if (!written) {
                p.close();
            }
        }
    }

    /** An output written to its temporary file, not yet renamed into place. */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private boolean done;

        private Pending(Path target, Path tmp) {
            this.target = target;
            this.tmp = tmp;
        }

        /** Renames the temporary file onto the destination (atomically where the file system can). */
        public void commit() throws IOException {
            // Again: the destination may have changed while the data was written.
            requireReplaceable(target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        }

        /** Deletes the temporary file unless it was committed. */
        @Override
        public void close() throws IOException {
            try {
                if (!done) {
                    Files.deleteIfExists(tmp);
                }
            } finally {
                TempFiles.unregister(tmp);
            }
        }
    }

    /**
     * Refuses an existing destination that is not a regular file, looked at without following
     * links: a symbolic link is refused too, since the rename would replace the link, not its
     * target. A missing destination is fine.
     */
    private static void requireReplaceable(Path target) throws IOException {
        String kind;
        try {
            kind = FileKinds.nonRegular(target, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (kind != null) {
            throw new FileSystemException(target.toString(), null,
                    "is " + kind + ", not a regular file; not replaced");
        }
    }

    /**
     * Temporary files are created owner-only (0600); the output is an ordinary file, so it gets
     * rw-r--r-- like a file the user's shell would create.
     */
    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep its default permissions
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
