package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.npy.NpyType;
import dev.logits4j.npy.NpyWriter;
import dev.logits4j.testutil.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entropy} and {@code kl} on the command line: closed-form values, float32 out, refusals. */
class StatCliTest {
    @TempDir
    Path dir;

    private Path npy(String name, NpyType t, int[] shape, double... v) throws IOException {
        NpyArray a = NpyArray.allocate(t, shape);
        for (int i = 0; i < v.length; i++) {
            if (t == NpyType.FLOAT32) {
                a.asFloats().put(i, (float) v[i]);
            } else {
                a.asDoubles().put(i, v[i]);
            }
        }
        Path p = dir.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    @Test
    void entropyAndKlOfKnownDistributions() throws IOException {
        double ninf = Double.NEGATIVE_INFINITY;
        for (NpyType t : new NpyType[] {NpyType.FLOAT32, NpyType.FLOAT64}) {
            // rows: uniform over 4 (ln 4); one token (0); two of four equal, two banned (ln 2)
            Path x = npy("x.npy", t, new int[] {3, 4}, 1, 1, 1, 1, 5, ninf, ninf, ninf, 2, ninf, 2, ninf);
            Path h = dir.resolve("h.npy");
            Cli.Result r = Cli.run(new String[] {"entropy", "--in", x.toString(), "--out", h.toString()});
            assertEquals(0, r.status(), r.err());
            NpyArray got = NpyReader.read(h);
            assertEquals(NpyType.FLOAT32, got.type());
            assertEquals((float) Math.log(4), got.asFloats().get(0), 1e-6);
            assertEquals(0f, got.asFloats().get(1));
            assertEquals((float) Math.log(2), got.asFloats().get(2), 1e-6);
            // KL(P || Q): P = (1, 0) against Q = (1/2, 1/2) is ln 2; Q with a 0 where P > 0 is +inf; P = Q is 0
            Path p = npy("p.npy", t, new int[] {3, 2}, 0, ninf, 0, 0, 3, 1);
            Path q = npy("q.npy", t, new int[] {3, 2}, 7, 7, 0, ninf, 3, 1);
            Path k = dir.resolve("k.npy");
            r = Cli.run(new String[] {"kl", "--p", p.toString(), "--q", q.toString(), "--out", k.toString()});
            assertEquals(0, r.status(), r.err());
            got = NpyReader.read(k);
            assertEquals((float) Math.log(2), got.asFloats().get(0), 1e-6);
            assertEquals(Float.POSITIVE_INFINITY, got.asFloats().get(1));
            assertEquals(0f, got.asFloats().get(2), 1e-7);
        }
    }

    @Test
    void mismatchedInputsExitTwoNamingTheFlagAndWriteNothing() throws IOException {
        Path p = npy("p.npy", NpyType.FLOAT32, new int[] {2, 2}, 0, 0, 0, 0);
        Path q = npy("q.npy", NpyType.FLOAT32, new int[] {2, 3}, 0, 0, 0, 0, 0, 0);
        Path k = dir.resolve("k.npy");
        Cli.Result r = Cli.run(new String[] {"kl", "--p", p.toString(), "--q", q.toString(), "--out", k.toString()});
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--q"), r.err());
        assertTrue(Files.notExists(k));
        r = Cli.run(new String[] {"entropy", "--help"});
        assertEquals(0, r.status());
        assertTrue(r.out().contains("--in X.npy --out H.npy"), r.out());
    }
}
