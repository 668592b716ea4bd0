"""The in-memory form of rule packs: concepts, conditions, rules and the rule set.

These classes are built by ``wpslint.rules.loader`` from validated YAML and evaluated by
``wpslint.rules.engine``. They hold no matching state, so one ``RuleSet`` serves every
document of a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wpslint.findings import DOC_TYPES, Kind, RuleInfo, Severity

SCOPES = ("sentence", "block", "row", "section", "document")
SECURITY_CATEGORIES = ("emotional", "physical", "spiritual", "economic", "political")
#: Grammatical analyses a rule may name (``syntax: NAME``), implemented in
#: ``wpslint.nlp.syntax``; listed here so loading rules does not import spaCy.
#: Grammatical analyses a rule may ask for (``syntax: NAME``), with what each finds.
SYNTAX_ANALYSES = {
    "passive_without_agent": "a passive commitment that names nobody to carry it out",
}


@dataclass(frozen=True, slots=True)
class Concept:
    """A named term list. ``include`` names other concepts whose hits count as this one's.

    ``context`` names a concept a document must mention (anywhere, headings too) for this
    one's hits to count in it: "participants" stand for the peacebuilders only in a document
    about peacebuilders. With ``defined_terms``, a term the document defines as this concept
    ('"covered individual" means a woman peacebuilder ...') is a hit of it there too.
    """

    name: str
    description: str
    terms: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    patterns: tuple[tuple[dict, ...], ...] = ()
    context: str | None = None
    defined_terms: bool = False
    source: str = ""

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The concepts whose hits this one's need first."""
        return (*self.include, self.context) if self.context else self.include


@dataclass(frozen=True, slots=True)
class ConceptRef:
    concept: str


@dataclass(frozen=True, slots=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    condition: Condition


@dataclass(frozen=True, slots=True)
class Where:
    """Holds where ``condition`` holds, without adding its passages to the evidence."""

    condition: Condition


@dataclass(frozen=True, slots=True)
class Heading:
    """Holds in the units under a heading (of any level above them) that names one of
    ``concepts``: the paragraphs of a section titled "Protection of women peacebuilders" are
    about them without naming them again. Adds no evidence."""

    concepts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Near:
    conditions: tuple[Condition, ...]
    within: int


@dataclass(frozen=True, slots=True)
class AtLeast:
    count: int
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Syntax:
    """A grammatical analysis of candidate sentences (see ``wpslint.nlp.syntax``)."""

    analysis: str


Condition = ConceptRef | AllOf | AnyOf | Not | Where | Heading | Near | AtLeast | Syntax


@dataclass(frozen=True, slots=True)
class RuleTests:
    """Examples embedded in a rule: expected status -> texts."""

    doc_type: str | None
    cases: tuple[tuple[str, str], ...]  # (expected status, text)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    kind: Kind
    applies_to: tuple[str, ...]
    severity: dict[str, Severity]  # per document type; every type in DOC_TYPES present
    message: str
    rationale: str
    sources: tuple[str, ...]
    security: tuple[str, ...]
    remedy: str
    scope: str
    match: Condition
    tests: RuleTests
    flag: str = "matched"  # quality rules: "matched" (per passage) or "absent" (per document)
    weak_message: str | None = None
    anchor: str | None = None  # concept whose first heading hit locates a missing requirement
    source: str = ""  # file:line where the rule is defined

    @property
    def section(self) -> str:
        """The checklist section, from the id prefix (LEG15 -> LEG)."""
        return self.id.rstrip("0123456789")

    @property
    def info(self) -> RuleInfo:
        return RuleInfo(
            id=self.id,
            name=self.name,
            kind=self.kind,
            section=self.section,
            security=self.security,
            sources=self.sources,
        )

    def severity_for(self, doc_type: str) -> Severity:
        return self.severity[doc_type]

    def concepts_used(self) -> set[str]:
        return _concepts_in(self.match)


@dataclass(frozen=True, slots=True)
class StrengthMarkers:
    """Concept names that classify a sentence's commitment strength (``strength.yaml``)."""

    binding: str
    hedge: str
    qualifier: str


@dataclass(slots=True, eq=False)
class RuleSet:
    """All concepts and rules of a run, plus the cues for document types.

    Compared and hashed by identity, so a loaded rule set can key a cache of compiled linters.
    """

    concepts: dict[str, Concept]
    rules: list[Rule]
    strength: StrengthMarkers
    doctype_cues: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    sha256: str = ""

    def get(self, key: str) -> Rule | None:
        """A rule by id or name (case-insensitive for ids)."""
        for rule in self.rules:
            if rule.id == key.upper() or rule.name == key:
                return rule
        return None


def positive_concepts(condition: Condition) -> set[str]:
    """The concepts a condition asks for: all of them except those under a ``not``."""
    if isinstance(condition, ConceptRef):
        return {condition.concept}
    if isinstance(condition, Not | Syntax):
        return set()
    if isinstance(condition, Where):
        return positive_concepts(condition.condition)
    if isinstance(condition, Heading):
        return set(condition.concepts)
    return set().union(*(positive_concepts(child) for child in condition.conditions))


def _concepts_in(condition: Condition) -> set[str]:
    if isinstance(condition, ConceptRef):
        return {condition.concept}
    if isinstance(condition, Syntax):
        return set()
    if isinstance(condition, Not | Where):
        return _concepts_in(condition.condition)
    if isinstance(condition, Heading):
        return set(condition.concepts)
    names: set[str] = set()
    for child in condition.conditions:
        names |= _concepts_in(child)
    return names


__all__ = [
    "DOC_TYPES",
    "SCOPES",
    "SECURITY_CATEGORIES",
    "SYNTAX_ANALYSES",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Concept",
    "ConceptRef",
    "Condition",
    "Heading",
    "Near",
    "Not",
    "Rule",
    "RuleSet",
    "RuleTests",
    "StrengthMarkers",
    "Syntax",
    "Where",
    "positive_concepts",
]
