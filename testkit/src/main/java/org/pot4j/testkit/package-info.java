/**
 * Conformance tests every implementation subclasses ({@link org.pot4j.testkit.EngineContractTest},
 * {@link org.pot4j.testkit.DataLoaderContractTest}, {@link org.pot4j.testkit.AlgorithmContractTest},
 * {@link org.pot4j.testkit.ModelFormatContractTest}) and the small fixtures they use.
 */
package org.pot4j.testkit;
