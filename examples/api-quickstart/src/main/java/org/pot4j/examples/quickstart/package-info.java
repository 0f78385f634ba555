/**
 * POT's API quick start in Java: a user-written image {@link org.pot4j.api.data.DataLoader} and the six steps of a
 * POT script through {@link org.pot4j.Pot}, quantizing an OpenVINO IR model to INT8.
 */
package org.pot4j.examples.quickstart;
