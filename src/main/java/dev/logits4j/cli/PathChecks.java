package dev.logits4j.cli;

import dev.logits4j.npy.FileKinds;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI's rules for the paths one command is given, applied right after the flags are parsed,
 * before any input is read and before anything is computed or created. One instance per command:
 * each path is also compared with the paths checked before it, so that no two outputs and no
 * output and input are one file.
 */
final class PathChecks {
    /** A path already checked: its flag, the value as given, and the file it names. */
    private record Checked(String flag, String value, Path path, Path file, boolean output) {}

    private final List<Checked> checked = new ArrayList<>();

    /**
     * An input must be a regular file, looked at through links (a link to a .npy file is fine).
     * Refused before it is opened: opening a FIFO blocks until something writes to it, and a
     * device or folder is no .npy data.
     */
    Path input(String flag, String value) throws UsageException {
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
        return distinct(flag, value, p, false);
    }

    /**
     * An output must be missing (the usual case) or a regular file. It is looked at without
     * following links: outputs are written to a temporary file and renamed over the path, and the
     * rename would replace a device node, FIFO, folder or symbolic link itself (not write through
     * it), so those are refused rather than destroyed.
     */
    Path output(String flag, String value) throws UsageException {
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
            return distinct(flag, value, p, true);
        } catch (IOException e) {
            throw new UsageException("--" + flag + " " + value + ": " + reason(e, "cannot write"));
        }
        if (kind != null) {
            throw new UsageException("--" + flag + " " + value + ": is " + kind
                    + ", not a regular file; refusing to replace it");
        }
        return distinct(flag, value, p, true);
    }

    /**
     * Refuses {@code p} when it is the same file as an output checked before, or, being an output,
     * the same file as an input: outputs are written after every input is read, each renamed over
     * its path, so one output would silently replace the other, or the input. Two inputs may be
     * one file. Paths are compared as the files they name, not as strings: "f", "./f" and
     * "d/../f", a folder reached through a link, an input that is a link to the output, and (for
     * files that exist) hard links all name one file.
     */
    private Path distinct(String flag, String value, Path p, boolean output) throws UsageException {
        Path file = file(p, output);
        for (Checked c : checked) {
            if ((output || c.output) && sameFile(c.path, c.file, p, file)) {
                throw new UsageException("--" + c.flag + " " + c.value + " and --" + flag + " " + value
                        + " name the same file " + file + "; " + (output && c.output
                        ? "one output would overwrite the other (give each output its own file)"
                        : "the output would replace the input (write it to another file)"));
            }
        }
        checked.add(new Checked(flag, value, p, file, output));
        return p;
    }

    /**
     * The file {@code p} names, with every link resolved where it exists: an input (a regular file,
     * links followed) through its real path; an output, which need not exist yet and is never a
     * link itself ({@link #output} refuses links), as its folder's real path and its name.
     * Where nothing more can be resolved, the absolute normalised path.
     */
    private static Path file(Path p, boolean output) {
        Path abs = p.toAbsolutePath();
        try {
            if (!output) {
                return abs.toRealPath();
            }
            Path parent = abs.getParent();
            return parent == null ? abs.normalize() : parent.toRealPath().resolve(abs.getFileName());
        } catch (IOException | SecurityException e) {
            return abs.normalize();   // a missing folder: the write fails later with its own message
        }
    }

    /** Same file name once resolved, or one file under two names (hard links) where both exist. */
    private static boolean sameFile(Path a, Path aFile, Path b, Path bFile) {
        if (aFile.equals(bFile)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
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
