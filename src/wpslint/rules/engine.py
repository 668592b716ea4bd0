"""Evaluate a rule set on an analysed document: the one linting loop of wpslint.

Concept hits are found once per document. A condition is then evaluated as set algebra over
the units of the rule's scope: ``units(condition)`` is a mapping from every unit where the
condition holds to the hits that make it hold. ``all`` intersects, ``any`` unites, ``not``
subtracts, ``near`` and ``at_least`` filter. The hits become evidence sentences, and each
sentence's commitment strength (binding or hedged) decides between present and weak.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy

from wpslint.document import BlockKind
from wpslint.findings import CheckResult, Evidence, Kind, Status, Strength
from wpslint.nlp.analysis import Analysis, Sentence
from wpslint.nlp.pipeline import Pipeline
from wpslint.nlp.syntax import SyntaxAnalyser
from wpslint.rules.matcher import ConceptMatcher, Hit
from wpslint.rules.model import (
    AllOf,
    AnyOf,
    AtLeast,
    ConceptRef,
    Condition,
    Heading,
    Near,
    Not,
    Rule,
    RuleSet,
    Syntax,
    Where,
)

#: Units of a scope where a condition holds, with the hits that make it hold (unordered).
Units = Mapping[int, list[Hit]]


class Engine:
    """A rule set compiled for one pipeline; reusable for any number of documents."""

    def __init__(self, ruleset: RuleSet, pipeline: Pipeline, *, use_parser: bool = True) -> None:
        self.ruleset = ruleset
        self.matcher = ConceptMatcher(ruleset.concepts, pipeline)
        self.syntax = SyntaxAnalyser(use_parser=use_parser)

    def evaluate(
        self, analysis: Analysis, doc_type: str, rules: Iterable[Rule] | None = None
    ) -> Evaluation:
        """One result per rule (all rules of the set unless ``rules`` is given)."""
        hits = self.matcher.find(analysis.doc, analysis.document.text)
        context = _Context(analysis, hits, self.ruleset, self.syntax)
        chosen = self.ruleset.rules if rules is None else rules  # an empty list: no rules
        checks = [context.check(rule, doc_type) for rule in chosen]
        return Evaluation(checks=checks, grammar=context.grammar)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The checks of one document, and what analysed grammar if anything did."""

    checks: list[CheckResult]
    grammar: str | None


class _Context:
    """Per-document state: hits, hits grouped by unit, sentence strengths."""

    def __init__(
        self,
        analysis: Analysis,
        hits: dict[str, list[Hit]],
        ruleset: RuleSet,
        syntax: SyntaxAnalyser,
    ) -> None:
        self.analysis = analysis
        # A heading names a topic and commits to nothing: its words locate missing
        # protections (anchors) but are never evidence.
        self.heading_hits = hits
        self.hits = _outside(hits, analysis.heading_tokens)
        self.syntax = syntax
        self.grammar: str | None = None
        self._syntax_results: dict[tuple[str, int], bool] = {}
        self._grouped: dict[tuple[str, str], Units] = {}
        self._units: dict[tuple[Condition, str], Units] = {}
        markers = ruleset.strength
        self._hedge_concepts = (markers.hedge, markers.qualifier)
        self._binding = self._sentences_with(markers.binding)
        self._hedged = self._sentences_with(markers.hedge)
        self._qualified = self._sentences_with(markers.qualifier)
        self._anchors: dict[str, Evidence | None] = {}

    # -- statuses -------------------------------------------------------------------------

    def check(self, rule: Rule, doc_type: str) -> CheckResult:
        if doc_type not in rule.applies_to:
            return CheckResult(
                rule=rule.info,
                status=Status.NOT_APPLICABLE,
                severity=rule.severity_for(doc_type),
                message=f"Does not apply to a {doc_type}.",
            )
        units = self.units(rule.match, rule.scope)
        if rule.kind is Kind.REQUIREMENT:
            return self._requirement(rule, doc_type, units)
        severity = rule.severity_for(doc_type)
        if rule.kind is Kind.QUALITY and rule.flag == "absent":
            if units:
                return CheckResult(rule.info, Status.CLEAR, severity, rule.message)
            return CheckResult(
                rule.info, Status.FLAGGED, severity, rule.message, anchor=self.anchor(rule)
            )
        if not units:
            return CheckResult(rule.info, Status.CLEAR, severity, rule.message)
        evidence = [item for unit in sorted(units) for item in self.evidence(units[unit])]
        return CheckResult(
            rule.info,
            Status.FLAGGED,
            severity,
            rule.message,
            evidence=evidence,
            anchor=None if evidence else self.anchor(rule),
        )

    def _requirement(self, rule: Rule, doc_type: str, units: Units) -> CheckResult:
        severity = rule.severity_for(doc_type)
        if not units:
            return CheckResult(
                rule.info, Status.MISSING, severity, rule.message, anchor=self.anchor(rule)
            )
        binding: list[Evidence] = []
        hedged: list[Evidence] = []
        for unit in sorted(units):
            items = self.evidence(units[unit])
            if any(item.strength is Strength.BINDING for item in items):
                binding.extend(items)
            else:
                hedged.extend(items)
        if binding:
            return CheckResult(rule.info, Status.PRESENT, severity, rule.message, binding)
        message = rule.weak_message or (
            f"Weakly worded: {rule.name.replace('-', ' ')} appears only in hedged language "
            "(should, may, where possible...); state it as a binding commitment."
        )
        return CheckResult(rule.info, Status.WEAK, severity.lowered(), message, hedged)

    # -- conditions -----------------------------------------------------------------------

    def units(self, condition: Condition, scope: str) -> Units:
        """Where ``condition`` holds in ``scope``; shared by every rule using the condition."""
        key = (condition, scope)
        if key not in self._units:
            self._units[key] = self._evaluate(condition, scope)
        return self._units[key]

    def _evaluate(self, condition: Condition, scope: str) -> Units:
        if isinstance(condition, ConceptRef):
            return self._concept_units(condition.concept, scope)
        if isinstance(condition, AnyOf):
            found = [self.units(child, scope) for child in condition.conditions]
            return _Joined(found, set().union(*found))
        if isinstance(condition, AllOf):
            return self._all(condition, scope)
        if isinstance(condition, Where):
            return {unit: [] for unit in self.units(condition.condition, scope)}
        if isinstance(condition, Heading):
            return self._under_heading(condition.concepts, scope)
        if isinstance(condition, Not):
            excluded = self.units(condition.condition, scope)
            count = self.analysis.unit_count(scope)
            return {unit: [] for unit in range(count) if unit not in excluded}
        if isinstance(condition, AtLeast):
            return self._at_least(condition, scope)
        if isinstance(condition, Near):
            return self._near(condition, scope)
        raise TypeError(f"{condition!r} is evaluated only inside 'all'")  # loader ensures

    def _concept_units(self, concept: str, scope: str) -> Units:
        key = (concept, scope)
        if key not in self._grouped:
            hits = self.hits.get(concept, [])
            units = numpy.asarray(self.analysis.units_of(scope, [start for start, _ in hits]))
            # Hits are sorted, so their units are too: cut the list where the unit changes.
            cuts = [0, *(numpy.flatnonzero(numpy.diff(units)) + 1).tolist(), len(hits)]
            self._grouped[key] = _Grouped(hits, units[cuts[:-1]].tolist() if hits else [], cuts)
        return self._grouped[key]

    def _under_heading(self, concepts: tuple[str, ...], scope: str) -> Units:
        """The units under a heading that names one of ``concepts``: from the heading to the
        next heading of the same or a higher level."""
        units: Units = {}
        for start, end, stop in self.analysis.heading_extents:
            if any(self._hit_between(concept, start, end) for concept in concepts):
                first, last = self.analysis.units_of(scope, [start, stop - 1])
                units.update({unit: [] for unit in range(first, last + 1)})
        return units

    def _hit_between(self, concept: str, start: int, end: int) -> bool:
        hits = self.heading_hits.get(concept, ())
        index = bisect.bisect_left(hits, (start, 0))
        return index < len(hits) and hits[index][0] < end

    def _all(self, condition: AllOf, scope: str) -> Units:
        children = condition.conditions
        positive = [c for c in children if not isinstance(c, Not | Syntax)]
        negative = [c.condition for c in children if isinstance(c, Not)]
        found = [self.units(child, scope) for child in positive]
        keys = set(found[0]).intersection(*found[1:])
        for child in negative:
            keys -= set(self.units(child, scope))
        for child in children:
            if isinstance(child, Syntax):  # last: the parser sees only the candidates left
                keys = self._syntax_filter(child.analysis, keys)
        return _Joined(found, keys)

    def _syntax_filter(self, analysis: str, sentences: set[int]) -> set[int]:
        """The sentences (units of sentence scope) for which ``analysis`` holds."""
        todo = sorted(i for i in sentences if (analysis, i) not in self._syntax_results)
        if todo:
            spans = [self.analysis.span(self.analysis.sentences[i]) for i in todo]
            results, self.grammar = self.syntax.check(analysis, spans)
            for index, holds in zip(todo, results, strict=True):
                self._syntax_results[(analysis, index)] = holds
        return {i for i in sentences if self._syntax_results[(analysis, i)]}

    def _at_least(self, condition: AtLeast, scope: str) -> Units:
        found = [self.units(child, scope) for child in condition.conditions]
        counts: dict[int, int] = defaultdict(int)
        for units in found:
            for unit in units:
                counts[unit] += 1
        return _Joined(found, {unit for unit, count in counts.items() if count >= condition.count})

    def _near(self, condition: Near, scope: str) -> Units:
        found = [self.units(child, scope) for child in condition.conditions]
        keys = set(found[0]).intersection(*found[1:])
        result: dict[int, list[Hit]] = {}
        for unit in keys:
            # Merged hit lists (any, all) are in no particular order; bisection needs order.
            lists = [sorted(set(units[unit])) for units in found if units[unit]]
            chosen = _window(lists, condition.within)
            if chosen:
                result[unit] = chosen
        return result

    # -- evidence -------------------------------------------------------------------------

    def evidence(self, hits: list[Hit]) -> list[Evidence]:
        """The sentences holding ``hits``, in document order, each with its strength."""
        sentences = sorted({self.analysis.sentence_of(start).index for start, _ in hits})
        return [self._sentence_evidence(self.analysis.sentences[i]) for i in sentences]

    def _sentence_evidence(self, sentence: Sentence) -> Evidence:
        document = self.analysis.document
        location = document.location(sentence.start_char)
        strength = self.strength(sentence.index)
        return Evidence(
            start=sentence.start_char,
            end=sentence.end_char,
            text=document.text[sentence.start_char : sentence.end_char],
            page=location.page,
            line=location.line,
            section=document.section_at(sentence.start_char),
            strength=strength,
            hedges=self._hedge_spans(sentence) if strength is Strength.HEDGED else (),
        )

    def _hedge_spans(self, sentence: Sentence) -> tuple[tuple[int, int], ...]:
        """The hedge and qualifier words of ``sentence``, as offsets into its text.

        Reports highlight them, so a drafter sees which words to replace. Overlapping terms
        ("where it considers it appropriate" holds "considers") become one span.
        """
        doc, offset = self.analysis.doc, sentence.start_char
        spans: list[tuple[int, int]] = []
        for concept in self._hedge_concepts:
            for start, end in self._concept_units(concept, "sentence").get(sentence.index, ()):
                last = doc[end - 1]
                spans.append((doc[start].idx - offset, last.idx + len(last) - offset))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return tuple(merged)

    def strength(self, sentence: int) -> Strength:
        """Hedged when a qualifier is present, or a hedge without any binding marker.

        A list item with no marker of its own takes the strength of the sentence that
        introduces its list: the items under "The Ministry should:" are hedged too.
        """
        if sentence in self._qualified:
            return Strength.HEDGED
        if sentence in self._binding:
            return Strength.BINDING
        if sentence in self._hedged:
            return Strength.HEDGED
        lead_in = self._lead_in(sentence)
        if lead_in is not None:
            return self.strength(lead_in)
        return Strength.BINDING

    def _lead_in(self, sentence: int) -> int | None:
        """The last sentence of the paragraph that introduces the list holding ``sentence``.

        The paragraph must lead into the list: it ends with a colon, a dash or no final
        punctuation ("...the President should" followed by items).
        """
        analysis = self.analysis
        blocks = analysis.document.blocks
        index = analysis.list_lead_in[analysis.block_index(analysis.sentences[sentence].start)]
        if index is None:
            return None
        block = blocks[index]
        if block.kind is not BlockKind.PARAGRAPH:
            return None
        text = analysis.document.text[block.start : block.end].rstrip()
        if text[-1:] in ".;!?)\"'”":
            return None
        last_token = analysis.block_token_end(index) - 1
        return analysis.sentence_of(last_token).index

    def _sentences_with(self, concept: str) -> set[int]:
        return set(self._concept_units(concept, "sentence"))

    def anchor(self, rule: Rule) -> Evidence:
        """Where a missing protection belongs: a heading on its topic, else the document."""
        concept = rule.anchor
        if concept not in self._anchors:
            self._anchors[concept] = self._heading_anchor(concept) if concept else None
        found = self._anchors[concept]
        return found or self._document_anchor()

    def _heading_anchor(self, concept: str) -> Evidence | None:
        document = self.analysis.document
        for start, _ in self.heading_hits.get(concept, ()):
            char = self.analysis.doc[start].idx
            block = document.block_at(char)
            if block is not None and block.kind.value == "heading":
                return Evidence(
                    start=block.start,
                    end=block.end,
                    text=document.text[block.start : block.end],
                    page=block.page,
                    line=block.line,
                    section=block.section_title,
                )
        return None

    def _document_anchor(self) -> Evidence:
        first = self.analysis.document.blocks[0] if self.analysis.document.blocks else None
        return Evidence(
            start=0,
            end=0,
            text="",
            page=first.page if first else None,
            line=first.line if first else 1,
            section="",
        )


def _outside(hits: dict[str, list[Hit]], ranges: list[tuple[int, int]]) -> dict[str, list[Hit]]:
    """The hits that do not start inside one of the token ``ranges``."""
    if not ranges:
        return hits
    covered: set[int] = set()
    for start, end in ranges:
        covered.update(range(start, end))
    kept = {name: [hit for hit in found if hit[0] not in covered] for name, found in hits.items()}
    return {name: found for name, found in kept.items() if found}


class _LazyUnits(Mapping[int, list[Hit]]):
    """Units known up front, with each unit's hits worked out only when asked for.

    Set operations decide which units a condition holds in; most units only meet more set
    operations (an ``all`` around them), and few become evidence. Building every unit's hit
    list up front cost more than the rest of the rule evaluation on a long plan, where
    concepts have thousands of hits.
    """

    def __init__(self, keys: list[int] | set[int]) -> None:
        self._keys = keys
        self._members = keys if isinstance(keys, set) else set(keys)

    def __getitem__(self, unit: int) -> list[Hit]:
        if unit not in self._members:
            raise KeyError(unit)
        return self._hits_of(unit)

    def _hits_of(self, unit: int) -> list[Hit]:
        raise NotImplementedError

    def __contains__(self, unit: object) -> bool:
        return unit in self._members

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._members)


class _Grouped(_LazyUnits):
    """A concept's sorted hits by unit: ``hits[cuts[i]:cuts[i + 1]]`` lie in unit ``keys[i]``."""

    def __init__(self, hits: list[Hit], keys: list[int], cuts: list[int]) -> None:
        super().__init__(keys)
        self._hits = hits
        self._cuts = cuts

    def _hits_of(self, unit: int) -> list[Hit]:
        index = bisect.bisect_left(self._keys, unit)
        return self._hits[self._cuts[index] : self._cuts[index + 1]]


class _Joined(_LazyUnits):
    """The units where ``any``, ``all`` or ``at_least`` holds, with the hits of its parts."""

    def __init__(self, parts: list[Units], keys: set[int]) -> None:
        super().__init__(keys)
        self._parts = [part for part in parts if part]
        self._gathered: dict[int, list[Hit]] = {}

    def _hits_of(self, unit: int) -> list[Hit]:
        found = self._gathered.get(unit)
        if found is None:
            found = [hit for part in self._parts for hit in part.get(unit, ())]
            self._gathered[unit] = found
        return found


def _window(hit_lists: list[list[Hit]], within: int) -> list[Hit]:
    """Hits, one per list, at most ``within`` tokens from a hit of the first list.

    Hit lists are sorted, so the nearest hit to an anchor is found by bisection.
    """
    chosen: set[Hit] = set()
    for anchor in hit_lists[0]:
        picks = [anchor]
        for hits in hit_lists[1:]:
            nearest = _nearest(hits, anchor)
            if _gap(anchor, nearest) > within:
                break
            picks.append(nearest)
        else:
            chosen.update(picks)
    return sorted(chosen)


def _nearest(hits: list[Hit], anchor: Hit) -> Hit:
    """The hit of a sorted list closest to ``anchor``."""
    index = bisect.bisect_left(hits, anchor)
    best, best_gap = hits[max(index - 3, 0)], None
    for hit in hits[max(index - 3, 0) : index + 1]:
        gap = _gap(anchor, hit)
        if best_gap is None or gap < best_gap:
            best, best_gap = hit, gap
    return best


def _gap(a: Hit, b: Hit) -> int:
    """Tokens between two hits (0 when they touch or overlap)."""
    if b[0] >= a[1]:
        return b[0] - a[1]
    if a[0] >= b[1]:
        return a[0] - b[1]
    return 0
