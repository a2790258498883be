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

_COLUMNS = ("#", "check", "severity", "term", "found", "expected", "units", "source", "target")
MAX_LINKS = 20  # unit links per group row; the rest counted


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


def _bead_links(beads: Sequence[str], limit: int = MAX_LINKS) -> str:
    links = " ".join(f'<a href="#{_anchor(b)}">{escape(b)}</a>' for b in beads[:limit])
    return links + (f' <span class="muted">+{len(beads) - limit} more</span>' if len(beads) > limit else "")


def _unit_note(f: dict[str, Any]) -> str:
    """The unit's type and confidence, so a finding on a doubtful unit is read as such."""
    kind = f.get("unit_type") or ""
    if kind in ("0-1", "1-0"):
        return "not aligned" if kind == "0-1" else "no counterpart"
    conf = f.get("confidence")
    return f"unit {escape(kind)}" + (f", confidence {conf:.2f}" if isinstance(conf, int | float) else "")


def _group_row(n: int, g: dict[str, Any], first: dict[str, Any], titles: dict[str, str]) -> str:
    units = g["units"]
    cells = [str(n), escape(titles.get(g["check"], g["check"])), escape(g["severity"]), escape(g["term"]),
             escape(g["found"]), escape(g["expected"]),
             f'<b>{g["count"]}</b> · {_bead_links(units)}<div class="muted">{_unit_note(first)}</div>',
             highlight(first["source"], first["source_span"], first["term"]),
             highlight(first["target"], first["target_span"], first["found"])]
    tds = "".join(f"<td>{c}</td>" for c in cells)
    return (f'<tr class="{escape(g["severity"])}" data-check="{escape(g["check"])}" '
            f'data-severity="{escape(g["severity"])}" data-group="{escape(g["id"])}" '
            f'title="{escape(first["message"])}">{tds}</tr>')


def shown_units(data: dict[str, Any]) -> set[str]:
    """Units the page links to (the only ones its Segments section needs)."""
    out = {b for g in data["groups"] if g["shown"] for b in g["units"][:MAX_LINKS]}
    out |= {o["unit"] for o in data.get("omissions", [])[:MAX_OMISSIONS]}
    for t in data["terms"][:MAX_CARDS]:
        for r in t["renderings"]:
            out |= set(r["beads"][:MAX_LINKS])
    return out


def _findings(data: dict[str, Any]) -> str:
    titles = {c["id"]: c["title"] for c in data["checks"]}
    checks = "".join(
        f'<option value="{escape(c["id"])}">{escape(c["title"])} ({c["count"]})</option>'
        for c in data["checks"] if c["count"])
    head = "".join(f"<th>{c}</th>" for c in _COLUMNS)
    by_id = {f["id"]: f for f in data["findings"]}
    shown = [g for g in data["groups"] if g["shown"]]
    body = "\n".join(_group_row(n, g, by_id[g["findings"][0]], titles) for n, g in enumerate(shown, 1))
    hidden = [c for c in data["checks"] if c["groups"] > c["shown"]]
    note = "".join(
        f'<li>{escape(c["title"])}: {c["count"]} findings in {c["groups"]} groups; the {c["shown"]} strongest '
        f'shown, {c["groups"] - c["shown"]} more groups counted (all in findings.json and issues.csv)</li>'
        for c in hidden)
    return f"""<h2>Findings</h2>
<div id="filters"><input id="q" type="search" placeholder="filter text…">
<select id="check"><option value="">all checks</option>{checks}</select>
<select id="severity"><option value="">all severities</option><option>error</option><option>warning</option>
<option>info</option></select>
<span id="shown" class="muted"></span></div>
<table id="findings"><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table>{f'<ul class="muted">{note}</ul>' if note else ''}"""


MAX_OMISSIONS = 500
MAX_CARDS = 400


def _omissions(data: dict[str, Any]) -> str:
    rows = data.get("omissions", [])
    if not rows:
        return '<h2>Possible omissions</h2><p class="muted">none found</p>'
    items = "\n".join(
        f'<tr><td>{_bead_links([o["unit"]])}</td><td>{escape(o["source"])}</td><td>{escape(o["target"])}</td>'
        f'<td>{escape(o["message"])}</td></tr>' for o in rows[:MAX_OMISSIONS])
    extra = len(rows) - MAX_OMISSIONS
    more = f'<p class="muted">{extra} more in findings.json</p>' if extra > 0 else ""
    return f"""<h2>Possible omissions</h2><table id="omissions"><thead><tr><th>unit</th><th>source</th>
<th>translation</th><th>why</th></tr></thead><tbody>{items}</tbody></table>{more}"""


def _card(t: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r['text'])}</td><td>{r['count']}</td><td>{'yes' if r['approved'] else ''}</td>"
        f"<td>{_bead_links(r['beads'])}</td></tr>" for r in t["renderings"])
    low = " low" if t["consistency"] < 1 or (t["compliance"] < 1 and t["origin"] == "glossary") else ""
    compliance = f"compliance {t['compliance']:.0%}" if t["origin"] == "glossary" else "not in the glossary"
    return f"""<div class="card{low}" data-term="{escape(t['term'])}"><h3>{escape(t['term'])}</h3>
<div class="muted">{escape(_origin(t['origin']))} · expected: <b>{escape(t['expected'])}</b></div>
<div>occurrences {t['occurrences']} · majority {t['majority_share']:.0%} · consistency {t['consistency']:.2f}
 · {compliance}</div>
<table><thead><tr><th>rendering</th><th>count</th><th>approved</th><th>segments</th></tr></thead>
<tbody>{rows}</tbody></table></div>"""


def _origin(origin: str) -> str:
    kind = origin.partition(":")[2]
    return "glossary term" if origin == "glossary" else f"found in the text ({kind or 'term'})"


def _segments(units: Sequence[TranslationUnit], linked: set[str]) -> str:
    """The units the page links to (all of them would make a novel's report tens of megabytes)."""
    shown = [u for u in units if u.tuid in linked]
    rows = "\n".join(
        f'<tr class="seg" id="{_anchor(u.tuid)}"><td>{escape(u.tuid)}</td><td>{escape(u.bead)}</td>'
        f"<td>{u.score:.2f}</td><td>{escape(u.source)}</td><td>{escape(u.target)}</td></tr>" for u in shown)
    return f"""<h2>Units</h2><p class="muted">{len(shown)} of {len(units)} units: those the findings and terms
above link to.</p><table><thead><tr><th>unit</th><th>type</th><th>confidence</th><th>source</th><th>target</th>
</tr></thead><tbody>{rows}</tbody></table>"""


def _scores(data: dict[str, Any]) -> str:
    s = data["scores"]
    n_groups = sum(1 for _ in data["groups"])
    if s["glossary_occurrences"]:
        compliance = (f"<span>glossary compliance <b>{s['compliance']:.1%}</b> of {s['glossary_occurrences']} "
                      "term occurrences</span>")
    else:
        compliance = "<span>glossary: <b>no glossary given</b> (or none of its terms occurs)</span>"
    consistency = (f"<span>weighted consistency <b>{s['consistency']:.3f}</b></span>" if s["occurrences"]
                   else "<span>consistency: <b>no term measured</b></span>")
    return f"""<p class="scores"><span>terms <b>{s['terms']}</b></span>
<span>occurrences <b>{s['occurrences']}</b></span>
{consistency}
{compliance}
<span>findings <b>{len(data['findings'])}</b> in <b>{n_groups}</b> groups</span>
<span>accepted (ignored) <b>{data['ignored']}</b></span></p>"""


def render_html(data: dict[str, Any], units: Sequence[TranslationUnit]) -> str:
    """The whole page; ``data`` is :func:`align.report.json.report_data`'s output."""
    terms = sorted(data["terms"], key=lambda t: (t["consistency"], t["compliance"], -t["occurrences"]))
    data = {**data, "terms": terms}
    cards = "\n".join(_card(t) for t in terms[:MAX_CARDS])
    more = f'<p class="muted">{len(terms) - MAX_CARDS} more terms in terms.csv</p>' if len(terms) > MAX_CARDS else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Key terms — {escape(data['document'] or 'report')}</title><style>{_CSS}</style></head><body>
<h1>Translation review — {escape(data['document'] or 'document')}</h1>
{_scores(data)}
{_findings(data)}
{_omissions(data)}
<h2>Terms</h2><div class="cards">
{cards}
</div>{more}
{_segments(units, shown_units(data))}
<p class="muted">{escape(data.get('signature') or 'align ' + data['version'])}</p>
<script>{_JS}</script>
</body></html>
"""
