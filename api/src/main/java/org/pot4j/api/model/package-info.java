/** Models and model formats: reading, writing and the native document behind the neutral graph view. */
package org.pot4j.api.model;
