package org.pot4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * POT's command line as POT users type it: {@code pot -q default ...} is {@code pot4j quantize -q default ...} and
 * {@code pot -c config.json ...} is {@code pot4j run -c config.json ...}, where every POT option is an option (or an
 * alias) of that command. A command line naming a command is left as it is.
 *
 * @param args  the command line to parse
 * @param error a usage error found before parsing (POT's "exactly one of -c/-q"), or null
 */
record PotStyleArguments(String[] args, String error) {
    private static final List<String> CONFIG = List.of("-c", "--config");
    private static final List<String> QUANTIZE = List.of("-q", "--quantize");

    /**
     * The command line with the command POT's {@code -c} or {@code -q} stands for put first.
     *
     * @param args     the command line as typed
     * @param commands the names of pot4j's commands
     */
    static PotStyleArguments of(String[] args, Set<String> commands) {
        int first = 0;
        while (first < args.length && isGlobal(args[first])) {
            first += args[first].equals("--plugins-dir") ? 2 : 1;
        }
        if (first >= args.length || commands.contains(args[first])) {
            return new PotStyleArguments(args, null);
        }
        boolean config = Arrays.stream(args).anyMatch(a -> names(a, CONFIG));
        boolean quantize = Arrays.stream(args).anyMatch(a -> names(a, QUANTIZE));
        if (config && quantize) {
            return new PotStyleArguments(args, "give either -c CONFIG (run a POT configuration) or -q default|"
                    + "accuracy_aware (quantize a model), not both, as POT");
        }
        if (!config && !quantize) {
            return new PotStyleArguments(args, null);
        }
        List<String> rewritten = new ArrayList<>(List.of(config ? "run" : "quantize"));
        rewritten.addAll(List.of(args));
        return new PotStyleArguments(rewritten.toArray(String[]::new), null);
    }

    /** The options of the {@code pot4j} command itself, which may come before a command. */
    private static boolean isGlobal(String arg) {
        return arg.equals("--debug") || arg.equals("--plugins-dir") || arg.startsWith("--plugins-dir=");
    }

    /** {@code -c}, {@code --config} or {@code --config=FILE} (and the same for {@code -q}). */
    private static boolean names(String arg, List<String> option) {
        return option.contains(arg) || arg.startsWith(option.get(1) + "=");
    }
}
