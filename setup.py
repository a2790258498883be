"""Only the optional compiled DP loop lives here; everything else is in setup.cfg.

``optional=True``: where no C compiler is found the package installs without it and the
aligner runs the same loop in numpy (align/aligner/kernel.py), only slower.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("align.aligner._fill", ["align/aligner/_fill.c"], optional=True)])
