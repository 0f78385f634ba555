package org.pot4j.cli.run;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Copies what plugins log (through {@code System.Logger}, which goes to java.util.logging) into the run's log while a
 * run lasts, so {@code log.txt} tells what the algorithms did, as POT's log does.
 */
final class PluginLogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Handler handler;

    PluginLogCapture(RunLog log) {
        Formatter formatter = new SimpleFormatter();
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    log.detail(record.getLoggerName() + ": " + formatter.formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(handler);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
