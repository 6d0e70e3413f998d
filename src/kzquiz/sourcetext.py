"""A deck's source text: finding quotes in it word for word, its sentences, and which of them a deck covers.

Quotes are compared after folding the differences that copying text introduces: runs of white space (line
breaks included) are one space, typographic quotes are straight quotes (‘’‚‛‹›′`´ʻʼ are ', “”„‟«»″ are "), every
dash or hyphen (‐‑‒–—―−) is "-" with no space around it ("done—finished" is "done - finished"), and characters
that show nothing (soft hyphens, zero-width spaces and joiners, word joiners, byte order marks) are left out;
ligatures are their letters ("ﬁ" is "fi") and full-width forms their ASCII characters ("Ａ" is "A").
Nothing else is forgiven: case, spelling and punctuation must be as in the source. An ellipsis (``…`` or ``...``)
in a quote stands for text left out: the parts around it must appear in that order.
A quote (and each part around an ellipsis) matches whole words: where it starts or ends with a letter or digit, the
source must not go on with another one there ("he said" is not found in "She said"), and a quote without a single
letter or digit is found nowhere.

Pure: a :class:`SourceText` is built from a string; positions are 1-based lines and columns of that string.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cached_property, lru_cache

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from kzquiz.makers import maker

__all__ = ["INVISIBLE", "Passage", "SourceText", "fold_quote", "has_words", "most_like"]

_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛‹›′`´ʻʼ", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)},  # full-width forms ("Ａ" is "A"), as NFKC has them
    }
)
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
"""Ligatures a PDF's text keeps as one character ("ﬁnal"), as NFKC writes them out."""
_LIGATURE_CHARACTERS = re.compile("[\ufb00-\ufb06]")
_IRREGULAR_SPACE = re.compile(r"\s(?:\s+|(?<=[^\S ]))")
"""Two or more white space characters, or one that is not a plain space. Written to start with one white space
character, which lets the search skip from one to the next instead of trying the pattern at every character (two
and a half times as fast over a long text)."""
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Characters that show nothing where they stand in running text (a soft hyphen shows only where a line breaks):
a source copied from a web page or a word processor has them inside words, a quote typed by hand does not."""
_INVISIBLE_CHARACTERS = re.compile(f"[{INVISIBLE}]")
_FOLD_QUOTE = {**_FOLD, **dict.fromkeys(map(ord, INVISIBLE)), **{ord(k): v for k, v in _LIGATURES.items()}}
""":data:`_FOLD`, leaving the invisible characters out and writing ligatures out (in a quote, where no position is
kept)."""
_DASH_SPACED = re.compile(r"-(?:\s|(?<=\s-))")
"""A dash with white space after or before it. Written to start with the dash, which lets the search skip from dash
to dash instead of trying the pattern at every character."""
_IRREGULAR_OR_DASH = re.compile(r"\s(?:\s*-\s*|\s+|(?<=[^\S ]))|-\s+")
"""As :data:`_IRREGULAR_SPACE`, and also a dash with white space before or after it (" - " is "-", so that
"Done—finished" is "Done - finished"), for a text that has one."""


@lru_cache(maxsize=8)
def _irregular(invisible: bool, ligatures: bool, dashes: bool) -> re.Pattern[str]:
    """What folding a text replaces: :data:`_IRREGULAR_SPACE` (or :data:`_IRREGULAR_OR_DASH` for a text with a
    spaced dash), and, for a text that has them, runs of invisible characters (with any white space around them)
    and ligatures. The wider patterns are slower to search, so each is used only for a text that needs it."""
    found = [f"[\\s{INVISIBLE}]*[{INVISIBLE}][\\s{INVISIBLE}]*"] if invisible else []
    found += [_LIGATURE_CHARACTERS.pattern] if ligatures else []
    return re.compile("|".join([*found, (_IRREGULAR_OR_DASH if dashes else _IRREGULAR_SPACE).pattern]))


_QUOTE_DASH = re.compile(r" ?- ?")
_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
_CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x557)) if c.isupper())
"""The capital letters an initial is written with: Latin (accented too: "É. Zola", "Ł. Wałęsa"), Greek, Cyrillic
and Armenian."""
_NO_END = (
    rf"(?<!\b[{_CAPITALS}]\.)(?<!\b(?:Mr|Ms|Dr|St|Mt|Lt)\.)(?<!\b(?:Mrs|Gen|Col|Sgt|Rev|e\.g|i\.e)\.)(?<!\bProf\.)"
)
"""A full stop after an initial ("K. Tokayev"), a title ("Dr. Jones", "Mrs.", "Prof."), "e.g." or "i.e." ends no
sentence. One look-behind per length of what it looks for, as Python's look-behinds each have one length."""
_STARTERS = (
    "It|Its|The|This|That|These|Those|There|Then|He|She|They|We|You|In|On|At|An|But|And|So|His|Her|Their|Our"
    "|After|Before|When|While|As|If|For|By|From|With|Since|Although|However|What|Who|Why|How|Some|Many|Most|All|No"
)
_INITIAL_END = re.compile(rf"\.(?<=\b[{_CAPITALS}]\.)([\"'’”“‘»›)\]]*)\s+(?=(?:{_STARTERS})\b)")
"""A full stop after one capital letter that ends a sentence after all: the next word is one that starts sentences,
not a name ("rich in vitamin C. It is cheap.", "Elizabeth I. She reigned.", "the U.S. The economy grew."), while
"K. Tokayev spoke." stays one sentence. "A" and "I" are left out: they are initials too ("H. A. Rey"). Written to
start with the full stop, which the search skips to."""
_SENTENCE_END = re.compile(
    rf"[.!?…]{_NO_END}([\"'’”“‘»›)\]]*)\s+(?=[\"'‘“„«‹(\[¡¿]?(?:[A-Z0-9À-ÖØ-Þ]|([^\W\x00-\xff])))"
)
"""A sentence ends with . ! ? or … (and any closing quotes or brackets, group 1), before white space and a capital,
digit, quote, bracket or Spanish opening mark ("¿Dónde? ¡Aquí!"). Starting with the stop itself (not a
look-behind for it) lets the search skip to the stops.
A letter beyond Latin-1 (group 2: Cyrillic, Greek, Latin Extended, Arabic) starts a sentence unless it is lower case
(a script without capitals has no other sign): "Москва", "Ελλάδα", "Łódź" do, "ёлка" does not."""
_BEFORE_NUMBER = re.compile(
    r"\.(?:(?<=\b[pc]\.)|(?<=\b(?:No|pp|Ch|ch|ca|Nr|nr)\.)|(?<=\b(?:Nos|Vol|vol|Fig|fig|Art|art|Sec|sec|Tab|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)|(?<=\b(?:Vols|Figs|Sept)\.)|(?<=\bapprox\.))"
)
"""A full stop of an abbreviation that a number follows, which ends no sentence before that number: "No. 5",
"p. 12", "pp. 3-5", "Vol. 2", "Fig. 3", "Art. 5", "Jan. 6", "c. 1900", "approx. 5 km"."""
_SCRIPT_END = re.compile(r"[。！？｡।॥؟۔։።]([\"'’”」』）)\]]*)\s*(?=\S)")
"""A sentence end of a script whose stops are never abbreviations and need no space after them: Chinese and
Japanese (。！？), Devanagari (। ॥), Arabic and Urdu (؟ ۔), Armenian (։) and Ethiopic (።)."""
_LIST_MARK = re.compile(r"(?:[0-9]{1,3}|[a-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})[.)]")
"""A list's number or letter ("1.", "b)", "iv."), which the item after it goes with: no sentence of its own."""
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*")
"""A paragraph: from a character that is not white space, line after line until a blank line (read a run of
characters at a time, not a character at a time: twenty times faster on a long text)."""
_LINE = re.compile(r"\S.*")
RARE_PAIR = 4
"""A word pair found at most this often is rare enough to look for a quote by."""
COMMON_PAIR = 100
"""A word pair found more often than this in the source does not help to find the sentence a quote is like."""
CANDIDATES = 20
"""How many sentences sharing most word pairs with a missing quote are compared with it."""
CLOSEST_CUTOFF = 60
"""How similar (0-100, rapidfuzz's partial ratio) a sentence must be to a missing quote to be named closest."""


def has_words(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit: a quote or a skip passage without one can match nothing."""
    return any(character.isalnum() for character in text)


def _in_word(character: str) -> bool:
    """Whether ``character`` is part of a word: a letter, a digit or a combining mark (an accent written apart)."""
    return character.isalnum() or unicodedata.category(character)[0] == "M"


def fold_quote(text: str) -> str:
    """``text`` as quotes are compared: NFC, typographic quotes and dashes straightened, invisible characters left
    out, white space single."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_FOLD_QUOTE)
    elif "`" in text:
        text = text.translate(_FOLD)
    if not _single_spaced(text):  # most quotes and every sentence are: the source's thousands cost nothing here
        text = " ".join(text.split())  # str.split and the regular expression \s agree on what white space is
    return _QUOTE_DASH.sub("-", text) if "- " in text or " -" in text else text


def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of ``text`` but the last ends (after its stop and any closing quotes or brackets)."""
    # A letter beyond Latin-1 (group 2) starts a sentence unless it is lower case: "Москва" does, "ёлка" not.
    ends = [
        m.end(1)
        for m in _SENTENCE_END.finditer(text)
        if (m[2] is None or not m[2].islower())
        and not (text[m.end()].isdigit() and _BEFORE_NUMBER.match(text, m.start()))  # "No. 5"
    ]
    if "." in text and _INITIAL_END.search(text):
        ends = sorted({*ends, *(m.end(1) for m in _INITIAL_END.finditer(text))})
    if not text.isascii() and _SCRIPT_END.search(text):
        ends = sorted({*ends, *(m.end(1) for m in _SCRIPT_END.finditer(text))})
    return ends


def _single_spaced(text: str) -> bool:
    """Whether the white space of ``text`` is single already: plain spaces (every other white space character is
    unprintable), one at a time, none at either end."""
    return text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" ")


@attrs.frozen
class Passage:
    """A stretch of the source: its text (white space made single) and where it starts and ends."""

    text: str
    line: int
    column: int
    start: int
    end: int


_make_passage = maker(Passage)
"""Builds a :class:`Passage` as its constructor does, faster (see :mod:`kzquiz.makers`): a source of 1 MB has
thousands of sentences."""


class SourceText:
    """A source text, folded once, with an index of its word pairs so that 10,000 quotes are found quickly."""

    def __init__(self, text: str) -> None:
        """Fold ``text`` (see the module docstring) and remember where each folded character came from."""
        self.text = unicodedata.normalize("NFC", text)
        translated = self.text.translate(_FOLD)
        # The folded text is made of segments that match the text character for character; a new one starts after
        # each run of white space that is not one plain space, and after each run of invisible characters (left
        # out, or one space when white space is in the run), so a text of single spaces is one long segment.
        plain = translated.isascii()  # known without a scan: an ASCII text has no invisible character or ligature
        invisible = not plain and _INVISIBLE_CHARACTERS.search(translated) is not None
        irregular = _irregular(
            invisible,
            not plain and _LIGATURE_CHARACTERS.search(translated) is not None,
            _DASH_SPACED.search(translated) is not None,
        )
        begin, end = 0, len(translated)
        while begin < end and (translated[begin].isspace() or translated[begin] in INVISIBLE):
            begin += 1
        while end > begin and (translated[end - 1].isspace() or translated[end - 1] in INVISIBLE):
            end -= 1
        pieces: list[str] = []
        starts = [0]  # folded offset where each segment starts
        origins = [begin]  # original offset of that segment's first character
        folded_at, position = 0, begin
        for space in irregular.finditer(translated, begin, end):
            at, after = space.span()
            run = space.group()
            pieces.append(translated[position:at])
            folded_at += at - position
            if run in _LIGATURES:  # each letter written out is a segment of its own, at the ligature
                for letter in _LIGATURES[run]:
                    starts.append(folded_at)
                    origins.append(at)
                    pieces.append(letter)
                    folded_at += 1
            elif "-" in run:  # the dash is a segment of its own, so that a quote ending with it ends there
                starts.append(folded_at)
                origins.append(at + run.index("-"))
                pieces.append("-")
                folded_at += 1
            elif not invisible or any(c.isspace() for c in run):  # else a run of invisible characters alone
                pieces.append(" ")
                folded_at += 1
            position = after
            starts.append(folded_at)
            origins.append(position)
        pieces.append(translated[position:end])
        self._starts, self._origins = starts, origins
        self.folded = "".join(pieces)
        self._lines = [0, *(m.end() for m in re.finditer("\n", self.text))]
        self._closest: dict[str, Passage | None] = {}
        self._sentences_of_pair: dict[tuple[str, str], list[int]] = {}

    def original(self, folded: int) -> int:
        """The offset in the text of the character at ``folded`` in the folded text."""
        i = bisect.bisect_right(self._starts, folded) - 1
        return self._origins[i] + (folded - self._starts[i]) if i >= 0 else 0

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset`` in the text."""
        line = bisect.bisect_right(self._lines, offset)
        return line, offset - self._lines[line - 1] + 1

    @cached_property
    def _pairs(self) -> dict[tuple[str, str], list[int]]:
        pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
        tokens = self.folded.split(" ")  # the folded text has single spaces, none leading or trailing
        start = 0
        for pair in itertools.pairwise(tokens):
            pairs[pair].append(start)
            start += len(pair[0]) + 1
        return pairs

    def _find(self, quote: str, after: int = 0) -> int:
        """Where ``quote`` (folded) first stands in the folded text at or after ``after``, or -1.

        A quote of four or more words has at least two whole words inside it (its first and last may be parts of
        longer words), so it can only stand where the rarest such pair of the source does: a few look-ups, not a
        scan of the whole text, even for a quote that is not there.
        """
        tokens = quote.split(" ")
        if len(tokens) < 4:
            start = self.folded.find(quote, after)
            while start >= 0 and not self._whole(quote, start):
                start = self.folded.find(quote, start + 1)
            return start
        offset, best = 0, None
        position = len(tokens[0]) + 1
        for first, second in itertools.pairwise(tokens[1:-1]):
            found = self._pairs.get((first, second), ())
            if best is None or len(found) < len(best):
                offset, best = position, found
                if len(found) <= RARE_PAIR:
                    break
            position += len(first) + 1
        for start in best or ():
            at = start - offset
            if at >= after and self.folded.startswith(quote, at) and self._whole(quote, at):
                return at
        return -1

    def _whole(self, quote: str, start: int) -> bool:
        """Whether ``quote``, standing at ``start`` in the folded text, starts and ends where words do."""
        text, end = self.folded, start + len(quote)
        if start > 0 and _in_word(quote[0]) and _in_word(text[start - 1]):
            return False
        return not (end < len(text) and _in_word(quote[-1]) and _in_word(text[end]))

    def find(self, quote: str) -> list[tuple[int, int]] | None:
        """Where ``quote`` stands in the text (one span, or one per part around an ellipsis), or None.

        None too for a quote without a letter or a digit, which would match any punctuation.
        """
        folded = fold_quote(quote)
        if not has_words(folded):
            return None
        start = self._find(folded)
        if start >= 0:
            return [(self.original(start), self.original(start + len(folded) - 1) + 1)]
        parts = [part for part in _GAP.split(folded) if part]
        if parts == [folded]:
            return None  # no ellipsis: the quote was searched for whole
        spans: list[tuple[int, int]] = []
        after = 0
        for part in parts:
            start = self._find(part, after)
            if start < 0:
                return None
            spans.append((self.original(start), self.original(start + len(part) - 1) + 1))
            after = start + len(part)
        return spans

    def find_every(self, quote: str) -> list[list[tuple[int, int]]]:
        """Every place ``quote`` stands in the text, each as :meth:`find` gives one, each searched for after the end
        of the one before (a heading repeated on every page is found on every page); empty when it stands nowhere.

        A quote found whole is only looked for whole; one with an ellipsis runs from a place of its first part to
        the nearest places of the next parts after it.
        """
        folded = fold_quote(quote)
        if not has_words(folded):
            return []
        for parts in ([folded], [part for part in _GAP.split(folded) if part]):
            every: list[list[tuple[int, int]]] = []
            after = 0
            while True:
                spans: list[tuple[int, int]] = []
                for part in parts:
                    start = self._find(part, after)
                    if start < 0:
                        break
                    spans.append((self.original(start), self.original(start + len(part) - 1) + 1))
                    after = start + len(part)
                if len(spans) < len(parts):
                    break
                every.append(spans)
            if every:
                return every
        return []

    @cached_property
    def sentences(self) -> tuple[Passage, ...]:
        """The text's sentences, paragraph by paragraph.

        Paragraphs are separated by blank lines; in a text without blank lines, every line is a paragraph. A piece
        without a letter or a digit ("* * *", "---") is no sentence, as no quote could cover it, and a list's number
        ("1.") goes with the item after it.
        """
        found: list[Passage] = []
        blank_lines = re.search(r"\n[ \t]*\n", self.text) is not None
        for paragraph in (_PARAGRAPH if blank_lines else _LINE).finditer(self.text):
            text, offset = paragraph.group(), paragraph.start()  # a match's group() is a new copy at each call
            start = 0
            for end in [*_sentence_ends(text), len(text)]:
                piece = text[start:end]
                stripped = piece.strip()
                if end < len(text) and len(stripped) <= 7 and _LIST_MARK.fullmatch(stripped):
                    continue  # "1." before "First item." starts that sentence
                if stripped and (stripped[0].isalnum() or has_words(stripped)):  # "* * *" or "—" is no sentence
                    at = offset + start + (len(piece) - len(piece.lstrip()))
                    line, column = self.position(at)
                    found.append(_make_passage(" ".join(stripped.split()), line, column, at, at + len(stripped)))
                start = end
                while start < len(text) and text[start].isspace():
                    start += 1
        return tuple(found)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def overlapping(self, spans: list[tuple[int, int]]) -> set[int]:
        """The indexes of the sentences that any of ``spans`` overlaps."""
        starts = self._sentence_starts
        hit: set[int] = set()
        for begin, end in spans:
            i = max(0, bisect.bisect_right(starts, begin) - 1)
            while i < len(self.sentences) and self.sentences[i].start < end:
                if self.sentences[i].end > begin:
                    hit.add(i)
                i += 1
        return hit

    @cached_property
    def _folded_sentence_starts(self) -> list[int]:
        """Where each sentence starts in the folded text (the inverse of :meth:`original`)."""
        out = []
        for sentence in self.sentences:
            i = max(0, bisect.bisect_right(self._origins, sentence.start) - 1)
            out.append(self._starts[i] + max(0, sentence.start - self._origins[i]) if self._starts else 0)
        return out

    def _pair_sentences(self, pair: tuple[str, str]) -> list[int]:
        """The sentence of each place where the word ``pair`` stands, or none for a pair too common to tell which
        sentence a quote is like ("of the"); kept, as the quotes not found share most of their word pairs."""
        found = self._sentences_of_pair.get(pair)
        if found is None:
            positions = self._pairs.get(pair, ())
            starts = self._folded_sentence_starts
            common = len(positions) > COMMON_PAIR
            found = [] if common else [max(0, bisect.bisect_right(starts, p) - 1) for p in positions]
            self._sentences_of_pair[pair] = found
        return found

    @cached_property
    def _folded_sentences(self) -> list[str]:
        return [fold_quote(s.text) for s in self.sentences]

    def closest(self, quote: str) -> Passage | None:
        """The sentence most like ``quote`` (for a quote not found), or None when none is close; for a quote that
        runs across sentences ("burned down. It was"), a candidate with the sentence after it may be closer.

        The candidates are the sentences that share most word pairs with the quote (found in the index), so a
        missing quote costs a few look-ups and comparisons, not one comparison per sentence of the source.
        """
        folded = fold_quote(quote)
        if folded in self._closest:
            return self._closest[folded]
        votes: Counter[int] = Counter()
        for pair in itertools.pairwise(folded.split(" ")):
            votes.update(self._pair_sentences(pair))
        candidates = [i for i, _ in votes.most_common(CANDIDATES)] or range(min(len(self.sentences), CANDIDATES))
        texts = [self._folded_sentences[i] for i in candidates]
        spans = [(i, i) for i in candidates]
        if _sentence_ends(folded):  # after the single sentences, which win a tie: each with its neighbours
            around = {(j, j + 1) for i in candidates for j in (i - 1, i) if 0 <= j < len(self.sentences) - 1}
            spans += sorted(around)
            texts += [f"{self._folded_sentences[i]} {self._folded_sentences[j]}" for i, j in spans[len(texts) :]]
        best = most_like(folded, texts)
        found = self._closest[folded] = self._passage(*spans[best]) if best is not None else None
        return found

    def _passage(self, first: int, last: int) -> Passage:
        """Sentence ``first``, or sentences ``first`` to ``last`` as one passage."""
        if first == last:
            return self.sentences[first]
        start, end = self.sentences[first], self.sentences[last]
        return _make_passage(f"{start.text} {end.text}", start.line, start.column, start.start, end.end)


def most_like(quote: str, candidates: list[str]) -> int | None:
    """The index of the candidate with the highest partial ratio to ``quote`` (the first of equals), if it reaches
    :data:`CLOSEST_CUTOFF`: what ``rapidfuzz.process.extractOne`` with ``fuzz.partial_ratio`` gives, for less.

    A partial ratio compares the shorter text (``n`` characters), whole, with parts of the longer one, as
    ``200 * common / (n + part)``, where ``common``, the longest subsequence the two have in common, is at most
    the part's length and at most the longest common subsequence of the two whole texts, ``whole``. So no
    candidate scores above ``200 * whole / (n + whole)``: a bound that costs a fifth of scoring a sentence that
    does not match (a tenth of one that does). Candidates are scored in order of their bound, and once the best
    score so far is above the next bound, no other is scored at all.
    """
    bounded = []
    for order, text in enumerate(candidates):
        whole = LCSseq.similarity(quote, text)
        bounded.append((200 * whole / (min(len(quote), len(text)) + whole) if whole else 0.0, order))
    bounded.sort(key=lambda b: (-b[0], b[1]))
    best, best_score = None, float(CLOSEST_CUTOFF)
    for bound, order in bounded:
        if bound < best_score - _ROUNDING:
            break  # neither this one nor any after it (smaller bounds) can reach the best score
        if best is None:
            score = fuzz.partial_ratio(quote, candidates[order], score_cutoff=best_score)
            wins = score >= best_score  # as extractOne: a score of the cutoff counts, one below comes back as 0
        elif order > best:  # scored after the best by extractOne too: it must be higher
            score = fuzz.partial_ratio(quote, candidates[order], score_cutoff=best_score)
            wins = score > best_score
        else:  # scored before the best by extractOne: an equal score wins, so it must come back, not 0
            score = fuzz.partial_ratio(quote, candidates[order], score_cutoff=best_score - _ROUNDING)
            wins = score >= best_score
        if wins:
            best, best_score = order, score
    return best


_ROUNDING = 1e-9
"""More than rounding can move a score (near 100, by about 1e-14), less than two different scores can differ (they
are ``200 * a / b`` with ``b`` at most twice the shorter text's length, so at least ``200 / b**2`` apart, more than
this for texts under 200,000 characters): a candidate is passed over only when its bound is below the best score
by more, and one that may tie with the best is scored with a cutoff this much lower, so that its score comes back
instead of 0."""
