package org.pot4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version of pot4j, from {@code version.properties} filtered by the build. */
public final class Pot4jVersion implements IVersionProvider {
    private static final String VERSION = read();

    /** The version, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pot4j " + VERSION, "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }

    private static String read() {
        try (InputStream in = Pot4jVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
