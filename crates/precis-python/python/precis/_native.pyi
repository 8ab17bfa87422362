"""Type stubs of the native module ``precis._native`` (built from ``src/``)."""

from typing import Any, Optional, final

__all__ = [
    "BinaryDocumentError",
    "ConfigError",
    "DateError",
    "EmptyClusterError",
    "HtmlError",
    "MAX_CLUSTER_BYTES",
    "MAX_DOCUMENT_BYTES",
    "NoSentencesError",
    "PrecisError",
    "RougeScorer",
    "Sentence",
    "Summarizer",
    "Summary",
    "__version__",
    "_sentence_from_state",
    "_summary_from_state",
    "rouge155",
]

__version__: str

# The core's size limits (precis::record), the defaults of the CLI's
# --max-document-mb and --max-line-mb: a document with more bytes of UTF-8
# text than MAX_DOCUMENT_BYTES (4 MiB), or a cluster (one JSONL line, or
# all its documents' texts, earlier ones included) with more than
# MAX_CLUSTER_BYTES (16 MiB), is refused with a PrecisError (an error record
# in summarize_lines) naming it.
MAX_DOCUMENT_BYTES: int
MAX_CLUSTER_BYTES: int

class PrecisError(ValueError):
    """A cluster could not be summarized, or a configuration is invalid."""

    cluster: Optional[str]
    document: Optional[str]
    index: Optional[int]
    results: list[Any]

class EmptyClusterError(PrecisError):
    """The cluster has no document with any text in it."""

class NoSentencesError(PrecisError):
    """After cleaning, not one sentence of the cluster was left to summarize."""

class BinaryDocumentError(PrecisError):
    """A document looks like binary data (NUL or control bytes) rather than text."""

class HtmlError(PrecisError):
    """No article text was found in an HTML document."""

class DateError(PrecisError):
    """A document's date is not an ISO 8601 date or date-time."""

class ConfigError(PrecisError):
    """A configuration value (budget, method, ROUGE option) is invalid."""

@final
class Sentence:
    """One sentence of a summary, with where it came from."""

    @property
    def text(self) -> str: ...
    @property
    def document(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_span(self) -> tuple[int, int]: ...
    @property
    def score(self) -> float: ...
    @property
    def sources(self) -> tuple[str, ...]: ...
    @property
    def cut(self) -> bool: ...
    @property
    def explain(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __getattr__(self, name: str) -> Any: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str, int, int]]: ...

@final
class Summary:
    """A cluster's summary: sentences in reading order, with the budget and warnings."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def budget(self) -> dict[str, Any]: ...
    @property
    def sentences(self) -> tuple[Sentence, ...]: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...
    @property
    def off_event(self) -> list[dict[str, Any]]: ...
    @property
    def text(self) -> str: ...
    @property
    def word_count(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def to_jsonl(self) -> str: ...
    def __getattr__(self, name: str) -> Any: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str, list[tuple[int, int]]]]: ...

_Document = tuple[str, str, Optional[str]]

@final
class Summarizer:
    """The native half of ``precis.Summarizer``."""

    def __new__(
        cls, method: str, unit: str, limit: int, fill: bool, explain: bool
    ) -> Summarizer: ...
    def summarize(
        self,
        id: str,
        documents: list[_Document],
        query: Optional[str] = None,
        earlier: list[_Document] = ...,
    ) -> Summary: ...
    def summarize_many(
        self,
        clusters: list[tuple[str, list[_Document], Optional[str], list[_Document]]],
        threads: int,
    ) -> list[Any]: ...
    def summarize_lines(
        self, lines: list[tuple[int, str]], threads: int
    ) -> list[Optional[str]]: ...

@final
class RougeScorer:
    """The native half of ``precis.rouge.RougeScorer``."""

    def __new__(cls, rouge_types: list[str], use_stemmer: bool) -> RougeScorer: ...
    def score(self, target: str, prediction: str) -> list[tuple[float, float, float]]: ...
    def score_multi(
        self, targets: list[str], prediction: str
    ) -> list[tuple[float, float, float]]: ...
    def score_many(
        self, targets: list[list[str]], predictions: list[str], threads: int
    ) -> list[list[tuple[float, float, float]]]: ...

def rouge155(
    predictions: list[str], references: list[list[str]], flags: str, threads: int
) -> tuple[
    list[tuple[str, tuple[float, float, float, float, float, float, float, float, float]]],
    list[list[tuple[str, tuple[float, float, float, float, float, float]]]],
]: ...
def _summary_from_state(json: str, spans: list[tuple[int, int]]) -> Summary: ...
def _sentence_from_state(json: str, start: int, end: int) -> Sentence: ...
