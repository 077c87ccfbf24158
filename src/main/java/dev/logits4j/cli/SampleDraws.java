package dev.logits4j.cli;

import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyType;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Path;

/**
 * Where {@code sample}'s one uniform draw per row comes from: {@code --seed N} (the
 * {@link SeededUniforms} stream) or {@code --uniform U.npy} (float64 [N] in [0, 1)). Exactly one
 * of the two: a seed and a file together would leave one of them silently unused.
 */
final class SampleDraws {
    private final long seed;
    private final Path file;

    private SampleDraws(long seed, Path file) {
        this.seed = seed;
        this.file = file;
    }

    /** The flags, checked before any file is read; a {@code --uniform} path joins {@code paths}. */
    static SampleDraws of(Args a, PathChecks paths) throws UsageException {
        String seed = a.optional("seed");
        String file = a.optional("uniform");
        if (seed != null && file != null) {
            throw new UsageException("--seed " + seed + " and --uniform " + file + " both give the "
                    + "draws; give one of them");
        }
        if (seed == null && file == null) {
            throw new UsageException("sample needs --seed N (reproducible SplitMix64 draws) or "
                    + "--uniform U.npy (one float64 draw in [0, 1) per row)");
        }
        return file == null ? new SampleDraws(a.longValue("seed", 0), null)
                : new SampleDraws(0, paths.input("uniform", file));
    }

    /** One draw per row: the seed's first {@code rows} draws, or the file's, checked. */
    DoubleBuffer forRows(int rows) throws IOException, UsageException {
        if (file == null) {
            return DoubleBuffer.wrap(SeededUniforms.draws(seed, rows));
        }
        NpyArray u = Main.read("uniform", file);
        if (u.type() != NpyType.FLOAT64 || u.rank() != 1 || u.shape()[0] != rows) {
            throw new UsageException("--uniform " + file + ": expected float64 [" + rows + "], got "
                    + u.type().label() + " " + NpyArray.shapeString(u.shape()));
        }
        return u.asDoubles();
    }
}
