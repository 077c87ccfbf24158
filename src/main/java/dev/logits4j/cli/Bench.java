package dev.logits4j.cli;

import java.io.PrintStream;

/** {@code logits4j bench}: arrives with the performance work. */
final class Bench {
    private Bench() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("logits4j bench: not available in this version yet");
        return 2;
    }
}
