"""align: turn a French translation and English fragments of its original into a TMX
translation memory, and score how consistently key terms are translated.

The package reads as the pipeline it runs: read → segment → align → write TMX → check
terms → report. ``align.pipeline.run_pair`` is the one-call entry point.
"""

__version__ = "0.1.0"
