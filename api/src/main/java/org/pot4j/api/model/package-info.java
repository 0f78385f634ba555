/**
 * Models and model formats: reading, writing and the native document behind the neutral graph view;
 * {@link org.pot4j.api.model.SerializedModel}, the document as bytes for runtimes that read the format themselves.
 */
package org.pot4j.api.model;
