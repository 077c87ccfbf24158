package dev.logits4j.npy;

import java.io.IOException;

/** A file that is not a .npy file this reader accepts; the message says what is wrong. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }
}
