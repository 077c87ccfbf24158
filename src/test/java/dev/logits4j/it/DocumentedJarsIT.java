package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public class of {@code dev.logits4j} is in the sources jar and the javadoc jar, the
 * multi-release one ({@code Segments}, src/main/java22, compiled into META-INF/versions/22)
 * included; and the public classes the main jar holds are exactly those of the source folders.
 * A build without a JDK 22+ (the memory-segment profile off) has no Segments anywhere, consistently.
 */
class DocumentedJarsIT {
    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final Path JDK22_JAVAC = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    /** Public top-level types declared in {@code folder/dev/logits4j}. */
    private static Set<String> publicTypes(String folder) throws IOException {
        Set<String> out = new TreeSet<>();
        Path dir = ROOT.resolve(folder).resolve("dev/logits4j");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = PUBLIC_TYPE.matcher(Files.readString(p));
                if (m.find()) {
                    assertEquals(p.getFileName().toString(), m.group(1) + ".java", "the public type names its file");
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** Whether a class file declares a public class (its access flags, past the constant pool). */
    static boolean isPublic(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        in.readInt();  // magic
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: in.skipNBytes(in.readUnsignedShort()); break;               // Utf8
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    in.skipNBytes(4); break;
                case 5: case 6: in.skipNBytes(8); i++; break;                       // Long, Double: two slots
                case 7: case 8: case 16: case 19: case 20: in.skipNBytes(2); break;
                case 15: in.skipNBytes(3); break;                                   // MethodHandle
                default: throw new IOException("constant pool tag " + tag);
            }
        }
        return (in.readUnsignedShort() & 0x0001) != 0;
    }

    /** The public top-level classes of dev.logits4j in the main jar, base and versioned. */
    private static Set<String> publicClassesIn(JarFile jar) throws IOException {
        Set<String> out = new TreeSet<>();
        Pattern name = Pattern.compile("(?:META-INF/versions/\\d+/)?dev/logits4j/(\\w+)\\.class");
        for (JarEntry e : java.util.Collections.list(jar.entries())) {
            Matcher m = name.matcher(e.getName());
            if (m.matches() && !m.group(1).equals("package-info")) {
                try (InputStream in = jar.getInputStream(e)) {
                    if (isPublic(in)) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyPublicClassIsInTheSourcesAndTheJavadocJar() throws Exception {
        Set<String> expected = publicTypes("src/main/java");
        expected.addAll(publicTypes("src/gen/java"));
        Set<String> versioned = publicTypes("src/main/java22");
        assertTrue(versioned.contains("Segments"), "Segments in src/main/java22: " + versioned);
        // the build compiles src/main/java22 exactly when the memory-segment profile finds a JDK 22+
        if (Files.exists(JDK22_JAVAC)) {
            expected.addAll(versioned);
        }
        try (JarFile main = new JarFile(BuiltJars.jar("").toFile());
                JarFile sources = new JarFile(BuiltJars.jar("-sources").toFile());
                JarFile javadoc = new JarFile(BuiltJars.jar("-javadoc").toFile())) {
            assertEquals(expected, publicClassesIn(main), "public classes of dev.logits4j in the main jar");
            Set<String> missing = new TreeSet<>();
            for (String c : expected) {
                if (sources.getJarEntry("dev/logits4j/" + c + ".java") == null) {
                    missing.add(c + " (sources jar)");
                }
                if (javadoc.getJarEntry("dev/logits4j/" + c + ".html") == null) {
                    missing.add(c + " (javadoc jar)");
                }
            }
            assertEquals(Set.of(), missing, "public classes missing from the sources or javadoc jar");
        }
    }
}
