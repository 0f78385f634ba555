/**
 * Whole models for hosts (the command line, the {@code org.pot4j.Pot} facade): saving a model or a cascade into a
 * folder without ever leaving half of it, and compressing the weights of every stage.
 */
package org.pot4j.core.model;
