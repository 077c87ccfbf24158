package dev.logits4j.testutil;

import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.internal.nativeimpl.VariantTable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In a test JVM forced to one native variant (-Dlogits4j.backend=native -Dlogits4j.isa=X, as the
 * pom's native-X executions do), disables the tests when this CPU cannot run X: the AVX-512
 * execution has nothing to test on a CPU without AVX-512. Never disables anything because the
 * library failed to load: that must fail the run.
 */
public final class VariantCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String backend = System.getProperty("logits4j.backend", "auto");
        String isa = System.getProperty("logits4j.isa", "auto");
        if (!backend.equals("native") || isa.equals("auto")) {
            return ConditionEvaluationResult.enabled("no CPU-specific variant forced");
        }
        int features;
        try {
            features = NativeKernels.cpuFeatures();
        } catch (Throwable t) {
            return ConditionEvaluationResult.enabled("native library did not load: the tests must fail");
        }
        VariantTable.Variant wanted = VariantTable.byName(isa).orElse(null);
        if (wanted == null || wanted.requiredFeatures() == 0 || VariantTable.supported(wanted, features)) {
            return ConditionEvaluationResult.enabled("this CPU runs " + isa + " (or it is unknown: the tests must fail)");
        }
        return ConditionEvaluationResult.disabled("this CPU (" + VariantTable.describeFeatures(features)
                + ") cannot run the " + isa + " variant");
    }
}
