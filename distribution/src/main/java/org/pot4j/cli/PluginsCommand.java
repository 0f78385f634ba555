package org.pot4j.cli;

import java.util.List;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.cli.plugins.LoadedPlugins;
import org.pot4j.cli.plugins.SkippedPlugin;
import org.pot4j.core.plugin.Contribution;
import org.pot4j.core.plugin.ExtensionKind;
import org.pot4j.core.plugin.RegisteredPlugin;
import picocli.CommandLine.Command;

/** Lists the plugins found and what each contributes. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists the engines, algorithms, data loaders, model formats and metrics found, and where each",
                "came from (lib/ through ServiceLoader, or a PF4J jar of the plugins folder)."})
final class PluginsCommand extends Pot4jSubcommand {
    @Override
    int execute() {
        LoadedPlugins loaded = root().plugins(err());
        List<Contribution> contributions = loaded.registry().contributions();
        for (ExtensionKind kind : ExtensionKind.values()) {
            out().println(heading(kind) + ":");
            boolean any = false;
            for (Contribution c : contributions) {
                if (c.kind() == kind) {
                    any = true;
                    String extra = c.factory() instanceof ModelFormat
                            ? " (." + String.join(", .", ((ModelFormat) c.factory()).extensions()) + ")" : "";
                    out().println("  " + pad(c.name() + extra, 28) + " plugin '" + c.plugin().name() + "'");
                }
            }
            if (!any) {
                out().println("  (none)");
            }
        }
        out().println("Plugins:");
        for (RegisteredPlugin p : loaded.registry().plugins()) {
            out().println("  " + pad(p.name(), 28) + " " + p.source());
        }
        if (!loaded.skipped().isEmpty()) {
            out().println("Skipped plugins:");
            for (SkippedPlugin s : loaded.skipped()) {
                out().println("  " + s);
            }
        }
        return 0;
    }

    private static String heading(ExtensionKind kind) {
        String label = kind.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1) + "s";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
