/**
 * Data loading in the style of {@code torch.utils.data} and torchvision, JDK only: {@link org.pot4j.data.torch.Dataset}
 * with {@link org.pot4j.data.torch.Subset} and {@link org.pot4j.data.torch.ConcatDataset}; transforms
 * ({@link org.pot4j.data.torch.Compose}, {@link org.pot4j.data.torch.Resize}, {@link org.pot4j.data.torch.CenterCrop},
 * {@link org.pot4j.data.torch.ToTensor}, {@link org.pot4j.data.torch.Normalize}, {@link org.pot4j.data.torch.Lambda})
 * over a small {@link org.pot4j.data.torch.Image}; the batching {@link org.pot4j.data.torch.BatchLoader}; and
 * {@link org.pot4j.data.torch.DatasetDataLoader}, the adapter to the API's {@code DataLoader}. The {@code torch-style}
 * plugin loader applies a configured torchvision pipeline to an image folder.
 */
package org.pot4j.data.torch;
