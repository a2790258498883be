"""File formats, one module each: links (Vecalign), tsv, tmx, glossary."""
