package org.pot4j.cli.run;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Copies what plugins log (through {@code System.Logger}, which goes to java.util.logging) into the run's log while a
 * run lasts, at the run's level, so {@code log.txt} tells what the loaders, algorithms and engines did, as POT's log
 * does.
 */
final class PluginLogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Handler handler;
    private final Level rootLevel;
    private final boolean lowered;

    PluginLogCapture(RunLog log) {
        Formatter formatter = new SimpleFormatter();
        Level least = log.level().julLevel();
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= least.intValue()) {
                    log.plugin(record.getLevel(), record.getLoggerName() + ": " + formatter.formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // records below the root logger's level never reach a handler: DEBUG needs FINE ones
        this.rootLevel = root.getLevel();
        this.lowered = rootLevel != null && rootLevel.intValue() > least.intValue();
        if (lowered) {
            root.setLevel(least);
        }
        root.addHandler(handler);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        if (lowered) {
            root.setLevel(rootLevel);
        }
    }
}
