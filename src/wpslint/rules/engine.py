"""Evaluate a rule set on an analysed document: the one linting loop of wpslint.

Concept hits are found once per document. A condition is then evaluated as set algebra over
the units of the rule's scope: ``units(condition)`` is a mapping from every unit where the
condition holds to the hits that make it hold. ``all`` intersects, ``any`` unites, ``not``
subtracts, ``near`` and ``at_least`` filter. The hits become evidence sentences, and each
sentence's commitment strength (binding or hedged) decides between present and weak.

A long plan has thousands of hits per concept, and rules share most of their conditions, so
work is done once, and only where it is needed: a concept's hits are filtered and grouped by
unit once per scope; every ``Units`` mapping (see ``wpslint.rules.units``) holds its units as
a set, for the algebra to run on sets, and works out a unit's hits only when asked for them;
a ``near`` measures distances only in the units that the other conditions of an ``all``
around it leave; and each sentence becomes evidence once, whatever number of rules cite it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Set
from dataclasses import dataclass
from itertools import chain, compress

import numpy

from wpslint.document import BlockKind
from wpslint.findings import CheckResult, Evidence, Kind, Status, Strength
from wpslint.nlp.analysis import Analysis, Sentence
from wpslint.nlp.pipeline import Pipeline
from wpslint.nlp.syntax import SyntaxAnalyser
from wpslint.rules.matcher import ConceptHits, ConceptMatcher, Hit
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
from wpslint.rules.units import Bare, Either, Grouped, Joined, Nearby, Units, common


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
    """Per-document state: hits, hits grouped by unit, sentence strengths and evidence."""

    def __init__(
        self,
        analysis: Analysis,
        hits: ConceptHits,
        ruleset: RuleSet,
        syntax: SyntaxAnalyser,
    ) -> None:
        self.analysis = analysis
        # A heading names a topic and commits to nothing: its words locate missing
        # protections (anchors) but are never evidence.
        self.heading_hits = hits
        self._in_heading = _token_mask(len(analysis.doc), analysis.heading_tokens)
        self._outside: dict[str, tuple[list[Hit], numpy.ndarray]] = {}
        self.syntax = syntax
        self.grammar: str | None = None
        self._syntax_results: dict[tuple[str, int], bool] = {}
        self._grouped: dict[tuple[str, str], Grouped] = {}
        self._units: dict[tuple[Condition, str], Units] = {}
        self._evidence: dict[int, Evidence] = {}
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
        evidence = [
            item for unit in sorted(units) for item in self._unit_evidence(units, unit, rule.scope)
        ]
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
            items = self._unit_evidence(units, unit, rule.scope)
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
        key = (condition, scope)  # hashing a condition hashes all of it: once per call
        found = self._units.get(key)
        if found is None:
            found = self._units[key] = self._evaluate(condition, scope)
        return found

    def _evaluate(self, condition: Condition, scope: str) -> Units:
        if isinstance(condition, ConceptRef):
            return self._concept_units(condition.concept, scope)
        if isinstance(condition, AnyOf):
            return Either([self.units(child, scope) for child in condition.conditions])
        if isinstance(condition, AllOf):
            return self._all(condition, scope)
        if isinstance(condition, Where):
            return Bare(self.units(condition.condition, scope).members)
        if isinstance(condition, Heading):
            return self._under_heading(condition.concepts, scope)
        if isinstance(condition, Not):
            excluded = self.units(condition.condition, scope).members
            return Bare(set(range(self.analysis.unit_count(scope))).difference(excluded))
        if isinstance(condition, AtLeast):
            return self._at_least(condition, scope)
        if isinstance(condition, Near):
            return self._near(condition, scope)
        raise TypeError(f"{condition!r} is evaluated only inside 'all'")  # loader ensures

    def _concept_units(self, concept: str, scope: str) -> Grouped:
        key = (concept, scope)
        found = self._grouped.get(key)
        if found is None:
            hits, starts = self._hits_outside_headings(concept)
            keys, firsts = _runs(self.analysis.units_of(scope, starts))
            found = self._grouped[key] = Grouped(hits, keys, [*firsts, len(hits)])
        return found

    def _hits_outside_headings(self, concept: str) -> tuple[list[Hit], numpy.ndarray]:
        """The hits of ``concept`` that do not start in a heading, and their first tokens.

        Worked out once per concept, for every scope to group, and only for the concepts
        that rules ask for: a long plan has a hundred thousand hits.
        """
        if concept not in self._outside:
            hits = self.heading_hits.get(concept, [])
            starts = self.heading_hits.starts(concept)
            inside = self._in_heading[starts]
            if inside.any():
                kept = ~inside
                hits, starts = list(compress(hits, kept.tolist())), starts[kept]
            self._outside[concept] = (hits, starts)
        return self._outside[concept]

    def _under_heading(self, concepts: tuple[str, ...], scope: str) -> Units:
        """The units under a heading that names one of ``concepts``: from the heading to the
        next heading of the same or a higher level."""
        units: set[int] = set()
        for start, end, stop in self.analysis.heading_extents:
            if any(self._hit_between(concept, start, end) for concept in concepts):
                first = self.analysis.unit_of(scope, start)
                units.update(range(first, self.analysis.unit_of(scope, stop - 1) + 1))
        return Bare(units)

    def _hit_between(self, concept: str, start: int, end: int) -> bool:
        hits = self.heading_hits.get(concept, ())
        index = bisect.bisect_left(hits, (start, 0))
        return index < len(hits) and hits[index][0] < end

    def _all(self, condition: AllOf, scope: str) -> Units:
        children = condition.conditions
        positive = [c for c in children if not isinstance(c, Not | Syntax)]
        negative = [c.condition for c in children if isinstance(c, Not)]
        found = [self.units(child, scope) for child in positive]
        keys = common(found)
        keys.difference_update(*(self.units(child, scope).members for child in negative))
        for child in children:
            if isinstance(child, Syntax):  # last: the parser sees only the candidates left
                keys = self._syntax_filter(child.analysis, keys)
        return Joined(found, keys)

    def _syntax_filter(self, analysis: str, sentences: Set[int]) -> set[int]:
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
        counts = Counter(chain.from_iterable(units.members for units in found))
        return Joined(found, {unit for unit, count in counts.items() if count >= condition.count})

    def _near(self, condition: Near, scope: str) -> Units:
        found = [self.units(child, scope) for child in condition.conditions]
        return Nearby(found, condition.within, common(found))

    # -- evidence -------------------------------------------------------------------------

    def _unit_evidence(self, units: Units, unit: int, scope: str) -> list[Evidence]:
        """The sentences holding the hits of ``unit``, in document order.

        A unit of sentence scope is its own evidence when it has hits: gathering them from
        every part of the condition would only find it again.
        """
        if scope == "sentence":
            return [self._sentence_evidence(unit)] if units.has_hits(unit) else []
        return self.evidence(units[unit])

    def evidence(self, hits: Iterable[Hit]) -> list[Evidence]:
        """The sentences holding ``hits``, in document order, each with its strength."""
        sentence_of = self.analysis.token_sentences
        sentences = sorted({sentence_of[start] for start, _ in hits})
        return [self._sentence_evidence(index) for index in sentences]

    def _sentence_evidence(self, index: int) -> Evidence:
        """Sentence ``index`` as evidence: built once, as most rules cite the same passages."""
        found = self._evidence.get(index)
        if found is None:
            found = self._evidence[index] = self._new_evidence(self.analysis.sentences[index])
        return found

    def _new_evidence(self, sentence: Sentence) -> Evidence:
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
        offset = sentence.start_char
        spans: list[tuple[int, int]] = []
        for concept in self._hedge_concepts:
            for start, end in self._concept_units(concept, "sentence").get(sentence.index, ()):
                first, last = self.analysis.char_span(start, end)
                spans.append((first - offset, last - offset))
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

    def _sentences_with(self, concept: str) -> Set[int]:
        return self._concept_units(concept, "sentence").members

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


def _token_mask(count: int, ranges: list[tuple[int, int]]) -> numpy.ndarray:
    """For each of ``count`` tokens, whether it lies in one of the token ``ranges``."""
    mask = numpy.zeros(count, dtype=bool)
    for start, end in ranges:
        mask[start:end] = True
    return mask


def _runs(units: numpy.ndarray) -> tuple[list[int], list[int]]:
    """The distinct values of a sorted array, and the index where each first appears.

    Hits are sorted, so their units are too: a concept's hits in one unit are a run.
    """
    starts_run = numpy.empty(len(units), dtype=bool)
    starts_run[:1] = True
    numpy.not_equal(units[1:], units[:-1], out=starts_run[1:])
    (firsts,) = starts_run.nonzero()  # the method: numpy's functions add a Python layer
    return units[firsts].tolist(), firsts.tolist()
