package org.pot4j.core.cascade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.model.Model;

/**
 * A cascade of models (MT-CNN's P-, R- and O-Net): the {@link #subModels()} are the stages in running order, each
 * keeping its own name (the stage name, which addresses its statistics ports and ignored scopes), format and
 * native document. The cascade's own graph is empty; algorithms work on each stage's graph.
 */
public final class CascadeModel implements Model {
    /** The format name of a cascade; its stages keep their own formats. */
    public static final String FORMAT = "cascade";
    private static final Graph EMPTY = new GraphBuilder().build();

    private final String name;
    private final List<Model> stages;

    /**
     * @throws IllegalArgumentException when there are no stages, a stage is itself a cascade, or stage names are
     *                                  blank, repeated or contain {@value CascadePorts#SEPARATOR}
     */
    public CascadeModel(String name, List<Model> stages) {
        this.name = Objects.requireNonNull(name, "name");
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("cascade '" + name + "' has no stages");
        }
        Set<String> seen = new HashSet<>();
        for (Model stage : stages) {
            CascadePorts.checkStageName(stage.name());
            if (!seen.add(stage.name())) {
                throw new IllegalArgumentException("cascade '" + name + "' has two stages named '" + stage.name() + "'");
            }
            if (stage.isCascade()) {
                throw new IllegalArgumentException("cascade '" + name + "': stage '" + stage.name()
                        + "' is itself a cascade; nested cascades are not supported");
            }
        }
        this.stages = List.copyOf(stages);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** Empty: a cascade's nodes live in its stages. */
    @Override
    public Graph graph() {
        return EMPTY;
    }

    @Override
    public List<Model> subModels() {
        return stages;
    }

    /** The stage called {@code stageName}. */
    public Model stage(String stageName) {
        for (Model s : stages) {
            if (s.name().equals(stageName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("cascade '" + name + "' has no stage '" + stageName + "' (stages: "
                + stageNames() + ")");
    }

    public List<String> stageNames() {
        return stages.stream().map(Model::name).toList();
    }

    /** A cascade of deep copies of the stages. */
    @Override
    public CascadeModel copy() {
        List<Model> copies = new ArrayList<>(stages.size());
        for (Model s : stages) {
            copies.add(s.copy());
        }
        return new CascadeModel(name, copies);
    }

    /** This cascade with stage {@code stageName} replaced (by a quantized copy, say), under the same name. */
    public CascadeModel withStage(String stageName, Model replacement) {
        List<Model> out = new ArrayList<>(stages.size());
        boolean found = false;
        for (Model s : stages) {
            if (s.name().equals(stageName)) {
                out.add(replacement);
                found = true;
            } else {
                out.add(s);
            }
        }
        if (!found) {
            stage(stageName);
        }
        return new CascadeModel(name, out);
    }

    @Override
    public String toString() {
        return "CascadeModel[" + name + ", stages " + stageNames() + "]";
    }
}
