package dev.logits4j.cli;

import dev.logits4j.TokenMask;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code sample}'s token-mask flags: {@code --mask M.npy} (int32 words [N, W], bit j % 32 of word
 * j / 32 set = token j allowed), {@code --allowed A.npy} and {@code --banned B.npy} (int32 or
 * int64 token ids, for every row); together, a token must pass all that are given.
 */
final class MaskFlags {
    private final Path mask;
    private final Path allowed;
    private final Path banned;

    private MaskFlags(Path mask, Path allowed, Path banned) {
        this.mask = mask;
        this.allowed = allowed;
        this.banned = banned;
    }

    static MaskFlags of(Args a, PathChecks paths) throws UsageException {
        return new MaskFlags(input(a, paths, "mask"), input(a, paths, "allowed"),
                input(a, paths, "banned"));
    }

    private static Path input(Args a, PathChecks paths, String flag) throws UsageException {
        String v = a.optional(flag);
        return v == null ? null : paths.input(flag, v);
    }

    boolean any() {
        return mask != null || allowed != null || banned != null;
    }

    /** The mask words, [rows, words(vocab)], or null when no flag is given. */
    int[] words(int rows, int vocab) throws IOException, UsageException {
        if (!any()) {
            return null;
        }
        int w = TokenMask.words(vocab);
        int[] all = new int[Math.multiplyExact(rows, w)];
        java.util.Arrays.fill(all, -1);
        if (mask != null) {
            NpyArray m = Main.read("mask", mask);
            if (m.type() != NpyType.INT32 || m.rank() != 2 || m.shape()[0] != rows) {
                throw new UsageException("--mask " + mask + ": expected int32 [" + rows + ", W] (W = "
                        + w + " for a vocabulary of " + vocab + "), got " + m.type().label() + " "
                        + NpyArray.shapeString(m.shape()));
            }
            int given = m.shape()[1];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < w; j++) {
                    all[r * w + j] = j < given ? m.asInts().get(r * given + j) : 0;
                }
            }
        }
        if (allowed != null) {
            and(all, TokenMask.allowing(vocab, ids("allowed", allowed, vocab)), w);
        }
        if (banned != null) {
            and(all, TokenMask.banning(vocab, ids("banned", banned, vocab)), w);
        }
        return all;
    }

    private static void and(int[] all, int[] row, int w) {
        for (int i = 0; i < all.length; i++) {
            all[i] &= row[i % w];
        }
    }

    private static int[] ids(String flag, Path file, int vocab) throws IOException, UsageException {
        NpyArray a = Main.read(flag, file);
        if ((a.type() != NpyType.INT32 && a.type() != NpyType.INT64) || a.rank() != 1) {
            throw new UsageException("--" + flag + " " + file + ": expected int32 or int64 [K] token "
                    + "ids, got " + a.type().label() + " " + NpyArray.shapeString(a.shape()));
        }
        int n = a.shape()[0];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            long id = a.type() == NpyType.INT32 ? a.asInts().get(i) : a.asLongs().get(i);
            if (id < 0 || id >= vocab) {
                throw new UsageException("--" + flag + " " + file + ": id " + id + " at [" + i
                        + "] is not a token of the logits' vocabulary of " + vocab);
            }
            ids[i] = (int) id;
        }
        return ids;
    }
}
