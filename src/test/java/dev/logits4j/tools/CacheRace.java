package dev.logits4j.tools;

import dev.logits4j.Legacy;
import dev.logits4j.BackendInfo;
import dev.logits4j.Logits4j;
import dev.logits4j.SoftmaxOptions;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One of several JVMs started at once by {@code it/CacheRaceIT}, each on its own build of the
 * linux-x86_64 jar (same file name, other bytes) and one shared JavaCPP cache folder. It loads
 * the native library, says which file it mapped, waits until every other JVM has loaded its own,
 * then checks that its mapped file was left alone: same inode, same bytes as the library in its
 * own jar, still the one /proc/self/maps shows. Then it runs a native softmax over a large row.
 *
 * <p>Arguments: this JVM's name, the folder where the JVMs meet, how many JVMs there are.
 * Prints {@code cache race: ok NAME FILE} and exits 0, or {@code cache race: FAILED ...} and 1.
 */
public final class CacheRace {
    private CacheRace() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path meet = Paths.get(args[1]);
        int jvms = Integer.parseInt(args[2]);

        BackendInfo info = Logits4j.info();
        if (!info.implementation().startsWith("native-")) {
            fail(name, "the native library did not load: " + info.reason());
        }
        Path file = Paths.get(info.nativeLibrary());
        String own = ownLibraryHash();
        Object inode = Files.getAttribute(file, "unix:ino");
        check(name, file, inode, own, "after loading");

        Files.writeString(meet.resolve(name + ".loaded"), file.toString());
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (count(meet) < jvms) {
            if (System.nanoTime() > deadline) {
                fail(name, "the other JVMs did not load within 90 s (" + count(meet) + " of " + jvms + ")");
            }
            Thread.sleep(20);
        }
        check(name, file, inode, own, "after every other JVM loaded its build");

        float[] x = new float[1 << 20];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.001) * 8;
        }
        float[] y = new float[x.length];
        Legacy.AUTO.softmax(x, 0, y, 0, new int[] {1, x.length}, -1, SoftmaxOptions.DEFAULT);
        double sum = 0;
        for (float v : y) {
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-3) {
            fail(name, "softmax summed to " + sum);
        }
        System.out.println("cache race: ok " + name + " " + file);
    }

    private static long count(Path meet) throws Exception {
        try (var s = Files.list(meet)) {
            return s.filter(p -> p.toString().endsWith(".loaded")).count();
        }
    }

    /** The SHA-256 of the library in this JVM's own linux-x86_64 jar. */
    private static String ownLibraryHash() throws Exception {
        URL url = CacheRace.class.getClassLoader()
                .getResource("dev/logits4j/internal/nativeimpl/linux-x86_64/libjniNativeBinding.so");
        try (InputStream in = url.openStream()) {
            return sha256(in.readAllBytes());
        }
    }

    private static void check(String name, Path file, Object inode, String own, String when) throws Exception {
        List<String> mapped = Files.readAllLines(Paths.get("/proc/self/maps")).stream()
                .filter(l -> l.contains("libjniNativeBinding")).map(l -> l.substring(l.indexOf('/')))
                .distinct().collect(Collectors.toList());
        if (!mapped.equals(List.of(file.toString()))) {
            fail(name, when + ": /proc/self/maps shows " + mapped + ", loaded " + file);
        }
        if (!Files.getAttribute(file, "unix:ino").equals(inode)) {
            fail(name, when + ": " + file + " was replaced (inode " + inode + " -> "
                    + Files.getAttribute(file, "unix:ino") + ")");
        }
        String now = sha256(Files.readAllBytes(file));
        if (!now.equals(own)) {
            fail(name, when + ": " + file + " holds " + now + ", this JVM's jar holds " + own);
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static void fail(String name, String why) {
        System.out.println("cache race: FAILED " + name + ": " + why);
        System.exit(1);
    }
}
