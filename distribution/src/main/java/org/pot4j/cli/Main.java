package org.pot4j.cli;

/** The entry point of {@code bin/pot4j}: pot4j's commands and POT's command lines. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // PF4J logs through SLF4J; its INFO lines ("Start plugin ...") are noise on a command line
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // plugins log through System.Logger (java.util.logging): one line per message instead of two
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        int code = Pot4jCommand.execute(Pot4jCommand.commandLine(new Pot4jCommand()), args);
        System.exit(code);
    }
}
