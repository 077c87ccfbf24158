package dev.logits4j.cli;

import dev.logits4j.npy.FileKinds;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The CLI's rules for the paths it is given, applied right after the flags are parsed, before any
 * input is read and before anything is computed or created.
 */
final class PathChecks {
    private PathChecks() {}

    /**
     * An input must be a regular file, looked at through links (a link to a .npy file is fine).
     * Refused before it is opened: opening a FIFO blocks until something writes to it, and a
     * device or folder is no .npy data.
     */
    static Path input(String flag, String value) throws UsageException {
        Path p = path(flag, value);
        String kind;
        try {
            kind = FileKinds.nonRegular(p);
        } catch (NoSuchFileException e) {
            throw new UsageException("--" + flag + " " + value + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--" + flag + " " + value + ": " + reason(e, "cannot read"));
        }
        if (kind != null) {
            throw new UsageException("--" + flag + " " + value + ": is " + kind + ", not a regular file");
        }
        return p;
    }

    /**
     * An output must be missing (the usual case) or a regular file. It is looked at without
     * following links: outputs are written to a temporary file and renamed over the path, and the
     * rename would replace a device node, FIFO, folder or symbolic link itself (not write through
     * it), so those are refused rather than destroyed.
     */
    static Path output(String flag, String value) throws UsageException {
        Path p = path(flag, value);
        Path name = p.getFileName();
        if (name == null || value.endsWith(p.getFileSystem().getSeparator())
                || name.toString().equals(".") || name.toString().equals("..")) {
            // Paths.get drops a trailing separator, which would quietly turn "out/" into a file "out".
            throw new UsageException("--" + flag + " '" + value + "' names a folder, not a file "
                    + "(give a file path such as y.npy)");
        }
        String kind;
        try {
            kind = FileKinds.nonRegular(p, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return p;
        } catch (IOException e) {
            throw new UsageException("--" + flag + " " + value + ": " + reason(e, "cannot write"));
        }
        if (kind != null) {
            throw new UsageException("--" + flag + " " + value + ": is " + kind
                    + ", not a regular file; refusing to replace it");
        }
        return p;
    }

    private static Path path(String flag, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException("--" + flag + " is empty; give a file path");
        }
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw new UsageException("--" + flag + " " + value + ": not a valid path (" + e.getReason() + ")");
        }
    }

    /** The operating system's reason, without the path that the message already names. */
    private static String reason(IOException e, String what) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String why = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : e.getMessage();
        return what + ": " + why;
    }
}
