package dev.logits4j.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict .npy reader: format versions 1.0, 2.0 and 3.0; dtypes {@code <f4 <f8 <i4 <i8}
 * and {@code <f2 <u2} (16-bit logits);
 * C order. Anything else (big-endian, Fortran order, other dtypes, bad magic, a header that is not
 * the dict numpy writes, truncated or trailing data) is refused with a message saying what.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy itself refuses headers longer than this by default. */
    private static final int MAX_HEADER = 1 << 20;

    private NpyReader() {}

    /** Reads the whole file into direct memory; {@code path} must be a regular file (or a link to one). */
    public static NpyArray read(Path path) throws IOException {
        // Checked before the open, which would block on a FIFO until something writes to it.
        String kind = FileKinds.nonRegular(path);
        if (kind != null) {
            throw new NpyFormatException("is " + kind + ", not a regular file");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            Prefix prefix = readPrefix(ch, fileSize);
            ByteBuffer hb = ByteBuffer.allocate((int) prefix.headerLength);
            readFully(ch, hb, prefix.headerStart);
            String header = new String(hb.array(), 0, hb.position(),
                    prefix.major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Header h = parseHeader(header);
            ByteBuffer data = readData(ch, h, prefix.headerStart + prefix.headerLength, fileSize);
            return new NpyArray(h.type, h.shape, data);
        }
    }

    /** The magic string, the format version and where the header is. */
    private static final class Prefix {
        int major;
        int headerStart;
        long headerLength;
    }

    private static Prefix readPrefix(FileChannel ch, long fileSize) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, prefix, 0);
        prefix.flip();
        if (prefix.remaining() < 10) {
            throw new NpyFormatException("not a .npy file: only " + fileSize + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix.get(i) != MAGIC[i]) {
                throw new NpyFormatException("not a .npy file (bad magic string)");
            }
        }
        Prefix p = new Prefix();
        p.major = prefix.get(6) & 0xff;
        int minor = prefix.get(7) & 0xff;
        if (p.major < 1 || p.major > 3 || minor != 0) {
            throw new NpyFormatException("unsupported .npy format version " + p.major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        if (p.major == 1) {
            p.headerLength = prefix.getShort(8) & 0xffff;
            p.headerStart = 10;
        } else {
            if (prefix.remaining() < 12) {
                throw new NpyFormatException("truncated .npy header");
            }
            p.headerLength = prefix.getInt(8) & 0xffffffffL;
            p.headerStart = 12;
        }
        if (p.headerLength > MAX_HEADER || p.headerStart + p.headerLength > fileSize) {
            throw new NpyFormatException("truncated or oversized .npy header (" + p.headerLength
                    + " bytes declared, file has " + fileSize + ")");
        }
        return p;
    }

    /** The data after the header: exactly the bytes the shape and dtype need, in direct memory. */
    private static ByteBuffer readData(FileChannel ch, Header h, long dataStart, long fileSize)
            throws IOException {
        long count;
        try {
            count = NpyArray.elementCount(h.shape);
        } catch (ArithmeticException e) {
            throw new NpyFormatException("shape " + NpyArray.shapeString(h.shape) + " is too large");
        }
        long dataBytes = count * h.type.size();
        if (count > Integer.MAX_VALUE / 8 * 8 || dataBytes > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException("arrays over 2 GiB are not supported (shape "
                    + NpyArray.shapeString(h.shape) + ")");
        }
        long actual = fileSize - dataStart;
        if (actual < dataBytes) {
            throw new NpyFormatException("truncated data: shape " + NpyArray.shapeString(h.shape)
                    + " of " + h.type.label() + " needs " + dataBytes + " bytes, file has " + actual);
        }
        if (actual > dataBytes) {
            throw new NpyFormatException((actual - dataBytes) + " unexpected bytes after the data");
        }
        ByteBuffer data = ByteBuffer.allocateDirect((int) dataBytes);
        readFully(ch, data, dataStart);
        if (data.hasRemaining()) {
            throw new NpyFormatException("truncated data (file changed while reading)");
        }
        data.flip();
        return data;
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                return;
            }
            pos += n;
        }
    }

    private static final class Header {
        NpyType type;
        int[] shape;
    }

    /** Parses numpy's header dict: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }. */
    static Header parseHeader(String text) throws NpyFormatException {
        Parser p = new Parser(text);
        String descr = null;
        Boolean fortran = null;
        int[] shape = null;
        p.skipSpace();
        p.expect('{');
        while (true) {
            p.skipSpace();
            if (p.peek() == '}') {
                p.pos++;
                break;
            }
            String key = p.string();
            p.skipSpace();
            p.expect(':');
            p.skipSpace();
            switch (key) {
                case "descr":
                    if (descr != null) {
                        throw p.error("duplicate key 'descr'");
                    }
                    descr = p.string();
                    break;
                case "fortran_order":
                    if (fortran != null) {
                        throw p.error("duplicate key 'fortran_order'");
                    }
                    fortran = p.bool();
                    break;
                case "shape":
                    if (shape != null) {
                        throw p.error("duplicate key 'shape'");
                    }
                    shape = p.tuple();
                    break;
                default:
                    throw p.error("unexpected key '" + key + "'");
            }
            p.skipSpace();
            if (p.peek() == ',') {
                p.pos++;
            } else if (p.peek() != '}') {
                throw p.error("expected ',' or '}'");
            }
        }
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the header dict");
        }
        return header(descr, fortran, shape);
    }

    /** The header's three keys, checked: all present, C order, a supported little-endian dtype. */
    private static Header header(String descr, Boolean fortran, int[] shape) throws NpyFormatException {
        if (descr == null || fortran == null || shape == null) {
            throw new NpyFormatException("bad .npy header: it must have 'descr', 'fortran_order' and "
                    + "'shape'");
        }
        if (fortran) {
            throw new NpyFormatException("Fortran-order arrays are not supported (fortran_order: True); "
                    + "save a C-order array (np.ascontiguousarray)");
        }
        NpyType type = NpyType.fromDescr(descr);
        if (type == null) {
            String why = descr.startsWith(">") ? "big-endian data is not supported"
                    : "unsupported dtype";
            throw new NpyFormatException(why + " (descr '" + descr
                    + "'); supported: <f4 (float32), <f8 (float64), <f2 (float16), <u2 (bfloat16 bits, "
                    + "with --dtype bfloat16), <i4 (int32), <i8 (int64)");
        }
        Header h = new Header();
        h.type = type;
        h.shape = shape;
        return h;
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n'
                    || s.charAt(pos) == '\t' || s.charAt(pos) == '\r')) {
                pos++;
            }
        }

        void expect(char c) throws NpyFormatException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        String string() throws NpyFormatException {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw error("expected a quoted string");
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        boolean bool() throws NpyFormatException {
            if (s.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw error("expected True or False");
        }

        int[] tuple() throws NpyFormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                int start = pos;
                // ASCII only: Character.isDigit and Long.parseLong also take Arabic-Indic,
                // fullwidth and other digits, which Python (numpy's literal_eval) does not.
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    pos++;
                }
                if (start == pos) {
                    throw error("expected a non-negative integer in the shape");
                }
                long v;
                try {
                    v = Long.parseLong(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    v = Long.MAX_VALUE;
                }
                if (v > Integer.MAX_VALUE) {
                    throw error("dimension " + s.substring(start, pos) + " is too large");
                }
                dims.add((int) v);
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw error("expected ',' or ')' in the shape");
                } else if (dims.size() == 1 && s.charAt(pos - 1) != ',') {
                    // "(3)" is an int in Python, not a tuple; numpy always writes "(3,)".
                    throw error("a 1-d shape must be written (n,)");
                }
            }
            int[] shape = new int[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i);
            }
            return shape;
        }

        NpyFormatException error(String what) {
            return new NpyFormatException("bad .npy header at character " + pos + ": " + what);
        }
    }
}
