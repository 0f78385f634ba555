/** Tensors: element types, shapes and immutable little-endian n-dimensional arrays. */
package org.pot4j.api.tensor;
