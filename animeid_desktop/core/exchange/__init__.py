"""Files in and out: the reference system's seed files, label exports, ONNX."""
