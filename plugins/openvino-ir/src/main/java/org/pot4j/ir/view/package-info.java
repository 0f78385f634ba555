/**
 * The neutral {@link org.pot4j.api.graph.Graph} view of an IR document: node names are layer names (made unique
 * with {@code #id}), kinds are IR types, attributes are the raw {@code <data>} strings.
 */
package org.pot4j.ir.view;
