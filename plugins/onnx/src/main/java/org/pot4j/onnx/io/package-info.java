/** Reading and writing ONNX files: the ModelProto, its checks, and tensors kept in external data files. */
package org.pot4j.onnx.io;
