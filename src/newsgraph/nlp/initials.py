"""Split a one-letter stage name from the full stop that ends its sentence, before anything else.

spaCy's tokenizer keeps "V." together as if it were an initial, so "the video stars BTS member
V." would have no token "V" to match the name. A real initial is followed by another part of the
name ("Michael B. Jordan") and preceded by one; a stage name at the end of a sentence is not.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

_LETTER_DOT = re.compile(r"[A-Z]\.")


def _continues_name(token: Token) -> bool:
    """The next token is more of a name ("K." in "J. K. Simmons", "Jordan"), not the start of
    a new sentence ("Then", "The")."""
    from newsgraph.nlp.catalogue import common_words

    if _LETTER_DOT.fullmatch(token.text):
        return True
    return token.is_title and token.lower_ not in common_words()


class InitialSplitter:
    """Splits "V." into "V" and "." where it ends a sentence rather than abbreviating a name."""

    def __call__(self, doc: Doc) -> Doc:
        targets = []
        for token in doc:
            if not _LETTER_DOT.fullmatch(token.text):
                continue
            prev = doc[token.i - 1] if token.i > 0 else None
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            inside_name = prev is not None and prev.is_title and prev.is_alpha
            if inside_name or (nxt is not None and _continues_name(nxt)):
                continue
            targets.append(token)
        if targets:
            with doc.retokenize() as retokenizer:
                for token in targets:
                    retokenizer.split(token, [token.text[0], "."], heads=[(token, 0), (token, 0)])
        return doc


@Language.factory("newsgraph_initials_v1", assigns=["token.text"])
def make_initials(nlp: Language, name: str) -> InitialSplitter:
    return InitialSplitter()
