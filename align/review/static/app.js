// The review page: one page of rows at a time, every decision sent to the server (which saves it at once).
// Plain DOM, no library; every text from the documents goes in with textContent (never as HTML).
(function () {
  'use strict';
  var base = location.pathname.replace(/[^/]*$/, '');
  var PAGE = 100;
  var GROUPS_SHOWN = 150;
  var state = {view: 'document', q: '', offset: 0, total: 0, rows: [], sel: 0, link: null, cuts: {}, groups: []};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function api(path, body) {
    var opts = body === undefined ? {} : {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(body)};
    return fetch(base + path, opts).then(function (r) {
      return r.json().catch(function () { return {error: 'the server sent no answer (' + r.status + ')'}; })
        .then(function (d) { if (!r.ok) throw new Error(d.error || ('error ' + r.status)); return d; });
    });
  }

  function say(text, ok) {
    var m = $('message');
    m.textContent = text; m.hidden = !text; m.className = ok ? 'ok' : '';
  }

  function decide(entry) {
    say('');
    return api('api/decide', entry).then(function () {
      $('saved').textContent = 'saved ' + new Date().toLocaleTimeString();
      return refresh(true);
    }).catch(function (e) { say(e.message); });
  }

  function at(side, i) { return {side: side, index: i}; }
  function anchor(row) { return row.tgt.length ? at('target', row.tgt[0].i) : at('source', row.src[0].i); }

  // ---- loading ----
  var loads = 0;
  function refresh(keep) {
    return Promise.all([loadSummary(), loadGroups(), loadRows(keep)]).then(function () {
      document.body.setAttribute('data-loads', String(++loads));  // tests wait on this
    });
  }

  function loadSummary() {
    return api('api/summary').then(function (s) {
      $('doc').textContent = s.document ? '— ' + s.document : '';
      var c = $('counts'); c.textContent = '';
      var k = s.kinds;
      [['units', k.unit || 0], ['reviewed', s.reviewed], ['doubtful', s.doubtful],
       ['possible omissions', k['possible omission'] || 0], ['added in translation', k['added in translation'] || 0],
       ['open findings', s.findings.open]].forEach(function (p) {
        c.appendChild(el('span', {}, [p[0] + ' ', el('b', {text: String(p[1])})]));
      });
      $('undo').disabled = !s.undo;
      $('finding-counts').textContent = s.findings.open + ' open · ' + s.findings.accepted + ' accepted · ' +
        s.findings.rejected + ' rejected';
      var rules = $('rules'); rules.textContent = '';
      if (!s.rules.length) rules.appendChild(el('li', {cls: 'muted', text: 'none yet: reject a finding “as a rule”'}));
      s.rules.forEach(function (r) {
        rules.appendChild(el('li', {text: 'never flag ' + (r.term ? '“' + r.term + '”' : 'anything') + ' as “' +
          r.what + '”' + (r.note ? ' — ' + r.note : '')}));
      });
      rules.appendChild(el('li', {cls: 'muted', text: s.profile_error ? 'not saved in the profile: ' + s.profile_error :
        'kept in the project profile ' + s.profile + ' (the next align run with it applies them)'}));
      $('stale-box').hidden = !s.stale.length;
      var st = $('stale'); st.textContent = '';
      s.stale.forEach(function (x) {
        st.appendChild(el('li', {text: (x.decision && x.decision.kind || 'decision') + ': ' + x.reason}));
      });
      if ($('saved').textContent === 'loading…') $('saved').textContent = 'every decision is saved in ' + s.saved_to;
    });
  }

  function loadRows(keep) {
    var qs = 'view=' + state.view + '&q=' + encodeURIComponent(state.q) + '&offset=' + state.offset + '&limit=' + PAGE;
    return api('api/rows?' + qs).then(function (d) {
      state.total = d.total; state.rows = d.rows;
      if (!keep) state.sel = 0;
      state.sel = Math.max(0, Math.min(state.sel, d.rows.length - 1));
      render();
    });
  }

  function loadGroups() {
    return api('api/groups').then(function (d) { state.groups = d.groups; renderGroups(); });
  }

  // ---- rows ----
  function render() {
    var box = $('rows'); box.textContent = '';
    state.rows.forEach(function (row, n) { box.appendChild(renderRow(row, n)); });
    $('range').textContent = state.total ? (state.offset + 1) + '–' + (state.offset + state.rows.length) + ' of ' +
      state.total + ' rows' : 'nothing matches';
    $('prev-page').disabled = state.offset === 0;
    $('next-page').disabled = state.offset + PAGE >= state.total;
    select(state.sel, false);
  }

  function sentence(row, side, s, pos, count) {
    var unit = row.src.length && row.tgt.length;
    var kids = [el('span', {cls: 'num', text: String(s.i + 1)}), s.text];
    if (unit && pos > 0) {
      kids.push(el('button', {cls: 'cut-btn', title: 'split the unit before this sentence', text: '✂',
        onclick: function (ev) { ev.stopPropagation(); toggleCut(row, side, s.i); }}));
    }
    if (unit && pos === 0) {
      kids.push(el('button', {title: 'move this sentence to the previous unit', text: '↑',
        onclick: function (ev) { ev.stopPropagation(); decide({kind: 'move', at: at(side, s.i), direction: 'prev'}); }}));
    }
    if (unit && pos === count - 1) {
      kids.push(el('button', {title: 'move this sentence to the next unit', text: '↓',
        onclick: function (ev) { ev.stopPropagation(); decide({kind: 'move', at: at(side, s.i), direction: 'next'}); }}));
    }
    var cut = state.cuts[row.k] && state.cuts[row.k][side] === s.i;
    return el('span', {cls: 's' + (cut ? ' cut' : ''), 'data-side': side, 'data-i': String(s.i)}, kids);
  }

  function toggleCut(row, side, i) {
    var c = state.cuts[row.k] = state.cuts[row.k] || {};
    c[side] = c[side] === i ? undefined : i;
    render();
  }

  function renderRow(row, n) {
    var unit = row.src.length && row.tgt.length;
    var cls = 'row band-' + row.band + ' status-' + row.status + (unit ? '' : ' alone') +
      (row.label === 'possible omission' ? ' omission' : '');
    var meta = el('div', {cls: 'meta'}, [
      el('span', {cls: 'label', text: row.label}),
      unit ? el('span', {text: row.src.length + '-' + row.tgt.length + ' · ' + Math.round(row.score * 100) + '%'}) : null,
      unit && row.status !== 'auto' ? el('span', {cls: 'status', text: ' · ' + row.status}) : null,
      !unit && row.reason ? el('div', {cls: 'reason', text: row.reason}) : null]);
    var src = el('div', {cls: 'side src', lang: ''}, row.src.map(function (s, p) { return sentence(row, 'source', s, p, row.src.length); }));
    var tgt = el('div', {cls: 'side tgt'}, row.tgt.map(function (s, p) { return sentence(row, 'target', s, p, row.tgt.length); }));
    var acts = el('div', {cls: 'acts'}, actions(row));
    var kids = [meta, src, tgt, acts];
    if (row.findings.length) kids.push(el('div', {cls: 'fcol'}, row.findings.map(function (f) { return findingChip(f); })));
    return el('div', {cls: cls, 'data-k': String(row.k), 'data-n': String(n), 'data-label': row.label,
      'data-doubtful': row.doubtful ? '1' : '0', 'data-open': String(row.findings.filter(function (f) {
        return f.status === 'open'; }).length),
      onclick: function () { select(n, false); }}, kids);
  }

  function actions(row) {
    var unit = row.src.length && row.tgt.length;
    var a = anchor(row);
    var out = [];
    var b = function (text, title, entry, cls) {
      out.push(el('button', {cls: cls || '', title: title, text: text, onclick: function (ev) {
        ev.stopPropagation(); decide(entry);
      }}));
    };
    if (unit) {
      b('confirm', 'this unit is right (c)', {kind: 'confirm', at: a}, 'confirm');
      b('merge ↑', 'merge with the row above (M)', {kind: 'merge', at: a, direction: 'prev'}, 'merge-prev');
      b('merge ↓', 'merge with the row below (m)', {kind: 'merge', at: a, direction: 'next'}, 'merge-next');
      b('unlink', 'the sentences do not belong together', {kind: 'unlink', at: a}, 'unlink');
      var cut = state.cuts[row.k];
      if (row.src.length > 1 || row.tgt.length > 1) {
        out.push(el('button', {cls: 'split', title: 'choose ✂ on the sentences that start the second unit', text: 'split',
          onclick: function (ev) {
            ev.stopPropagation();
            if (!cut || (cut.source === undefined && cut.target === undefined)) {
              say('Choose ✂ beside the sentence (source, target or both) that starts the second unit, then split.');
              return;
            }
            delete state.cuts[row.k];
            decide({kind: 'split', at: a, src_at: cut.source === undefined ? null : at('source', cut.source),
              tgt_at: cut.target === undefined ? null : at('target', cut.target)});
          }}));
      }
    } else {
      var side = row.src.length ? 'source' : 'target';
      var s = row.src.length ? row.src[0] : row.tgt[0];
      out.push(el('button', {cls: 'link', title: 'link with a ' + (side === 'source' ? 'target' : 'source') +
        ' sentence outside every unit', text: 'link…', onclick: function (ev) { ev.stopPropagation(); startLink(side, s.i); }}));
      b('merge ↑', 'add to the unit above', {kind: 'merge', at: a, direction: 'prev'}, 'merge-prev');
      b('merge ↓', 'add to the unit below', {kind: 'merge', at: a, direction: 'next'}, 'merge-next');
      b(row.intentional ? 'not on purpose' : 'untranslated on purpose',
        'the translator left this out on purpose (no problem)', {kind: 'intentional', at: a, on: !row.intentional},
        'intentional');
    }
    return out;
  }

  function startLink(side, i) {
    if (state.link && state.link.side !== side) {
      var src = side === 'source' ? i : state.link.i, tgt = side === 'target' ? i : state.link.i;
      state.link = null; showLink();
      decide({kind: 'link', src: at('source', src), tgt: at('target', tgt)});
      return;
    }
    state.link = {side: side, i: i}; showLink();
  }

  function showLink() {
    var l = $('linking');
    l.hidden = !state.link;
    l.textContent = state.link ? 'Linking ' + state.link.side + ' sentence ' + (state.link.i + 1) + ': choose “link…” on a ' +
      (state.link.side === 'source' ? 'target' : 'source') + ' sentence outside every unit (Esc cancels)' : '';
  }

  function findingChip(f) {
    var note = el('input', {type: 'text', placeholder: 'note (optional)', 'aria-label': 'note'});
    var verdict = function (v) {
      return function (ev) { ev.stopPropagation(); decide({kind: 'verdict', ids: [f.id], verdict: v, note: note.value}); };
    };
    return el('div', {cls: 'finding ' + f.severity + ' st-' + f.status, 'data-id': f.id}, [
      el('span', {cls: 'what', text: f.what + ': '}), el('span', {text: (f.term ? f.term + ' — ' : '') + f.words}),
      f.status !== 'open' ? el('span', {cls: 'muted', text: ' · ' + f.status + (f.note ? ' (' + f.note + ')' : '')}) : null,
      ' ', note,
      el('button', {cls: 'fbtn accept', title: 'a real problem (a)', text: 'accept', onclick: verdict('accepted')}),
      el('button', {cls: 'fbtn reject', title: 'a false alarm (r)', text: 'reject', onclick: verdict('rejected')}),
      el('button', {cls: 'fbtn rule', title: f.term ? 'never flag “' + f.term + '” for this check again (a rule in the ' +
        'project profile)' : 'never run this check again in this project (a rule in the project profile)',
        text: f.term ? 'reject as rule' : 'turn check off', onclick: function (ev) {
          ev.stopPropagation(); decide({kind: 'rule', check: f.check, term: f.term, note: note.value});
        }})]);
  }

  function select(n, scroll) {
    var rows = $('rows').children;
    if (!rows.length) return;
    n = Math.max(0, Math.min(n, rows.length - 1));
    if (rows[state.sel]) rows[state.sel].classList.remove('sel');
    state.sel = n; rows[n].classList.add('sel');
    if (scroll !== false) rows[n].scrollIntoView({block: 'nearest'});
  }

  function current() { return state.rows[state.sel]; }

  // Go to row k (a position in document order): find its page in the current view.
  function goTo(k) {
    return api('api/locate?from=' + k + '&view=' + state.view + '&q=' + encodeURIComponent(state.q)).then(function (d) {
      if (d.index === null || d.index === undefined) { say('That row is not in this view: show document order.'); return; }
      state.offset = Math.floor(d.index / PAGE) * PAGE;
      return loadRows(false).then(function () { select(d.index - state.offset); });
    });
  }

  function nextOf(what, back) {
    var row = current();
    var from = row ? row.k : -1;
    if (state.view !== 'document') {  // outside document order the next one is simply the next on the page
      for (var n = state.sel + (back ? -1 : 1); n >= 0 && n < state.rows.length; n += back ? -1 : 1) {
        var r = state.rows[n];
        if (what === 'doubtful' ? r.doubtful : r.findings.some(function (f) { return f.status === 'open'; })) {
          select(n); return;
        }
      }
    }
    api('api/locate?from=' + from + '&what=' + what + (back ? '&back=1' : '')).then(function (d) {
      if (d.k === null) { say('No ' + (what === 'doubtful' ? 'doubtful unit' : 'open finding') + (back ? ' before' : ' after') + ' this one.', true); return; }
      if (state.view !== 'document') { state.view = 'document'; $('view').value = 'document'; }
      goTo(d.k);
    });
  }

  function verdictOnCurrent(v) {
    var row = current();
    if (!row) return;
    var f = row.findings.filter(function (x) { return x.status === 'open'; })[0] || row.findings[0];
    if (!f) { say('This row has no finding: f goes to the next one.'); return; }
    decide({kind: 'verdict', ids: [f.id], verdict: v, note: ''});
  }

  // ---- findings, grouped ----
  function renderGroups() {
    var box = $('groups'); box.textContent = '';
    if (!state.groups.length) box.appendChild(el('p', {cls: 'muted', text: 'No findings in this run.'}));
    var shown = state.allGroups ? state.groups : state.groups.slice(0, GROUPS_SHOWN);  // a long book: draw the first ones
    shown.forEach(function (g) {
      var note = el('input', {type: 'text', placeholder: 'note (optional)', 'aria-label': 'note'});
      var all = function (v) { return function () { decide({kind: 'verdict', ids: g.ids, verdict: v, note: note.value}); }; };
      var done = g.states.open === 0;
      var links = el('details', {}, [el('summary', {text: g.count === 1 ? 'show the unit' : 'show the ' + g.count + ' units'})]
        .concat(g.rows.map(function (k, n) {
          return k === null ? null : el('a', {href: '#', text: 'unit ' + (n + 1), onclick: function (ev) {
            ev.preventDefault(); goTo(k);
          }});
        })));
      box.appendChild(el('div', {cls: 'group' + (done ? ' done' : ''), 'data-key': g.key, 'data-check': g.check,
        'data-term': g.term}, [
        el('span', {cls: 'count', text: '×' + g.count}), el('b', {text: g.what}), ': ',
        el('span', {text: (g.term ? g.term + ' — ' : '') + g.words}),
        el('div', {cls: 'muted', text: g.states.open + ' open · ' + g.states.accepted + ' accepted · ' +
          g.states.rejected + ' rejected' + (g.rule ? ' · off by a rule' : '')}),
        note,
        el('button', {cls: 'accept-all', text: 'accept', title: 'real problems', onclick: all('accepted')}),
        el('button', {cls: 'reject-all', text: 'reject', title: 'false alarms', onclick: all('rejected')}),
        el('button', {cls: 'rule', text: g.term ? 'reject as rule' : 'turn this check off',
          title: g.term ? 'never flag “' + g.term + '” for this check again (a rule in the project profile)' :
            'never run this check again in this project (a rule in the project profile)',
          onclick: function () { decide({kind: 'rule', check: g.check, term: g.term, note: note.value}); }}),
        links]));
    });
    if (shown.length < state.groups.length) {
      box.appendChild(el('button', {id: 'all-groups', text: 'show all ' + state.groups.length + ' groups',
        onclick: function () { state.allGroups = true; renderGroups(); }}));
    }
  }

  // ---- wiring ----
  $('view').addEventListener('change', function () { state.view = this.value; state.offset = 0; loadRows(false); });
  var timer = null;
  $('q').addEventListener('input', function () {
    var v = this.value;
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = v; state.offset = 0; loadRows(false); }, 200);
  });
  $('prev-page').addEventListener('click', function () { state.offset = Math.max(0, state.offset - PAGE); loadRows(false); });
  $('next-page').addEventListener('click', function () { state.offset += PAGE; loadRows(false); });
  $('undo').addEventListener('click', function () {
    api('api/undo', {}).then(function () { $('saved').textContent = 'undone, saved ' + new Date().toLocaleTimeString(); return refresh(true); })
      .catch(function (e) { say(e.message); });
  });
  $('export-folder').addEventListener('click', function () {
    api('api/export', {formats: ['tmx', 'tsv', 'xlsx']}).then(function (d) {
      say('Written into the reviewed folder: ' + d.written.join(', '), true);
    }).catch(function (e) { say(e.message); });
  });
  $('help-toggle').addEventListener('click', function () { $('help').hidden = !$('help').hidden; });

  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) {
      if (ev.key === 'Escape') t.blur();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var row = current();
    var keys = {
      j: function () { select(state.sel + 1); }, ArrowDown: function () { select(state.sel + 1); },
      k: function () { select(state.sel - 1); }, ArrowUp: function () { select(state.sel - 1); },
      n: function () { nextOf('doubtful', false); }, N: function () { nextOf('doubtful', true); },
      f: function () { nextOf('finding', false); }, F: function () { nextOf('finding', true); },
      a: function () { verdictOnCurrent('accepted'); }, r: function () { verdictOnCurrent('rejected'); },
      c: function () { if (row && row.src.length && row.tgt.length) decide({kind: 'confirm', at: anchor(row)}); },
      m: function () { if (row) decide({kind: 'merge', at: anchor(row), direction: 'next'}); },
      M: function () { if (row) decide({kind: 'merge', at: anchor(row), direction: 'prev'}); },
      u: function () { $('undo').click(); },
      '/': function () { $('q').focus(); },
      '?': function () { $('help').hidden = !$('help').hidden; },
      Escape: function () { state.link = null; showLink(); say(''); }
    };
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });

  refresh(false).then(function () { document.body.setAttribute('data-ready', '1'); })
    .catch(function (e) { say(e.message); });
})();
