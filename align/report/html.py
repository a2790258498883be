"""``report.html``: one self-contained file a reviewer works through, offline.

No network, no external asset: CSS and JavaScript are inline, every text from the
documents is escaped (``html.escape``) before it reaches the page, and the data the
script needs is read from the table itself, not from an embedded JSON blob. Sections:
document scores, a filterable and sortable list of findings (term highlighted in source
and target; ``?check=…&severity=…&q=…&sort=column`` in the address pre-sets them), one card per
term (expected rendering, variants with counts and links to the segments, scores), and
the segments themselves as link targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from align.model import TranslationUnit

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em;color:#222}
h1{font-size:1.4em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top}
th{background:#f3f3f3;cursor:pointer;user-select:none;text-align:left}
tr.error td:nth-child(3){color:#b00020;font-weight:600}tr.warning td:nth-child(3){color:#a05a00}
mark{background:#ffe58a;padding:0 1px}.scores span{display:inline-block;margin-right:1.5em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:10px}
.card{border:1px solid #ccc;border-radius:6px;padding:8px}.card h3{margin:0 0 4px;font-size:1.05em}
.card.low{border-color:#b00020}.muted{color:#777;font-size:.9em}#filters{margin:.5em 0}
#filters input,#filters select{margin-right:.7em}.seg{margin:2px 0}.seg:target{background:#fff3c4}
"""

_JS = """
(function(){
 var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
 var q=document.getElementById('q'),c=document.getElementById('check'),s=document.getElementById('severity');
 function apply(){
  var text=q.value.toLowerCase(),n=0;
  rows.forEach(function(r){
   var ok=(!c.value||r.dataset.check===c.value)&&(!s.value||r.dataset.severity===s.value)
     &&(!text||r.textContent.toLowerCase().indexOf(text)>=0);
   r.hidden=!ok;if(ok)n++;});
  document.getElementById('shown').textContent=n+' of '+rows.length+' shown';
 }
 var p=new URLSearchParams(location.search);
 if(p.get('check'))c.value=p.get('check');if(p.get('severity'))s.value=p.get('severity');
 if(p.get('q'))q.value=p.get('q');
 [q,c,s].forEach(function(e){e.addEventListener('input',apply);e.addEventListener('change',apply);});
 var heads=document.querySelectorAll('#findings th');
 heads.forEach(function(th,i){
  th.addEventListener('click',function(){
   var asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';
   var body=th.closest('table').tBodies[0];
   rows.sort(function(a,b){
    var x=a.cells[i].textContent,y=b.cells[i].textContent,nx=parseFloat(x),ny=parseFloat(y);
    var lx=x.toLowerCase(),ly=y.toLowerCase();
    var r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:(lx<ly?-1:lx>ly?1:0);return asc?r:-r;});
   rows.forEach(function(r){body.appendChild(r);});});});
 heads.forEach(function(th){if(p.get('sort')===th.textContent)th.click();});
 apply();
})();
"""

_COLUMNS = ("id", "check", "severity", "term", "found", "expected", "bead", "source", "target")


def highlight(text: str, span: Sequence[int], fallback: str = "") -> str:
    """Escaped ``text`` with ``span`` (or the first occurrence of ``fallback``) in ``<mark>``."""
    start, end = (span[0], span[1]) if span and span[1] > span[0] else (-1, -1)
    if start < 0 and fallback and fallback in text:
        start = text.index(fallback)
        end = start + len(fallback)
    if start < 0:
        return escape(text)
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"


def _anchor(bead: str) -> str:
    return "seg-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in bead)


def _bead_links(beads: Sequence[str]) -> str:
    return " ".join(f'<a href="#{_anchor(b)}">{escape(b)}</a>' for b in beads)


def _finding_row(f: dict[str, Any]) -> str:
    cells = [escape(f["id"]), escape(f["check"]), escape(f["severity"]), escape(f["term"]), escape(f["found"]),
             escape(f["expected"]), _bead_links([f["bead"]]),
             highlight(f["source"], f["source_span"], f["term"]),
             highlight(f["target"], f["target_span"], f["found"])]
    tds = "".join(f"<td>{c}</td>" for c in cells)
    return (f'<tr class="{escape(f["severity"])}" data-check="{escape(f["check"])}" '
            f'data-severity="{escape(f["severity"])}" title="{escape(f["message"])}">{tds}</tr>')


def _findings(data: dict[str, Any]) -> str:
    checks = "".join(
        f'<option value="{escape(c["id"])}">{escape(c["id"])} — {escape(c["title"])} ({c["count"]})</option>'
        for c in data["checks"])
    head = "".join(f"<th>{c}</th>" for c in _COLUMNS)
    body = "\n".join(_finding_row(f) for f in data["findings"])
    return f"""<h2>Findings</h2>
<div id="filters"><input id="q" type="search" placeholder="filter text…">
<select id="check"><option value="">all checks</option>{checks}</select>
<select id="severity"><option value="">all severities</option><option>error</option><option>warning</option></select>
<span id="shown" class="muted"></span></div>
<table id="findings"><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table>"""


def _card(t: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r['text'])}</td><td>{r['count']}</td><td>{'yes' if r['approved'] else ''}</td>"
        f"<td>{_bead_links(r['beads'])}</td></tr>" for r in t["renderings"])
    low = " low" if t["consistency"] < 1 or (t["compliance"] < 1 and t["origin"] == "glossary") else ""
    compliance = f"compliance {t['compliance']:.0%}" if t["origin"] == "glossary" else "no glossary entry"
    return f"""<div class="card{low}" data-term="{escape(t['term'])}"><h3>{escape(t['term'])}</h3>
<div class="muted">{escape(t['origin'])} · expected: <b>{escape(t['expected'])}</b></div>
<div>occurrences {t['occurrences']} · majority {t['majority_share']:.0%} · consistency {t['consistency']:.2f}
 · {compliance}</div>
<table><thead><tr><th>rendering</th><th>count</th><th>approved</th><th>segments</th></tr></thead>
<tbody>{rows}</tbody></table></div>"""


def _segments(units: Sequence[TranslationUnit]) -> str:
    rows = "\n".join(
        f'<tr class="seg" id="{_anchor(u.tuid)}"><td>{escape(u.tuid)}</td><td>{escape(u.source)}</td>'
        f"<td>{escape(u.target)}</td></tr>" for u in units)
    return f"""<h2>Segments</h2><table><thead><tr><th>bead</th><th>source</th><th>target</th></tr></thead>
<tbody>{rows}</tbody></table>"""


def render_html(data: dict[str, Any], units: Sequence[TranslationUnit]) -> str:
    """The whole page; ``data`` is :func:`align.report.json.report_data`'s output."""
    s = data["scores"]
    terms = sorted(data["terms"], key=lambda t: (t["consistency"], t["compliance"], -t["occurrences"]))
    cards = "\n".join(_card(t) for t in terms)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Key terms — {escape(data['document'] or 'report')}</title><style>{_CSS}</style></head><body>
<h1>Key-term consistency — {escape(data['document'] or 'document')}</h1>
<p class="scores"><span>terms <b>{s['terms']}</b></span><span>occurrences <b>{s['occurrences']}</b></span>
<span>weighted consistency <b>{s['consistency']:.3f}</b></span>
<span>glossary compliance <b>{s['compliance']:.1%}</b> of {s['glossary_occurrences']}</span>
<span>findings <b>{len(data['findings'])}</b></span><span>ignored <b>{data['ignored']}</b></span></p>
{_findings(data)}
<h2>Terms</h2><div class="cards">
{cards}
</div>
{_segments(units)}
<p class="muted">align {escape(data['version'])}</p>
<script>{_JS}</script>
</body></html>
"""
