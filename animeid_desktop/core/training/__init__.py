"""Training a recogniser: config (every default), labelled data, the head and finetune trainers, run bookkeeping."""
