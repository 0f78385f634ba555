package org.pot4j.cli;

import java.util.List;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.cli.plugins.LoadedPlugins;
import org.pot4j.cli.plugins.SkippedPlugin;
import org.pot4j.cli.run.SampleSource;
import org.pot4j.core.plugin.Contribution;
import org.pot4j.core.plugin.ExtensionKind;
import org.pot4j.core.plugin.RegisteredPlugin;
import picocli.CommandLine.Command;

/** Lists the plugins found and what each contributes. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists the plugins found, what each contributes, and how the commands reach each data loader.",
                "",
                "Lists the engines, algorithms, data loaders, model formats and metrics found, where each came from"
                        + " (lib/ through ServiceLoader, or a PF4J jar of the plugins folder), and for each data loader"
                        + " which commands can use it and how.", ""})
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
                    out().println("  " + pad(c.name() + extra, 28) + " plugin '" + c.plugin().name() + "'"
                            + (kind == ExtensionKind.DATA_LOADER ? "  " + commandLineUse(c.name()) : "")
                            + (c.factory() instanceof EngineFactory engine ? "  devices: " + devices(engine) : ""));
                }
            }
            if (!any) {
                out().println("  (none)");
            }
            if (kind == ExtensionKind.DATA_LOADER) {
                out().println("  (quantize, evaluate and benchmark can use every loader listed: --loader NAME picks it,"
                        + " else numpy for .npy/.npz files and image otherwise; --loader-option KEY=VALUE sets any"
                        + " other key of the loader; --input-shape NAME=D0,D1,... sets the shape fed. run -c and"
                        + " POT's -c read the configuration's engine.data_source with the image loader only.)");
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

    /** Each device of an engine, and whether it is usable on this machine (and if not, why). */
    static String devices(EngineFactory engine) {
        List<String> out = new java.util.ArrayList<>();
        for (String device : new java.util.TreeSet<>(engine.devices())) {
            java.util.Optional<String> reason;
            try {
                reason = engine.unavailableReason(device);
            } catch (RuntimeException e) {
                reason = java.util.Optional.of("cannot tell: " + e.getMessage());
            }
            out.add(device + reason.map(r -> " (not usable here: " + r + ")").orElse(" (usable)"));
        }
        return String.join(", ", out);
    }

    /** Which commands reach a data loader, and how. */
    private static String commandLineUse(String loader) {
        switch (loader) {
            case SampleSource.IMAGE:
                return "--data DIR|GLOB|LIST.txt of images (the default); also run -c (engine.data_source)";
            case SampleSource.NUMPY:
                return "--data DIR of .npy/.npz files or one such file (detected), or --loader numpy; not run -c";
            default:
                return "--loader " + loader + " --data SOURCE [--loader-option KEY=VALUE]; not run -c";
        }
    }

    private static String heading(ExtensionKind kind) {
        String label = kind.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1) + "s";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
