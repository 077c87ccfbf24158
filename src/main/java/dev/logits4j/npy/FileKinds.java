package dev.logits4j.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names when it is not a regular file, in words for a message. The reader refuses
 * such inputs before opening them (opening a FIFO blocks until someone writes to it; a device or
 * folder is not .npy data), and the writer refuses to rename a new file over one.
 */
public final class FileKinds {
    private FileKinds() {}

    /**
     * {@code null} for a regular file, otherwise what {@code path} is: "a directory", "a symbolic
     * link" (only with {@link LinkOption#NOFOLLOW_LINKS}), "a FIFO", "a character device", "a
     * block device", "a socket" or "a special file".
     *
     * @throws java.nio.file.NoSuchFileException when nothing is there
     */
    public static String nonRegular(Path path, LinkOption... options) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, options);
        if (a.isRegularFile()) {
            return null;
        }
        if (a.isDirectory()) {
            return "a directory";
        }
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        return special(path, options);
    }

    /** The POSIX file type from the mode bits, where the JDK exposes them ("unix:mode"). */
    private static String special(Path path, LinkOption... options) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode", options) & 0170000;
            switch (type) {
                case 0010000:
                    return "a FIFO";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException
                 | IOException e) {
            // no "unix" attribute view here (or the file went away): fall back to the general word
        }
        return "a special file";
    }
}
