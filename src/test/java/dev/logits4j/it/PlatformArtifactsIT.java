package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.nativeimpl.NativePlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The published POMs against what the build makes: {@code platform/pom.xml} (logits4j-platform)
 * depends on the main jar and on exactly the classifier jars the build knows how to make (one per
 * {@code src/platform} folder, as the runtime's {@code NativePlatform.SUPPORTED} and
 * {@code NativeBinding}'s {@code @Platform} list them); {@code target/} holds no classifier jar the
 * platform POM leaves out, and every one it lists but linux-arm64 where the cross compiler is
 * missing; the build installs logits4j-platform exactly when it made every jar it lists; each
 * classifier jar holds its library; {@code bom/pom.xml} manages every artifact at the library's
 * version.
 */
class PlatformArtifactsIT {
    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final String CROSS_COMPILER = "/usr/bin/aarch64-linux-gnu-g++";

    /** A dependency as a POM declares it: groupId:artifactId:version[:classifier][@type]. */
    private static List<String> dependencies(Path pom, boolean managed) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();
        Element holder = managed ? child(project, "dependencyManagement") : project;
        List<String> out = new ArrayList<>();
        for (Element d : children(child(holder, "dependencies"), "dependency")) {
            String s = text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "version");
            s += text(d, "classifier").isEmpty() ? "" : ":" + text(d, "classifier");
            s += text(d, "type").isEmpty() ? "" : "@" + text(d, "type");
            assertEquals("", text(d, "scope"), s + ": no scope");
            out.add(s);
        }
        return out;
    }

    private static String version(Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();
        return text(project, "version");
    }

    private static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        assertEquals(1, c.size(), "one <" + name + "> in <" + e.getTagName() + ">");
        return c.get(0);
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static String text(Element e, String name) {
        List<Element> c = children(e, name);
        return c.isEmpty() ? "" : c.get(0).getTextContent().trim();
    }

    /** The platforms the build makes a classifier jar for, checked to agree three ways. */
    private static Set<String> platforms() throws Exception {
        Set<String> folders;
        try (Stream<Path> s = Files.list(ROOT.resolve("src/platform"))) {
            folders = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(folders, new TreeSet<>(Arrays.asList(NativePlatform.SUPPORTED.split(", "))),
                "src/platform folders against NativePlatform.SUPPORTED");
        Class<?> binding = Class.forName("dev.logits4j.internal.nativeimpl.NativeBinding", false,
                PlatformArtifactsIT.class.getClassLoader());
        String[] annotated = binding.getAnnotation(org.bytedeco.javacpp.annotation.Platform.class).value();
        assertEquals(folders, new TreeSet<>(Arrays.asList(annotated)), "src/platform folders against @Platform");
        return folders;
    }

    /** The classifiers of the jars in target/ (not sources or javadoc). */
    private static Set<String> built(String version) throws Exception {
        String prefix = "logits4j-" + version + "-";
        try (Stream<Path> s = Files.list(BuiltJars.TARGET)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
                    .map(n -> n.substring(prefix.length(), n.length() - 4))
                    .filter(c -> !c.equals("sources") && !c.equals("javadoc"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void thePlatformPomListsExactlyTheClassifiersTheBuildMakes() throws Exception {
        String version = version(ROOT.resolve("pom.xml"));
        assertEquals(version, version(ROOT.resolve("platform/pom.xml")), "logits4j-platform's version");
        Set<String> expected = new TreeSet<>();
        expected.add("dev.logits4j:logits4j:${project.version}");
        for (String p : platforms()) {
            expected.add("dev.logits4j:logits4j:${project.version}:" + p);
        }
        assertEquals(expected, new TreeSet<>(dependencies(ROOT.resolve("platform/pom.xml"), false)));

        Set<String> built = built(version);
        Set<String> madeHere = new TreeSet<>(platforms());
        if (System.getProperty("os.arch").equals("aarch64")) {
            madeHere.retainAll(Set.of("linux-arm64"));  // profile native-linux-arm64: no x86 jar
        } else if (!Files.exists(Paths.get(CROSS_COMPILER))) {
            madeHere.remove("linux-arm64");  // what pom.xml's profile linux-arm64-skipped leaves out
        }
        assertEquals(madeHere, built, "classifier jars in " + BuiltJars.TARGET);
        // and logits4j-platform is installed exactly when every jar it lists was made
        String phase = System.getProperty("logits4j.test.platformInstallPhase");
        assertTrue(phase != null, "run by failsafe (pom.xml passes the phase)");
        assertEquals(built.equals(platforms()), !phase.equals("none"),
                "execution install-platform-pom runs at '" + phase + "' and the build made " + built);
    }

    @Test
    void everyClassifierJarHoldsItsLibraryAndModule() throws Exception {
        String version = version(ROOT.resolve("pom.xml"));
        Set<String> built = built(version);
        assertTrue(!built.isEmpty(), "no classifier jar in " + BuiltJars.TARGET);
        for (String c : built) {
            try (JarFile jar = new JarFile(BuiltJars.TARGET.resolve("logits4j-" + version + "-" + c + ".jar").toFile())) {
                var lib = jar.getJarEntry(NativePlatform.libraryResource(c));
                assertTrue(lib != null && lib.getSize() > 100_000, c + ": " + NativePlatform.libraryResource(c));
                assertTrue(jar.getJarEntry("module-info.class") != null, c + ": module-info.class");
                assertTrue(jar.getJarEntry("META-INF/services/dev.logits4j.internal.bundle.NativeBundle") != null,
                        c + ": the NativeBundle service file");
            }
        }
    }

    @Test
    void theBomManagesEveryArtifactAtTheLibrarysVersion() throws Exception {
        String version = version(ROOT.resolve("pom.xml"));
        assertEquals(version, version(ROOT.resolve("bom/pom.xml")), "logits4j-bom's version");
        Set<String> expected = new TreeSet<>();
        expected.add("dev.logits4j:logits4j:${project.version}");
        for (String p : platforms()) {
            expected.add("dev.logits4j:logits4j:${project.version}:" + p);
        }
        expected.add("dev.logits4j:logits4j-platform:${project.version}@pom");
        assertEquals(expected, new TreeSet<>(dependencies(ROOT.resolve("bom/pom.xml"), true)));
    }
}
