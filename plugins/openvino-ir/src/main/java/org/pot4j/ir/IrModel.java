package org.pot4j.ir;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.quantization.IrQuantizationEditor;
import org.pot4j.ir.view.IrGraphView;

/**
 * An IR model: the mutable {@link IrDocument} and its neutral graph view, rebuilt on demand after the document
 * changes. The document is reached with {@link #document()} or {@code extension(IrDocument.class)}.
 */
public final class IrModel implements Model {
    private final String name;
    private final IrDocument document;
    private final Path source;
    private IrGraphView view;

    /**
     * A model over {@code document}.
     *
     * @param source the file it was read from (named in errors), or {@code null} for a document built in memory
     */
    public IrModel(String name, IrDocument document, Path source) {
        this.name = Objects.requireNonNull(name, "name");
        this.document = Objects.requireNonNull(document, "document");
        this.source = source;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String format() {
        return IrModelFormat.NAME;
    }

    /** The native document; edits to it show in the next {@link #graph()}. */
    public IrDocument document() {
        return document;
    }

    /** The file the model was read from, if any. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    @Override
    public Graph graph() {
        return view().graph();
    }

    /** The current graph view with its node-name to layer-id mapping (synchronized: engines may share a model). */
    public synchronized IrGraphView view() {
        if (view == null || view.revision() != document.revision()) {
            view = IrGraphView.of(document, source == null ? "IR '" + name + "'" : source.toString());
        }
        return view;
    }

    @Override
    public IrModel copy() {
        return new IrModel(name, document.copy(), source);
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        if (type == QuantizationEditor.class) {
            return Optional.of(type.cast(new IrQuantizationEditor(this)));
        }
        if (type.isInstance(document)) {
            return Optional.of(type.cast(document));
        }
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "IrModel[" + name + ", " + document + "]";
    }
}
