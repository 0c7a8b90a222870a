"""Networks and their files: registry, weights, devices, preprocessing, features, saved models, metrics, splits."""
