package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.plan.SamplingSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The options types print every field by name and expose it through a getter. Driven by the
 * fields themselves (reflection), so a field added later without a getter or a place in
 * {@code toString} fails here.
 */
class OptionsTextTest {
    /**
     * Each field of {@link SamplingSettings} (what {@link SamplingOptions} holds): the name
     * {@code toString} prints it under, and its getter.
     */
    private static final Map<String, String[]> SAMPLING_FIELDS = Map.ofEntries(
            Map.entry("temperature", new String[] {"temperature", "temperatures"}),
            Map.entry("topK", new String[] {"topK", "topKs"}),
            Map.entry("topP", new String[] {"topP", "topPs"}),
            Map.entry("minP", new String[] {"minP", "minPs"}),
            Map.entry("repetitionPenalty", new String[] {"repetitionPenalty", "repetitionPenalties"}),
            Map.entry("presencePenalty", new String[] {"presencePenalty", "presencePenalties"}),
            Map.entry("frequencyPenalty", new String[] {"frequencyPenalty", "frequencyPenalties"}),
            Map.entry("history", new String[] {"history", "history"}),
            Map.entry("paddedHistory", new String[] {"paddedHistory", "paddedHistory"}),
            Map.entry("paddedLength", new String[] {"paddedHistory", "paddedHistoryLength"}),
            Map.entry("penaltyStates", new String[] {"penaltyStates", "penaltyStates"}),
            Map.entry("biasIds", new String[] {"logitBias", "logitBiases"}),
            Map.entry("biasValues", new String[] {"logitBias", "logitBiases"}));

    private static List<Field> instanceFields(Class<?> c, boolean publicOnly) {
        List<Field> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) && !f.isSynthetic() && (!publicOnly || Modifier.isPublic(m))) {
                out.add(f);
            }
        }
        return out;
    }

    private static Method getter(Class<?> c, String name) throws NoSuchMethodException {
        Method m = c.getMethod(name);
        assertTrue(Modifier.isPublic(m.getModifiers()), c.getSimpleName() + "." + name + "() is public");
        return m;
    }

    @Test
    void everySamplingSettingHasAGetterAndANameInToString() throws Exception {
        String text = SamplingOptions.DEFAULT.toString();
        for (Field f : instanceFields(SamplingSettings.class, true)) {
            String[] names = SAMPLING_FIELDS.get(f.getName());
            assertTrue(names != null, "SamplingSettings." + f.getName() + " is new: give SamplingOptions a getter "
                    + "and a toString entry for it, and list it in this test");
            assertTrue(text.contains(names[0] + "="), names[0] + " in " + text);
            getter(SamplingOptions.class, names[1]);
        }
    }

    @Test
    void samplingOptionsPrintAndReturnWhatWasSet() {
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9)
                .withMinP(0.05).withRepetitionPenalty(1.3).withPresenceFrequencyPenalty(0.25, 0.125)
                .withHistory(new int[][] {{1, 2, 3}, {4}})
                .withLogitBias(Map.of(7, -2.5));
        assertEquals("SamplingOptions[temperature=0.7, topK=50, topP=0.9, minP=0.05, repetitionPenalty=1.3, "
                + "presencePenalty=0.25, frequencyPenalty=0.125, history=[[1, 2, 3], [4]], paddedHistory=none, "
                + "penaltyStates=none, logitBias=[{7=-2.5}]]", o.toString());
        assertArrayEquals(new double[] {0.7}, o.temperatures());
        assertArrayEquals(new int[] {50}, o.topKs());
        assertArrayEquals(new double[] {0.9}, o.topPs());
        assertArrayEquals(new double[] {0.05}, o.minPs());
        assertArrayEquals(new double[] {1.3}, o.repetitionPenalties());
        assertArrayEquals(new double[] {0.25}, o.presencePenalties());
        assertArrayEquals(new double[] {0.125}, o.frequencyPenalties());
        assertArrayEquals(new int[][] {{1, 2, 3}, {4}}, o.history());
        assertNull(o.paddedHistory());
        assertEquals(0, o.paddedHistoryLength());
        assertEquals(List.of(Map.of(7, -2.5)), o.logitBiases());
    }

    @Test
    void perRowValuesPaddedHistoryAndDefaults() {
        assertEquals("SamplingOptions[temperature=1.0, topK=0, topP=1.0, minP=0.0, repetitionPenalty=1.0, "
                + "presencePenalty=0.0, frequencyPenalty=0.0, history=none, paddedHistory=none, penaltyStates=none, "
                + "logitBias=none]",
                SamplingOptions.DEFAULT.toString());
        assertEquals(List.of(), SamplingOptions.DEFAULT.logitBiases());
        assertNull(SamplingOptions.DEFAULT.history());

        SamplingOptions o = SamplingOptions.DEFAULT.withTemperatures(new double[] {0.5, 1.5})
                .withTopKs(new int[] {1, 2}).withPaddedHistory(new long[] {5, 6, -1, 8, -1, -1}, 3)
                .withLogitBiases(List.of(Map.of(1, 0.5), Map.of(2, Double.NEGATIVE_INFINITY)));
        String text = o.toString();
        assertTrue(text.contains("temperature=[0.5, 1.5], topK=[1, 2],"), text);
        assertTrue(text.contains("history=none, paddedHistory=2x3 [[5, 6, -1], [8, -1, -1]]"), text);
        assertTrue(text.contains("logitBias=[{1=0.5}, {2=-Infinity}]"), text);
        assertArrayEquals(new long[] {5, 6, -1, 8, -1, -1}, o.paddedHistory());
        assertEquals(3, o.paddedHistoryLength());
        assertNull(o.history());
    }

    @Test
    void longHistoriesAreShortenedAndGettersReturnCopies() {
        int[] row = new int[20];
        Arrays.setAll(row, i -> i);
        SamplingOptions o = SamplingOptions.DEFAULT.withHistory(new int[][] {row}).withTopKs(new int[] {3, 4});
        assertTrue(o.toString().contains("history=[[0, 1, 2, 3, 4, 5, 6, 7, ... 12 more]]"), o.toString());
        o.history()[0][0] = 99;
        o.topKs()[0] = 99;
        assertEquals(0, o.history()[0][0]);
        assertEquals(3, o.topKs()[0]);
        assertFalse(o.toString().matches(".*@[0-9a-f]+.*"), o.toString());
    }

    /**
     * Every field of an options type with a value-bearing getter of the same name appears in
     * toString as {@code name=value}.
     */
    private static void printsEveryField(Object options) throws Exception {
        String text = options.toString();
        List<Field> fields = instanceFields(options.getClass(), false);
        assertFalse(fields.isEmpty());
        for (Field f : fields) {
            Object v = getter(options.getClass(), f.getName()).invoke(options);
            String shown = v instanceof double[] ? Arrays.toString((double[]) v) : String.valueOf(v);
            assertTrue(text.contains(f.getName() + "=" + shown), f.getName() + "=" + shown + " in " + text);
        }
    }

    @Test
    void softmaxAndCrossEntropyOptionsPrintAndExposeEveryField() throws Exception {
        SoftmaxOptions s = SoftmaxOptions.DEFAULT.withTemperature(0.5).withMaskedRowsZero(true);
        printsEveryField(s);
        assertEquals("SoftmaxOptions[temperature=0.5, maskedRowsZero=true]", s.toString());
        CrossEntropyOptions c = CrossEntropyOptions.DEFAULT.withWeight(new double[] {0.5, 2.0})
                .withIgnoreIndex(7).withReduction(Reduction.SUM).withLabelSmoothing(0.1);
        printsEveryField(c);
        assertEquals("CrossEntropyOptions[weight=[0.5, 2.0], ignoreIndex=7, reduction=SUM, labelSmoothing=0.1]",
                c.toString());
    }
}
