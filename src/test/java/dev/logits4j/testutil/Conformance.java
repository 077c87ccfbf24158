package dev.logits4j.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The PyTorch-generated conformance cases shipped in the test resources. */
public final class Conformance {
    private Conformance() {}

    /** One case of the manifest (see conformance/public/README.md). */
    public record Case(String id, String op, Map<String, Object> args, Map<String, Object> inputs,
                       String expected, boolean ok, String dtype, int[] shape, double atol,
                       double rtol, List<Object> tags, Path base) {
        public String arg(String name) {
            Object v = args.get(name);
            return v == null ? null : String.valueOf(v);
        }

        public Path input(String flag) {
            Object v = inputs.get(flag);
            return v == null ? null : base.resolve((String) v);
        }

        public Path expectedPath() {
            return base.resolve(expected);
        }

        /** The CLI arguments for this case, output to {@code out}. */
        public List<String> cliArgs(Path out) {
            List<String> a = new ArrayList<>();
            a.add(op);
            for (Map.Entry<String, Object> e : inputs.entrySet()) {
                a.add("--" + e.getKey());
                a.add(base.resolve((String) e.getValue()).toString());
            }
            for (Map.Entry<String, Object> e : args.entrySet()) {
                if (Boolean.TRUE.equals(e.getValue())) {
                    a.add("--" + e.getKey());
                } else {
                    a.add("--" + e.getKey());
                    a.add(jsonText(e.getValue()));
                }
            }
            a.add("--out");
            a.add(out.toString());
            return a;
        }
    }

    private static String jsonText(Object v) {
        return String.valueOf(v);
    }

    public static Path dir() {
        return dir("public");
    }

    /** The folder of a case set: "public", or "half" (float16 / bfloat16 logits, issue 13). */
    public static Path dir(String set) {
        try {
            return Paths.get(Conformance.class.getResource("/conformance/" + set + "/cases.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Case> cases() {
        return cases("public");
    }

    @SuppressWarnings("unchecked")
    public static List<Case> cases(String set) {
        Path base = dir(set);
        try {
            Map<String, Object> m = (Map<String, Object>) Json.parse(
                    Files.readString(base.resolve("cases.json")));
            List<Case> out = new ArrayList<>();
            for (Object o : (List<Object>) m.get("cases")) {
                Map<String, Object> c = (Map<String, Object>) o;
                List<Object> shape = (List<Object>) c.get("shape");
                int[] sh = null;
                if (shape != null) {
                    sh = new int[shape.size()];
                    for (int i = 0; i < sh.length; i++) {
                        sh[i] = ((Number) shape.get(i)).intValue();
                    }
                }
                out.add(new Case((String) c.get("id"), (String) c.get("op"),
                        (Map<String, Object>) c.get("args"), (Map<String, Object>) c.get("inputs"),
                        (String) c.get("expected"), "ok".equals(c.get("expect")),
                        (String) c.get("dtype"), sh,
                        c.get("atol") == null ? 0 : ((Number) c.get("atol")).doubleValue(),
                        c.get("rtol") == null ? 0 : ((Number) c.get("rtol")).doubleValue(),
                        (List<Object>) c.get("tags"), base));
            }
            Object counts = m.get("counts");
            int total = 0;
            for (Object v : ((Map<String, Object>) counts).values()) {
                total += ((Number) v).intValue();
            }
            if (total != out.size()) {
                throw new IllegalStateException("manifest counts say " + total + " cases, found " + out.size());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The conformance comparison: NaN positions match, infinities match, otherwise
     * |g - e| <= atol + rtol |e|. Returns null when it passes, else a description of the first
     * failing element.
     */
    public static String compare(double[] got, double[] expected, double atol, double rtol) {
        if (got.length != expected.length) {
            return "length " + got.length + " != expected " + expected.length;
        }
        for (int i = 0; i < got.length; i++) {
            double g = got[i];
            double e = expected[i];
            boolean ok;
            if (Double.isNaN(e)) {
                ok = Double.isNaN(g);
            } else if (Double.isInfinite(e)) {
                ok = g == e;
            } else {
                ok = Double.isFinite(g) && Math.abs(g - e) <= atol + rtol * Math.abs(e);
            }
            if (!ok) {
                return "element " + i + ": got " + g + ", expected " + e + " (atol " + atol
                        + ", rtol " + rtol + ")";
            }
        }
        return null;
    }
}
