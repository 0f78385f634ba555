/**
 * The {@code numpy} data loader: samples from NumPy {@code .npy} arrays and {@code .npz} archives (stored or
 * deflated), read in pure Java for f16/f32/f64, signed and unsigned 8..64-bit integers and bool, in either byte
 * order. Entry points: {@link org.pot4j.data.numpy.NumpyLoaderPlugin} and
 * {@link org.pot4j.data.numpy.NumpyDataLoader#open}.
 */
package org.pot4j.data.numpy;
