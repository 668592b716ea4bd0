"""Properties that hold for any input: readers and the engine never raise anything but a
``DocumentError``, and every offset they hand out points into the document's text.

Reports quote evidence by offsets (``text[start:end]``), and editors jump to the page and line
those offsets map to; an offset past the text, or evidence that does not match its span,
would send a reader to the wrong passage. The inputs mix policy vocabulary (so that rules
fire and produce evidence) with what real files throw at a reader: control characters, NULs,
right-to-left marks, lone surrogates from bytes decoded with "surrogateescape", markup.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wpslint.api import default_linter
from wpslint.document import Document
from wpslint.errors import DocumentError
from wpslint.findings import DocumentReport, Evidence
from wpslint.ingest import read_document
from wpslint.ingest.encoding import decode
from wpslint.ingest.package import xml_prolog_problem
from wpslint.ingest.text import parse_text
from wpslint.rules.regexcheck import regex_problem

#: Examples per property; WPSLINT_PROPERTY_EXAMPLES=2000 runs a deeper search.
EXAMPLES = int(os.environ.get("WPSLINT_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
MANY = settings(max_examples=5 * EXAMPLES, deadline=None)

#: Words the rules look for, so that random text produces evidence, hedges and anchors.
_POLICY_WORDS = (
    "The Ministry shall should may where possible fund allocate a dedicated budget for women "
    "peacebuilders human rights defenders protect protection consult consultation civil "
    "society organisations relocation visa emergency focal point confidential consent report "
    "annually by 2027 USD 1,000,000 monitoring evaluation threats attacks investigate family "
    "security training national action plan Article Section 4.2 Funding"
)
VOCABULARY = _POLICY_WORDS.split()
ODD = ["\x00", "\x07", "\x0c", "\r", "\r\n", "\t", "\u200f", "\u202e", "\u00ad", "\ufeff", "\u2028",
       "\ufffe", "\udc80", "\udcff", "\ud800", "é", "ß", "中文", "—", "•", "…"]  # fmt: skip
MARKUP = ["\n", "\n\n", "# ", "## ", "- ", "* ", "1. ", "(a) ", "| ", " | ", "|---|", "**",
          "_", "[", "](x)", "---", "```", "4.2 ", "Article 5", ". ", ", ", "; "]  # fmt: skip
HTML_WRAPS = ["<p>{}</p>", "<ul><li>{}", "<table><tr><td>{}", "<h2>{}</h2><script>{}</script>",
              "{}", "<html>{}", "<pre>{}</pre><style>{}"]  # fmt: skip

words = st.sampled_from(VOCABULARY)
pieces = st.one_of(words, words, words, st.sampled_from(ODD), st.sampled_from(MARKUP), st.text())
policy_text = st.lists(pieces, max_size=120).map(" ".join)
escaped_bytes = st.binary(max_size=400).map(lambda data: data.decode("utf-8", "surrogateescape"))
any_text = st.one_of(policy_text, escaped_bytes, st.text(max_size=400))


def assert_offsets(document: Document) -> None:
    """Blocks lie in the text, in order, and every offset maps to a page and line."""
    text = document.text
    previous_end = 0
    for block in document.blocks:
        assert previous_end <= block.start <= block.end <= len(text)
        assert text[block.start : block.end].strip()
        previous_end = block.end
        assert document.location(block.start).line >= 1
    for offset in (0, len(text) // 2, len(text)):
        assert document.location(offset).line >= 1


def assert_evidence(report: DocumentReport, text: str) -> None:
    """Every evidence and anchor quotes the text at its offsets; hedges lie in the quote."""
    for check in report.checks:
        passages: list[Evidence] = list(check.evidence)
        if check.anchor is not None:
            passages.append(check.anchor)
        for evidence in passages:
            assert 0 <= evidence.start <= evidence.end <= len(text)
            assert text[evidence.start : evidence.end] == evidence.text
            for start, end in evidence.hedges:
                assert 0 <= start <= end <= len(evidence.text)


@SETTINGS
@given(text=any_text)
def test_text_reader_never_raises_and_blocks_lie_in_the_text(text: str) -> None:
    assert_offsets(parse_text(text))


@SETTINGS
@given(body=any_text, wrap=st.sampled_from(HTML_WRAPS))
def test_html_reader_never_raises_and_blocks_lie_in_the_text(body: str, wrap: str) -> None:
    data = wrap.replace("{}", body).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "page.html")
        path.write_bytes(data)
        try:
            document = read_document(path)
        except DocumentError as error:
            assert error.code in ("empty", "unsupported-format")
        else:
            assert document.format == "html"
            assert_offsets(document)


@SETTINGS
@given(text=any_text, doc_type=st.sampled_from([None, "nap", "bill", "protocol", "guideline"]))
def test_engine_never_raises_and_evidence_matches_its_offsets(
    text: str, doc_type: str | None
) -> None:
    linter = default_linter()
    document = parse_text(text)
    try:
        report = linter.check_document(document, doc_type=doc_type, assume_english=True)
    except DocumentError as error:
        assert error.code == "empty"
        assert not document.text.strip()
        return
    assert len(report.checks) == len(linter.ruleset.rules)
    assert_evidence(report, document.text)


@SETTINGS
@given(text=policy_text)
def test_check_text_agrees_with_parsing_then_checking(text: str) -> None:
    linter = default_linter()
    document = parse_text(text)
    if not document.text.strip():
        return
    report = linter.check_text(text)
    assert report.summary == linter.check_document(document).summary
    assert_evidence(report, document.text)


@MANY
@given(data=st.binary(max_size=2000), declared=st.one_of(st.none(), st.text(max_size=20)))
def test_decoding_never_raises_and_never_leaves_a_carriage_return(
    data: bytes, declared: str | None
) -> None:
    assert "\r" not in decode(data, declared)


@MANY
@given(head=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_xml_prolog_check_never_raises(head: bytes) -> None:
    assert xml_prolog_problem(head) is None or isinstance(xml_prolog_problem(head), str)


@MANY
@given(
    pattern=st.one_of(st.text(max_size=40), st.text(alphabet="()[]{}|*+?.\\^$a1,:-", max_size=40))
)
def test_regex_check_never_raises(pattern: str) -> None:
    problem = regex_problem(pattern)
    assert problem is None or isinstance(problem, str)
