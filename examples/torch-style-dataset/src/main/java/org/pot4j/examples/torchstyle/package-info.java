/**
 * An example application quantizing a model on data prepared as a PyTorch user would: a torchvision-style
 * {@link org.pot4j.examples.torchstyle.CalibrationImages} data set, whose samples pass through a
 * {@link org.pot4j.data.torch.Compose} of transforms ({@link org.pot4j.examples.torchstyle.SqueezeNetPreprocessing}),
 * wrapped as pot4j's {@code DataLoader} and quantized with the facade's six steps in
 * {@link org.pot4j.examples.torchstyle.TorchStyleQuantization}.
 */
package org.pot4j.examples.torchstyle;
