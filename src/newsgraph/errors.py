"""One exception tree for newsgraph, each message carrying a stable ``[NGxxx]`` code.

NewsgraphError
├── InputError            bad input: becomes a recorded Skip, the batch goes on
│   ├── EmptyInput        NG001
│   ├── UndecodableInput  NG002
│   ├── NotAnArticle      NG003  (binary, no text found, malformed)
│   ├── TooLarge          NG004
│   ├── MalformedInput    NG005  (broken JSON/XML line or record)
│   ├── UnsupportedInput  NG006  (unknown file kind)
│   ├── NotEnglish        NG007  (the English pipeline would only find noise)
│   └── NearDuplicate     NG008  (a copy of an article already stored)
├── ConfigError           NG100  bad config or data file
├── ModelError            NG110  spaCy model missing or unloadable
├── StorageError          NG200  database unreachable, locked or read-only
└── QueryError            NG300  a question that cannot be parsed
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""

    code = "NG000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.reason = message


class InputError(NewsgraphError):
    """Input that cannot become an article. Batch runners record it as a Skip and go on."""

    code = "NG000"


class EmptyInput(InputError):
    code = "NG001"


class UndecodableInput(InputError):
    code = "NG002"


class NotAnArticle(InputError):
    code = "NG003"


class TooLarge(InputError):
    code = "NG004"


class MalformedInput(InputError):
    code = "NG005"


class UnsupportedInput(InputError):
    code = "NG006"


class NotEnglish(InputError):
    code = "NG007"


class NearDuplicate(InputError):
    """A syndicated copy: counted as one source with the article it copies."""

    code = "NG008"


class ConfigError(NewsgraphError):
    code = "NG100"


class ModelError(NewsgraphError):
    code = "NG110"


class StorageError(NewsgraphError):
    code = "NG200"


class QueryError(NewsgraphError):
    code = "NG300"
