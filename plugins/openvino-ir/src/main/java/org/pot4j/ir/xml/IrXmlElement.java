package org.pot4j.ir.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: name, attributes in document order with their raw string values, child elements and
 * the element's own non-blank text. Whitespace between child elements is not kept (the writer re-indents).
 * The source line is informational and takes no part in equality.
 */
public final class IrXmlElement {
    private final String name;
    private final Map<String, String> attributes;
    private final List<IrXmlElement> children;
    private final String text;
    private final int line;

    /**
     * An element.
     *
     * @param text the element's text, or {@code null} when it has none
     * @param line the line it starts on in its file, or 0 when built in memory
     */
    public IrXmlElement(String name, Map<String, String> attributes, List<IrXmlElement> children, String text, int line) {
        this.name = Objects.requireNonNull(name, "name");
        // Most elements of an IR are attribute-less <dim>s: share one empty map instead of allocating thousands.
        this.attributes = attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.children = List.copyOf(children);
        this.text = text;
        this.line = line;
    }

    /** An element with attributes only. */
    public static IrXmlElement of(String name, Map<String, String> attributes) {
        return new IrXmlElement(name, attributes, List.of(), null, 0);
    }

    public String name() {
        return name;
    }

    /** The attributes in document order, unmodifiable. */
    public Map<String, String> attributes() {
        return attributes;
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public List<IrXmlElement> children() {
        return children;
    }

    /** The children called {@code childName}, in order. */
    public List<IrXmlElement> children(String childName) {
        List<IrXmlElement> out = new ArrayList<>();
        for (IrXmlElement c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first child called {@code childName}. */
    public Optional<IrXmlElement> child(String childName) {
        for (IrXmlElement c : children) {
            if (c.name.equals(childName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The element's text, if it has any that is not blank. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** The line the element starts on, 0 when unknown. */
    public int line() {
        return line;
    }

    /** A copy with {@code children} instead of the current ones. */
    public IrXmlElement withChildren(List<IrXmlElement> newChildren) {
        return new IrXmlElement(name, attributes, newChildren, text, line);
    }

    /** A copy with {@code newText} as text ({@code null} for none). */
    public IrXmlElement withText(String newText) {
        return new IrXmlElement(name, attributes, children, newText, line);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IrXmlElement)) {
            return false;
        }
        IrXmlElement e = (IrXmlElement) o;
        // Attribute order is part of what an IR file says, so it takes part in equality.
        return name.equals(e.name) && new ArrayList<>(attributes.entrySet()).equals(new ArrayList<>(e.attributes.entrySet()))
                && children.equals(e.children) && Objects.equals(text, e.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, attributes, children, text);
    }

    @Override
    public String toString() {
        return "<" + name + " " + attributes + (children.isEmpty() ? "" : " +" + children.size() + " children") + ">";
    }
}
