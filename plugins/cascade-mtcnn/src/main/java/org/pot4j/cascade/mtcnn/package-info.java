/**
 * The MT-CNN face detection cascade as a pot4j engine ({@code "mtcnn"}): an image pyramid through P-Net, R-Net on
 * 24x24 crops, O-Net on 48x48 crops with landmarks ({@link org.pot4j.cascade.mtcnn.MtcnnCascade}, an
 * {@link org.pot4j.api.engine.cascade.Cascade}), each stage run by a delegate engine through core's
 * {@link org.pot4j.core.cascade.CascadeEngine}; plus detection metrics against labelled boxes or against the
 * FP32 cascade's own detections, and a face/non-face metric for a single R-Net or O-Net on labelled crops.
 */
package org.pot4j.cascade.mtcnn;
