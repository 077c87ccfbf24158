package dev.logits4j.internal.nativeimpl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The native library's variant table ({@code native/dispatch/variants.h}), read once: which kernel
 * variants exist, what each needs from the CPU, and which one is best. The table lives on the
 * native side only; nothing here names a variant, a CPU feature or an architecture.
 *
 * <p>Use it only after the library has loaded (after {@link NativeKernels#cpuFeatures()} returned):
 * the first call that needs the rows reads them through {@link NativeBinding}, whose initialiser
 * would otherwise load the library. Loading this class, or naming {@link Variant}, reads nothing.
 */
public final class VariantTable {
    /**
     * One kernel variant.
     *
     * @param id               the {@code isa} argument of every native kernel call
     * @param name             the name {@code -Dlogits4j.isa} takes ("avx512", "avx2", "scalar")
     * @param description      one line for people
     * @param requiredFeatures the CPU-feature bits it needs, all of them (0: runs everywhere)
     * @param arch             the architecture it is compiled for ("x86-64")
     * @param priority         among the supported variants the highest is the best
     */
    public record Variant(int id, String name, String description, int requiredFeatures,
                          String arch, int priority) {}

    private VariantTable() {}

    /** Holder idiom: the rows are read on first use, never when this class loads. */
    private static final class Rows {
        static final List<Variant> ALL = read();

        private static List<Variant> read() {
            int count = NativeBinding.l4j_variant_count();
            List<Variant> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rows.add(new Variant(NativeBinding.l4j_variant_id(i),
                        NativeBinding.l4j_variant_name(i),
                        NativeBinding.l4j_variant_description(i),
                        NativeBinding.l4j_variant_required(i),
                        NativeBinding.l4j_variant_arch(i),
                        NativeBinding.l4j_variant_priority(i)));
            }
            return List.copyOf(rows);
        }
    }

    /** Every variant the library was built with, in the native table's order (widest first). */
    public static List<Variant> all() {
        return Rows.ALL;
    }

    /** The variant with exactly this name (names are lower case), if the library has one. */
    public static Optional<Variant> byName(String name) {
        for (Variant v : Rows.ALL) {
            if (v.name().equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The variant with this id (the {@code isa} argument of the kernel calls), if any. */
    public static Optional<Variant> byId(int id) {
        for (Variant v : Rows.ALL) {
            if (v.id() == id) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** True when the CPU features include every feature the variant needs. */
    public static boolean supported(Variant variant, int features) {
        return (features & variant.requiredFeatures()) == variant.requiredFeatures();
    }

    /**
     * The supported variant of highest priority. The table always holds one that needs no
     * feature (scalar), so there is always an answer.
     *
     * @throws IllegalStateException if the native table has no variant these features support
     */
    public static Variant best(int features) {
        Variant best = null;
        for (Variant v : Rows.ALL) {
            if (supported(v, features) && (best == null || v.priority() > best.priority())) {
                best = v;
            }
        }
        if (best == null) {
            throw new IllegalStateException("the native variant table has no variant for features "
                    + describeFeatures(features));
        }
        return best;
    }

    /**
     * The features for people, from the native side: the architecture, then the names of each bit
     * set, e.g. "x86-64 avx2 fma avx512f avx512bw avx512dq avx512vl".
     */
    public static String describeFeatures(int features) {
        return NativeBinding.l4j_feature_names(features);
    }
}
