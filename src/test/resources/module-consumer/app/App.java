package app;

import dev.logits4j.Logits4j;

/** Prints the implementation logits4j chose, then a softmax of a 64-element row. */
public final class App {
    public static void main(String[] args) {
        float[] x = new float[64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7) * 5f;
        }
        float[] p = Logits4j.softmax(x);
        System.out.println(Logits4j.info().describe());
        StringBuilder sb = new StringBuilder("probabilities:");
        for (float v : p) {
            sb.append(' ').append(Float.floatToIntBits(v));
        }
        System.out.println(sb);
    }
}
