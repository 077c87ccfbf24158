package dev.logits4j.testutil;

/** Running test code on a thread of its own. */
public final class Threads {
    private Threads() {}

    /** Runs {@code body} on a new thread and waits for it (keeping this thread's interrupt status); rethrows what it threw. */
    public static void runOnNewThread(String name, Runnable body) {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                thrown[0] = e;
            }
        }, name);
        t.start();
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thrown[0] instanceof RuntimeException) {
            throw (RuntimeException) thrown[0];
        }
        if (thrown[0] != null) {
            throw (Error) thrown[0];
        }
    }
}
