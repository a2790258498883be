"""``align review``: correct an alignment and triage its findings in the browser, then export.

Pure core: :mod:`.source` (the run as frozen data), :mod:`.state` (rows and edits as
values), :mod:`.log` (decisions keyed by sentence text, replay, stale), :mod:`.findings`
(grouping, verdicts, rules), :mod:`.view` (what the page shows). Around it: :mod:`.store`
(atomic ``review.json``), :mod:`.session` (the one mutable object), :mod:`.export` and
:mod:`.writers` (the corrected outputs), :mod:`.server` and :mod:`.serve` (the web app).
"""
