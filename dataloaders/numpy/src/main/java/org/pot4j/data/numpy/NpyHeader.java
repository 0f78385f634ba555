package org.pot4j.data.numpy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;

/**
 * The header of one {@code .npy} array: its dtype, shape and memory order. {@link #parse} reads the Python dict literal
 * NumPy writes ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}) and refuses what pot4j cannot
 * hold as a tensor, naming the array and why: unsupported dtypes, shapes whose size overflows or exceeds
 * {@link #MAX_ARRAY_BYTES}, more than {@link #MAX_RANK} dimensions, literals nested deeper than NumPy ever writes.
 *
 * @param dtype        the element type and byte order
 * @param shape        the array shape ({@code ()} gives a scalar)
 * @param fortranOrder true when the data is stored column-major ({@code fortran_order: True}); the reader turns it
 *                     into the row-major order of pot4j tensors
 */
public record NpyHeader(NpyDtype dtype, Shape shape, boolean fortranOrder) {
    /** The largest array pot4j reads: one Java array, so a little under 2 GiB. */
    public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;
    /** The most dimensions an array may have: NumPy 2's limit ({@code NPY_MAXDIMS}). */
    public static final int MAX_RANK = 64;
    /** How deeply the header's literals may nest (NumPy's own headers nest 2 levels; structured dtypes a few more). */
    static final int MAX_NESTING = 32;
    /** How much of a bad header a message quotes. */
    private static final int QUOTED_CHARS = 120;

    /** A C-order header. */
    public NpyHeader(NpyDtype dtype, Shape shape) {
        this(dtype, shape, false);
    }

    /** The number of data bytes: elements times the item size; {@link #parse} checked it fits {@link #MAX_ARRAY_BYTES}. */
    public long byteSize() {
        return shape.elementCount() * dtype.itemSize();
    }

    /** Parses the dict literal of the array called {@code where} (a file, or a file and an npz entry). */
    static NpyHeader parse(String dict, String where) {
        Map<String, Object> fields = new DictParser(dict, where).parseDict();
        Object descr = fields.get("descr");
        Object fortran = fields.get("fortran_order");
        Object shape = fields.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw new DataException(where + ": the .npy header lacks 'descr', 'fortran_order' or 'shape': " + quote(dict));
        }
        NpyDtype dtype = dtype(descr, where);
        if (!(fortran instanceof Boolean)) {
            throw new DataException(where + ": 'fortran_order' must be True or False, got " + quote(String.valueOf(fortran)));
        }
        return new NpyHeader(dtype, shape(shape, dtype, where), (Boolean) fortran);
    }

    private static NpyDtype dtype(Object descr, String where) {
        if (descr instanceof List) {
            throw new DataException(where + ": structured arrays (dtype " + quote(String.valueOf(descr))
                    + ") are not supported; save one array per field");
        }
        if (!(descr instanceof String)) {
            throw new DataException(where + ": dtype " + quote(String.valueOf(descr)) + " is not supported; "
                    + "'descr' must be a string such as '<f4'");
        }
        String d = (String) descr;
        if (d.endsWith("O")) {
            throw new DataException(where + ": object arrays (dtype '" + quote(d)
                    + "', pickled Python objects) are not supported; save a numeric array");
        }
        try {
            return NpyDtype.parse(d).orElseThrow(() -> new DataException(where + ": dtype '" + quote(d)
                    + "' is not supported; use f2, f4, f8, i1, u1, i2, u2, i4, u4, i8, u8 or b1"));
        } catch (IllegalArgumentException e) {
            throw new DataException(where + ": dtype '" + quote(d) + "': " + e.getMessage());
        }
    }

    private static Shape shape(Object shape, NpyDtype dtype, String where) {
        if (!(shape instanceof List)) {
            throw new DataException(where + ": 'shape' must be a tuple, got " + quote(String.valueOf(shape)));
        }
        List<?> dims = (List<?>) shape;
        if (dims.size() > MAX_RANK) {
            throw new DataException(where + ": shape has " + dims.size() + " dimensions, more than NumPy's " + MAX_RANK);
        }
        long[] l = new long[dims.size()];
        for (int i = 0; i < l.length; i++) {
            if (!(dims.get(i) instanceof Long) || (Long) dims.get(i) < 0) {
                throw new DataException(where + ": bad dimension " + quote(String.valueOf(dims.get(i)))
                        + " in shape " + quote(String.valueOf(dims)));
            }
            l[i] = (Long) dims.get(i);
        }
        Shape s = Shape.of(l);
        String what = "shape " + s + " of " + dtype.type().irName();
        long bytes;
        try {
            // in axis order, as Shape.elementCount: a shape whose running product overflows is refused even when a
            // later dimension is 0, since no tensor can hold it
            bytes = Math.multiplyExact(s.elementCount(), (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new DataException(where + ": " + what + " is too large: its size overflows 64 bits");
        }
        if (bytes > MAX_ARRAY_BYTES) {
            throw new DataException(where + ": " + what + " needs " + bytes + " bytes; a single array is limited to 2 GiB");
        }
        return s;
    }

    /** The text, cut to {@link #QUOTED_CHARS} characters, for messages. */
    static String quote(String text) {
        String t = text.strip();
        return t.length() <= QUOTED_CHARS ? t : t.substring(0, QUOTED_CHARS) + "... (" + t.length() + " characters)";
    }

    /**
     * The subset of Python literals NumPy headers use: dicts, tuples/lists, strings, ints, True/False/None, nested at
     * most {@link #MAX_NESTING} deep (so a hostile header cannot exhaust the stack).
     */
    private static final class DictParser {
        private final String s;
        private final String where;
        private int pos;
        private int depth;

        DictParser(String s, String where) {
            this.s = s;
            this.where = where;
        }

        Map<String, Object> parseDict() {
            Object v = value();
            skipSpace();
            if (!(v instanceof Map) || pos != s.length()) {
                throw fail("expected a single dict");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v;
            return m;
        }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw fail("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{' || c == '(' || c == '[') {
                if (++depth > MAX_NESTING) {
                    throw fail("nested more than " + MAX_NESTING + " levels deep");
                }
                Object container = c == '{' ? dict() : sequence(c == '(' ? ')' : ']');
                depth--;
                return container;
            }
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw fail("unterminated string");
                }
                String str = s.substring(pos + 1, end);
                pos = end + 1;
                return str;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                case "None": return null;
                case "": throw fail("unexpected '" + c + "'");
                default: break;
            }
            try {
                // Python 2 wrote long dimensions as 3L.
                return Long.parseLong(word.endsWith("L") ? word.substring(0, word.length() - 1) : word);
            } catch (NumberFormatException e) {
                pos = start;
                throw fail("unexpected '" + quote(word) + "'");
            }
        }

        private Map<String, Object> dict() {
            pos++;
            Map<String, Object> m = new HashMap<>();
            while (!peek('}')) {
                Object key = value();
                expect(':');
                m.put(String.valueOf(key), value());
                if (!peek('}')) {
                    expect(',');
                }
            }
            pos++;
            return m;
        }

        private List<Object> sequence(char close) {
            pos++;
            List<Object> items = new ArrayList<>();
            while (!peek(close)) {
                items.add(value());
                if (!peek(close)) {
                    expect(',');
                }
            }
            pos++;
            return items;
        }

        private boolean peek(char c) {
            skipSpace();
            if (pos >= s.length()) {
                throw fail("unexpected end");
            }
            return s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw fail("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private DataException fail(String why) {
            return new DataException(where + ": unreadable .npy header (" + why + " at character " + pos + "): " + quote(s));
        }
    }
}
