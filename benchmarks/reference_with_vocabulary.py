#!/usr/bin/python3
"""Runs the PyTorch reference benchmark with a token embedding of N rows instead of its fixed 50,283.

    reference_with_vocabulary.py REFERENCE_DIR N [pytorch_reference.py arguments...]

The library's Fit gives the token embedding one row per token id its training data uses (a few hundred), so its
training step does much less work in the embedding's gradient and in AdamW than a step over GPT-2's 50,283 rows. The
side-by-side harness times the TorchSharp step both ways; this script gives the reference the same N-row embedding
(token ids drawn from 1..N-1, everything else unchanged), so the two sides can also be compared on the network Fit
actually trains. The reference file itself is not modified: its module-level VOCAB is set before main() runs, and the
JSON it writes records the size used ("vocab").
"""
import os
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
reference_dir, rows = sys.argv[1], int(sys.argv[2])
if rows < 2:
    sys.exit(f"N must be at least 2 (row 0 is padding), got {rows}")
sys.path.insert(0, os.path.abspath(reference_dir))
import pytorch_reference  # noqa: E402  (the path is only known at run time)

pytorch_reference.VOCAB = rows
sys.argv = [os.path.join(reference_dir, "pytorch_reference.py")] + sys.argv[3:]
pytorch_reference.main()
