"""The trained parser's tokenizer: the default pipeline's, writing into the parser's vocabulary.

Loading the parser package built an English tokenizer from its configuration and then
rebuilt it from the package's files: 0.2 s, over half of loading the parser, paid by every run
with the parser installed. The package's tokenizer settings (affix patterns, URL pattern and
the 1,347 special cases) are those of spaCy's blank English, which the default pipeline has
built already. So the parser borrows that one: its tokens go into a Doc of the parser's
vocabulary, and so do the norms special cases set ("n't" is "not"), which the parser's
features read. When loading, the package's settings are compared with the borrowed ones; if
they differ in anything, the package's own tokenizer is built from them instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from wpslint.nlp.pipeline import load_pipeline

#: The name of the tokenizer in the registry, for a parser's ``[nlp.tokenizer]`` setting.
REGISTERED_NAME = "wpslint.pipeline_tokenizer.v1"


class BorrowedTokenizer:
    """Tokenizes with another pipeline's tokenizer into this vocabulary (see the module)."""

    def __init__(self, source: Tokenizer, vocab: Vocab) -> None:
        self._source = source
        self._vocab = vocab
        #: The package's own tokenizer, built only when its settings differ from the source's.
        self._own: Tokenizer | None = None

    @property
    def borrowing(self) -> bool:
        """Whether tokens come from the source tokenizer (not the package's own)."""
        return self._own is None

    def __call__(self, text: str) -> Doc:
        if self._own is not None:
            return self._own(text)
        source = self._source(text)
        doc = Doc(
            self._vocab,
            words=[token.text for token in source],
            spaces=[bool(token.whitespace_) for token in source],
        )
        for token, original in zip(doc, source, strict=True):
            if original.norm != original.lex.norm:  # set by a special case
                token.norm_ = original.norm_
        return doc

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> BorrowedTokenizer:
        """Read a package's tokenizer settings: borrow if they are the source's, else build
        the package's own tokenizer from them. (``exclude`` is spaCy's calling convention:
        the settings are all there is to read.)"""
        theirs = srsly.msgpack_loads(Path(path).read_bytes())
        ours = srsly.msgpack_loads(self._source.to_bytes(exclude=["vocab"]))
        if theirs != ours:
            self._own = Tokenizer(self._vocab).from_disk(path, exclude=["vocab"])
        return self


@spacy.registry.tokenizers(REGISTERED_NAME)
def _create_borrowed_tokenizer() -> Callable[[Language], BorrowedTokenizer]:
    def create(nlp: Language) -> BorrowedTokenizer:
        return BorrowedTokenizer(load_pipeline().nlp.tokenizer, nlp.vocab)

    return create
