package dev.logits4j.cli;

/** Bad input or flags: the CLI prints the message on one line and exits with status 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
