"""The stylesheet and script inlined into every HTML report, as plain strings.

A report must open from an e-mail attachment or a USB stick with no network, so nothing is
linked: no web font, no CDN, no image file. The page's Content-Security-Policy allows exactly
these two blocks (by hash), so even a passage that slipped through escaping could not run.
The script only adds conveniences (copy buttons, opening collapsed parts for printing); the
report reads completely without it.
"""

from __future__ import annotations

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --faint: #7b8794; --line: #d9e2ec; --paper: #fff;
  --ground: #f5f7fa; --accent: #3b4cca; --error: #b42318; --error-bg: #fef3f2;
  --warning: #9a4a06; --warning-bg: #fffaeb; --info: #175cd3; --info-bg: #eff8ff;
  --present: #2f855a; --weak: #d69e2e; --missing: #d5dbe3; --hedge: #fde68a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--ground); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif; }
.page { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1, h2, h3, h4, h5 { line-height: 1.25; margin: 0; }
h1 { font-size: 1.6rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .4rem; display: flex; align-items: baseline;
  gap: .5rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .6rem; color: var(--muted); }
h4 { font-size: 1.02rem; }
h5 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: .4rem 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .85em; }
a { color: var(--accent); }
.eyebrow { margin: 0 0 .3rem; color: var(--muted); font-size: .85rem; letter-spacing: .04em;
  text-transform: uppercase; }
.masthead { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 1.2rem 1.3rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
  gap: .5rem 1.2rem; margin: 1rem 0 0; }
.facts div { min-width: 0; }
.facts dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--faint); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.advisory { color: var(--muted); font-size: .9rem; margin-top: .9rem; }
.warning-note { background: var(--warning-bg); border-left: 4px solid var(--warning);
  padding: .5rem .8rem; margin-top: .8rem; }
.toc { display: flex; flex-wrap: wrap; gap: .4rem; margin: 1rem 0 0; padding: 0;
  list-style: none; }
.toc a { display: inline-block; padding: .3rem .7rem; border: 1px solid var(--line);
  border-radius: 999px; background: var(--paper); text-decoration: none; color: var(--ink);
  font-size: .9rem; }
.toc a:hover, .toc a:focus { border-color: var(--accent); }
.count { display: inline-block; min-width: 1.6em; padding: 0 .45em; border-radius: 999px;
  background: var(--line); color: var(--ink); font-size: .8rem; font-weight: 600;
  text-align: center; }
.summary { display: grid; gap: 1rem; margin-top: 1rem; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 1rem 1.2rem; }
.score-card { display: grid; grid-template-columns: minmax(10rem, 15rem) 1fr; gap: .5rem 2rem;
  align-items: center; }
.score { font-size: 3rem; font-weight: 700; line-height: 1; margin: .3rem 0; }
.tally { list-style: none; padding: 0; margin: 0; display: grid;
  grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1.5rem; font-size: .95rem; }
.tally li { display: flex; justify-content: space-between; border-top: 1px solid var(--line);
  padding: .3rem 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 2rem; }
.charts h3, .card > h3 { margin: 0 0 .5rem; }
.chart { display: block; width: 100%; max-width: 28rem; height: auto; }
.score.compare { font-size: 2.4rem; white-space: nowrap; }
.finding h5 { margin-top: .7rem; }
.lead { color: var(--muted); margin: 0 0 .8rem; }
.finding { background: var(--paper); border: 1px solid var(--line);
  border-left: 4px solid var(--line); border-radius: 8px; padding: .9rem 1.1rem;
  margin: 0 0 .8rem; break-inside: avoid; }
.finding.sev-error { border-left-color: var(--error); }
.finding.sev-warning { border-left-color: var(--warning); }
.finding.sev-info { border-left-color: var(--info); }
.finding.ok { border-left-color: var(--present); }
.finding-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .4rem .6rem; }
.rid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 700;
  font-size: .9rem; }
.badge { font-size: .72rem; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
  padding: .1rem .45rem; border-radius: 4px; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.badge.change { color: var(--ink); background: var(--ground); border: 1px solid var(--line); }
.msg { margin: .4rem 0; }
.where { color: var(--muted); font-size: .88rem; }
.why { margin-top: .7rem; }
.why p { margin: .25rem 0; font-size: .95rem; }
.sources { color: var(--muted); font-size: .88rem; }
.sources ul { margin: .2rem 0 0; padding-left: 1.2rem; }
blockquote.evidence { margin: .6rem 0; padding: .5rem .8rem; background: var(--ground);
  border-left: 3px solid var(--line); border-radius: 0 6px 6px 0; }
blockquote.evidence p { margin: 0; overflow-wrap: anywhere; }
blockquote.evidence footer { color: var(--muted); font-size: .82rem; margin-top: .25rem; }
blockquote.evidence.was { border-left-color: var(--faint); }
mark.hedge { background: var(--hedge); color: inherit; padding: 0 .12em; border-radius: 3px;
  box-shadow: inset 0 -2px 0 var(--weak); }
.more-note { color: var(--muted); font-size: .85rem; }
.clause { margin-top: .8rem; border: 1px dashed var(--line); border-radius: 8px;
  padding: .6rem .8rem; }
.clause-head { display: flex; justify-content: space-between; align-items: center; gap: .5rem; }
.clause-text { white-space: pre-line; margin: .4rem 0 0;
  font-family: Georgia, "Times New Roman", serif; overflow-wrap: anywhere; }
button.copy { display: none; font: inherit; font-size: .8rem; padding: .25rem .7rem;
  border-radius: 6px; border: 1px solid var(--line); background: var(--paper);
  color: var(--ink); cursor: pointer; }
.js button.copy { display: inline-block; }
button.copy:hover, button.copy:focus { border-color: var(--accent); }
details.present { background: var(--paper); border: 1px solid var(--line);
  border-left: 4px solid var(--present); border-radius: 8px; margin: 0 0 .5rem; }
details.present > summary { cursor: pointer; padding: .6rem 1rem; display: flex;
  flex-wrap: wrap; gap: .3rem .6rem; align-items: baseline; }
details.present > summary::-webkit-details-marker { display: none; }
details.present > summary::before { content: "\\25B8"; color: var(--muted); width: .8rem; }
details.present[open] > summary::before { content: "\\25BE"; }
details.present > .body { padding: 0 1rem .8rem; }
details.more { margin-top: .6rem; }
details.more > summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
.none { color: var(--muted); font-style: italic; }
table.index { width: 100%; border-collapse: collapse; background: var(--paper);
  border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
table.index th, table.index td { text-align: left; padding: .55rem .7rem;
  border-bottom: 1px solid var(--line); vertical-align: middle; }
table.index th { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--faint); }
table.index .num { text-align: right; font-variant-numeric: tabular-nums; }
.meter { display: inline-block; width: 6rem; height: .6rem; vertical-align: middle;
  margin-right: .4rem; }
.document + .document { margin-top: 3rem; border-top: 2px solid var(--line); padding-top: 2rem; }
.errors li { margin: .3rem 0; }
.site-foot { margin-top: 3rem; color: var(--faint); font-size: .82rem; }
.site-foot code { overflow-wrap: anywhere; }
.offscreen { position: absolute; left: -9999px; top: 0; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  .page { padding: .8rem .6rem 2rem; }
  .score-card, .charts { grid-template-columns: 1fr; }
  .masthead, .card { padding: .9rem; }
  .finding { padding: .8rem; }
  table.index th:nth-child(n+4), table.index td:nth-child(n+4) { display: none; }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .toc, button, .no-print { display: none !important; }
  h2 { break-after: avoid; }
  .finding, details.present, blockquote.evidence, .clause { break-inside: avoid; }
  mark.hedge { text-decoration: underline; text-decoration-thickness: 2px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
  details.present > summary::before { content: none; }
  a { color: inherit; text-decoration: none; }
}
""".strip()

#: Copy buttons (execCommand, which works from a file:// page in every browser, then the
#: clipboard API, then selecting the text so the reader can press Ctrl+C), and every
#: collapsed part opened while printing.
JS = """
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function show(button, label) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = label;
    window.setTimeout(function () { button.textContent = original; }, 2000);
  }

  function copy(button, source) {
    var text = source.textContent.trim();
    if (legacyCopy(text)) { show(button, "Copied"); return; }
    var manual = function () {
      selectText(source);
      show(button, "Press Ctrl+C");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { show(button, "Copied"); }, manual);
    } else {
      manual();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (source) { copy(button, source); }
  });

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
""".strip()
