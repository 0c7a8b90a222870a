"""Pictures as files: safe decoding, content hashes, scanning, thumbnails, perceptual hashes (no database, no torch)."""
