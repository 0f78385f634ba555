package org.pot4j.data.numpy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;

/**
 * The header of one {@code .npy} array: its dtype, C order and shape. {@link #parse} reads the Python dict literal
 * NumPy writes ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}) and refuses what pot4j cannot
 * hold as a tensor, naming the array and why.
 *
 * @param dtype the element type and byte order
 * @param shape the array shape ({@code ()} gives a scalar)
 */
public record NpyHeader(NpyDtype dtype, Shape shape) {

    /** Parses the dict literal of the array called {@code where} (a file, or a file and an npz entry). */
    static NpyHeader parse(String dict, String where) {
        Map<String, Object> fields = new DictParser(dict, where).parseDict();
        Object descr = fields.get("descr");
        Object fortran = fields.get("fortran_order");
        Object shape = fields.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw new DataException(where + ": the .npy header lacks 'descr', 'fortran_order' or 'shape': " + dict.strip());
        }
        if (!(descr instanceof String)) {
            throw new DataException(where + ": structured arrays (dtype " + descr + ") are not supported; save one array per field");
        }
        String d = (String) descr;
        if (d.endsWith("O")) {
            throw new DataException(where + ": object arrays (dtype '" + d
                    + "', pickled Python objects) are not supported; save a numeric array");
        }
        NpyDtype dtype;
        try {
            dtype = NpyDtype.parse(d).orElseThrow(() -> new DataException(where + ": dtype '" + d
                    + "' is not supported; use f2, f4, f8, i1, u1, i2, u2, i4, u4, i8, u8 or b1"));
        } catch (IllegalArgumentException e) {
            throw new DataException(where + ": dtype '" + d + "': " + e.getMessage());
        }
        if (Boolean.TRUE.equals(fortran)) {
            throw new DataException(where + ": Fortran-order arrays are not supported; save with np.ascontiguousarray(a)");
        }
        if (!(shape instanceof List)) {
            throw new DataException(where + ": 'shape' must be a tuple, got " + shape);
        }
        List<?> dims = (List<?>) shape;
        long[] l = new long[dims.size()];
        for (int i = 0; i < l.length; i++) {
            if (!(dims.get(i) instanceof Long) || (Long) dims.get(i) < 0) {
                throw new DataException(where + ": bad dimension " + dims.get(i) + " in shape " + dims);
            }
            l[i] = (Long) dims.get(i);
        }
        return new NpyHeader(dtype, Shape.of(l));
    }

    /** The subset of Python literals NumPy headers use: dicts, tuples/lists, strings, ints, True/False/None. */
    private static final class DictParser {
        private final String s;
        private final String where;
        private int pos;

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
            if (c == '{') {
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
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
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
                default: break;
            }
            try {
                // Python 2 wrote long dimensions as 3L.
                return Long.parseLong(word.endsWith("L") ? word.substring(0, word.length() - 1) : word);
            } catch (NumberFormatException e) {
                throw fail("unexpected '" + word + "'");
            }
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
            return new DataException(where + ": unreadable .npy header (" + why + " at character " + pos + "): " + s.strip());
        }
    }
}
