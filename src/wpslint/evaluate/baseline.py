"""The keyword baseline the rules must beat.

A check fires when any term of any concept its rule asks for occurs anywhere in the document:
no sentence scope, no combination of concepts, no negation, no commitment strength. The gain
of the rules over this baseline is what their structure is worth; a rule that does no better
than its own keywords is only a word list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wpslint.findings import Kind
from wpslint.rules.model import Rule, positive_concepts


def baseline_positive(rule: Rule, hits: Mapping[str, Sequence[object]]) -> bool:
    """Whether the baseline predicts the rule's problem or protection in a document.

    ``hits`` maps concept names to their hits anywhere in the document (headings included).
    A quality rule with ``flag: absent`` flags a document where none of its terms occurs.
    """
    found = any(hits.get(concept) for concept in positive_concepts(rule.match))
    if rule.kind is Kind.QUALITY and rule.flag == "absent":
        return not found
    return found
