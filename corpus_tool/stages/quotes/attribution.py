"""Cues (speech verbs, "according to") and the speaker mention each one attributes to.

Text is read in windows bounded by sentence edges and quotation marks, so nothing quoted is taken
for a speaker. A speaker is found left of its cue ("X said", "X, a role, said", "X has also said"),
right of it when inverted ("said X", "said X, a role", "according to X"), or at the start of its
clause for a cue that continues one ("…, adding that", "… and said"). Without a listed cue, a
quotation may still be attributed by a dash signature ("― Jane Doe"), a verb-like word next to a
name ("…,” X barked") or a colon after its clause ("X: “…").
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from .lexicon import alternation, keyed, lemma_forms, pronouns, words

Span = tuple[int, int]


CUE_FORMS = keyed("cue_verbs")
ACCORDING = ("according to", "According to")
CUE_WORDS = rf"{alternation(CUE_FORMS)}|{alternation(ACCORDING)}"
CUE = re.compile(rf"(?<![\w-])(?:{CUE_WORDS})\b")  # not the "called" of "so-called"
CUES = frozenset(CUE_FORMS) | frozenset(ACCORDING)  # the strings CUE matches
SP = r"[^\S\n]+"  # spaces within a line: a name never runs over a line break
WORD = r"(?:[a-z]{1,3}-)?(?:[A-Z][a-z]{0,2}\.(?=[^\S\n][A-Z])|[A-Z][\w’'\-]*)"  # "Sen." / "J." but not "York."
PARTICLE = rf"(?:{alternation(words('name_particles'))})"
LINKS = rf"{PARTICLE}|of|for|and|&"  # the words joining a name's words ("Ursula von der Leyen", "Bank of America")
LINK = rf"(?:{LINKS})(?:{SP}the)?"
# "Commission on Presidential Debates", "Committee for a Responsible Federal Budget": an organisation word
# links the words after it with "on", "to" or "for a", which would join a person's name to a day ("Clinton on Monday")
ORGANISATION_LINKS = "on|to|for|a|an"
ORGANISATION_LINK = (rf"(?:{'|'.join(f'(?<={w})' for w in sorted(words('organisation_words')) if w[:1].isupper())})"
                     rf"{SP}(?:on|to|for){SP}(?:(?:a|an){SP})?")
NAME_BODY = rf"{WORD}(?:(?:{SP}(?:{LINK}{SP})?|{ORGANISATION_LINK}){WORD})*"
NAME_START = re.compile(rf"(?:[Tt]he{SP})?{NAME_BODY}")
JOINED_NAME = re.compile(rf"((?:{SP}[a-z][\w\-]*){{1,2}}){SP}(?!(?:{alternation(words('time_words'))})\b){NAME_BODY}")
# "CBS moderator Nancy Cordes", not "X spoke out Tuesday"
PREMODIFIERS = re.compile(rf"(?:[a-z0-9][\w’'/\-]*{SP}){{1,4}}(?={WORD})")  # "9/11 widow Terry Strada"
NAME_END = re.compile(rf"(?:\b[Tt]he{SP})?(?<![\w’'\-]){NAME_BODY}\s*$")
# every word NAME_END's match may hold
NAME_WORD = re.compile(rf"(?:[a-z]{{1,3}}-)?[A-Z][\w’'.\-]*|{LINKS}|{ORGANISATION_LINKS}|[Tt]he")
LONG_SPAN = 200  # characters: a longer span is searched for NAME_END from its last word no name holds
PRONOUN = re.compile(rf"\b(?i:{alternation(pronouns())})\b")
PRONOUN_CHARS = max(map(len, pronouns()))
TOKEN = re.compile(r"\S+")
CONTRACTION = re.compile(r"[’'](?:d|ll|ve|re)$")
WITH_CLAUSE = re.compile(r"\bwith\s+(?=[^,;:]{1,60}$)")
COMMA_PART = re.compile(r"[^,]*\w[^,]*")
# "Polls agree - Ann Lee: “…”"
DASHED_NAME = re.compile(rf"\s[-―—–]\s*(?:[Mm]ore\s+from\s+)?({NAME_BODY})$")
DASHED_CHARS = 60  # how far back from the colon the dash may be
SIGNATURE = re.compile(r"\s*([―—–]|--?)\s*(?=[A-Z])")
VERB_LIKE = re.compile(r"[a-z]{3,}(?:ed|s)")
CLAUSE_STOP = re.compile(r"[,;:!?—–(]|\.(?:\s|$)")
PERIODS = words("time_periods")
TIME_ENDS = words("time_words") | PERIODS | {"past"}
TRAILING_TIME = re.compile(rf"(?:\s+(?:on|last|this|early|late|in))?\s+(?:{alternation(words('time_words'))})$"
                           rf"|\s+(?:this|last|that|next)\s+(?:{alternation(PERIODS)})$|\s+in\s+(?:1[89]|20)\d\d$"
                           r"|\s+in\s+the\s+past$")
TIME_CHARS = 30  # how far back a trailing time phrase may start
TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
DETERMINERS = words("determiners")
STOPWORDS = words("stopwords")
AUXILIARIES = words("auxiliaries")
QUOTE_LIKE = "'’\"”"  # marks closing a quotation this module does not pair, as in texts quoting with ''…''
NOT_INVERTED = lemma_forms("cue_verbs", "tell")  # "X told Y: …", never "told X"
DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,},[^—–\n]{0,40}?(?:[—–]|\s-)\s*")  # "FLINT, Mich., Oct. 4 (UPI) — "
ASIDE_CHARS = 120
CLAUSE_MARKS = (": ", "; ")  # a mention starts after a label or another clause (or an open bracket)
HOMETOWN_LINKS = frozenset({"of", "from"})
PLACE_WORDS = 3  # how many capitalised words a state or country after a hometown may have
MAX_ASIDES = 3
ROLE_WORDS = 15
BE = lemma_forms("auxiliary_verbs", "be")
# before an -ing cue that opens a clause of its own ("X was saying"), not one that continues a clause
PROGRESSIVE = BE - {"being"} | {"he's", "she's", "they're", "also"}
NAMED_TITLE = re.compile(r",?\s+(?:(?:a|an|the)\s+)?[“\"]")
CONJUNCTIONS = words("conjunctions")
ADVERBIAL_ENDS = words("adverbial_ends")
PREPOSITIONS = words("object_prepositions")
RELATIVES = frozenset({"which"})  # "who" opens an aside about the speaker, left out anyway
PARTICIPLES = frozenset(f for f, lemma in CUE_FORMS.items() if f != lemma and not f.endswith(("ing", "s")))
# "was asked", "as described"
PASSIVE_AUXILIARIES = BE - {"am"} | {"as"}
# their last letters, and that of an "-ly" adverb between ("was reportedly asked"): a cheap test first
AUXILIARY_ENDS = frozenset(word[-1] for word in PASSIVE_AUXILIARIES) | {"y"}
AGENT = re.compile(r"\s+by\s+")
OPENING_PREPOSITIONS = PREPOSITIONS | words("prepositions")  # "Amid the uproar, X said"
# "Did you say …": an auxiliary (not a form of "be" that opens no question) opening the sentence
QUESTION_OPENERS = [form.capitalize() for form in keyed("auxiliary_verbs").keys() - {"be", "am", "been", "being"}]
QUESTION_START = re.compile(rf"(?:{alternation(QUESTION_OPENERS)})[^\S\n]+")
# an owner before a noun: "his", "Ann Lee's"
OWNER = r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)|(?:[A-Z][\w.\-]*[^\S\n]+)*[A-Z][\w.\-]*(?:’s|'s|’|')"
MODIFIER = rf"(?!(?:{alternation(words('stopwords'))})\b)[\w\-]+\s+"  # "controversial", not "of"


@dataclass
class Speaker:
    """A speaker mention, the cue that introduces it, and the role given beside it."""

    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    role: Span | None = None


def _tokens(text: str, start: int, end: int) -> list[Span]:
    return [m.span() for m in TOKEN.finditer(text, start, end)]


def _function_word(token: str) -> bool:
    return token.strip(",.;:!?()[]").lower() in STOPWORDS


@lru_cache(maxsize=64)  # a cue's left context is trimmed again for its clause test, mention and head
def _trim_right(text: str, start: int, end: int) -> int:
    """End of text[start:end] without trailing commas, asides in brackets, auxiliaries, -ly adverbs and
    times ("on Tuesday", "this week", "in 2010")."""
    while True:
        aside = _trailing_aside(text, start, end)
        if aside:
            end = aside.start()
        while end > start and text[end - 1] in " \t\n,":
            end -= 1
        word_start = text.rfind(" ", start, end) + 1 or start  # _last_word_start, its common case inlined (hot)
        word = text[word_start:end]
        if "\t" in word or "\n" in word:
            word_start = _last_word_start(text, word_start, end)
            word = text[word_start:end]
        if not word:
            return end
        if word.lower() in AUXILIARIES or (word.endswith("ly") and len(word) > 4 and word.islower()):
            end = word_start
            continue
        time = TRAILING_TIME.search(text, max(start, end - TIME_CHARS), end) \
            if word in TIME_ENDS or word.isdigit() else None
        if time and time.start() > start:  # "X on Tuesday said"
            end = time.start()
        elif not aside:
            return end


def _last_word_start(text: str, start: int, end: int) -> int:
    """Start of the last word of text[start:end]: after its last space, tab or line break."""
    word = max(start, text.rfind(" ", start, end) + 1)  # then tabs and line breaks, in that short part only
    return max(word, text.rfind("\t", word, end) + 1, text.rfind("\n", word, end) + 1)


def _trailing_aside(text: str, start: int, end: int) -> re.Match | None:
    """TRAILING_ASIDE in text[start:end], searched only when the span ends with a bracket (a cheap test)."""
    last = text[end - 1] if end > start else ""
    if last.isspace():
        last = text[start:end].rstrip()[-1:]
    return TRAILING_ASIDE.search(text, start, end) if last == ")" else None


def _premodifier(word: str) -> bool:
    """Whether a lower-case word can stand between two names as a role ("CBS moderator Jane Doe")."""
    return not (_function_word(word) or word in DETERMINERS or word.endswith("ed") or word in CUE_FORMS)


def _skip_function_words(text: str, start: int, end: int) -> int:
    """Start of the first word of text[start:end] that is not a function word ("But", "While")."""
    return next((m.start() for m in TOKEN.finditer(text, start, end) if not _function_word(m.group())), end)


def _description(text: str, start: int, end: int) -> Span | None:
    """A noun phrase filling text[start:end]: from its first determiner, or the whole of a short one."""
    words = text[start:end].split()  # offsets are read only for the description found
    first = next((k for k, word in enumerate(words) if not _function_word(word)), len(words))  # past "But", "While"
    if first == len(words) or words[first].lower().endswith(("ing", "ed")):
        return None
    clean = next((k for k in range(len(words) - 1, first, -1) if _function_word(words[k])), first)  # then none
    if words[clean] == "and" and not DETERMINERS.intersection(w.lower() for w in words[clean:]):
        back = next((k for k in range(clean - 1, first, -1) if _function_word(words[k])), first)  # "the X and Y"
        clean = back if DETERMINERS.intersection(w.lower() for w in words[back:clean]) else clean
    found = next((k for k in range(clean, len(words) - 1) if words[k].lower() in DETERMINERS), None)
    if found is None and len(words) - first <= 4 and clean == first:
        found = first
    if found is None:
        return None
    return next(islice(TOKEN.finditer(text, start, end), found, None)).start(), start + len(text[start:end].rstrip())


def _role(text: str, start: int, end: int) -> Span | None:
    """An appositive role ("a spokesman for X", "ICRC regional director"), not a participle clause."""
    tokens = _tokens(text, start, end)
    if not tokens or len(tokens) > ROLE_WORDS or _aside(text, start, end):
        return None
    return tokens[0][0], tokens[-1][1]


def _head(text: str, start: int, end: int) -> Span | None:
    """The noun phrase that ends text[start:end]: a pronoun, a name, or a description."""
    end = _trim_right(text, start, end)
    pronoun = _final_pronoun(text, start, end)
    if pronoun:
        return pronoun
    name = _final_name(text, start, end)
    if name:
        a = _skip_function_words(text, name.start(), end)
        before = text[start:a].rsplit(None, 1)[-1:]
        if a < end and not (before and before[0].lower() in PREPOSITIONS):
            return a, end
        if before == ["at"]:  # "Dan McLaughlin at the National Review": the name before its workplace
            earlier = _final_name(text, start, text.rindex("at", start, a))
            if earlier:
                return _skip_function_words(text, earlier.start(), end), start + len(text[start:earlier.end()].rstrip())
    return _description(text, start, end)


def _final_pronoun(text: str, start: int, end: int) -> Span | None:
    """The pronoun that ends text[start:end], spaces and a contraction ("he’d") aside: PRONOUN tried on the
    last word only."""
    end = start + len(text[start:end].rstrip())
    if end - start > 2 and (text[end - 2] in "’'" or text[end - 3] in "’'"):  # a cheap test before the search
        contracted = CONTRACTION.search(text, end - 3, end)
        end = contracted.start() if contracted else end
    if end - start > PRONOUN_CHARS and text[end - PRONOUN_CHARS - 1:end].isalnum():  # a word too long (a cheap test)
        return None
    word = word_start(text, start, end)
    found = PRONOUN.match(text, word, end) if word < end else None
    return found.span() if found else None


def word_start(text: str, start: int, end: int) -> int:
    """Start of the run of word characters (as regex \\w) that ends text[start:end]; end if there is none."""
    while end > start and (text[end - 1].isalnum() or text[end - 1] == "_"):  # lexicon.is_word_char, inlined (hot)
        end -= 1
    return end


def _final_name(text: str, start: int, end: int) -> re.Match | None:
    """NAME_END in text[start:end], searched only when the last word has a capital (a cheap test), in a long
    span only from where its match can start (see `_name_bound`)."""
    last = text[start:end].rsplit(None, 1)[-1:]
    if not last or last[0].lower() == last[0]:
        return None
    return NAME_END.search(text, _name_bound(text, start, end) if end - start > LONG_SPAN else start, end)


def _name_bound(text: str, start: int, end: int) -> int:
    """Where a NAME_END match in text[start:end] can start at the earliest: at the last word no name holds
    (not NAME_WORD: "chairman", "2016,") or after the last line break before its last word, since the match
    runs to the end. Searching from there finds the same match without trying every word of a long run of
    capitalised words, which is quadratic."""
    bound = last = start
    for word in TOKEN.finditer(text, start, end):
        last = word.start()
        if not NAME_WORD.fullmatch(word.group()):
            bound = last
    return max(bound, text.rfind("\n", start, last) + 1)


def mention_before(text: str, lo: int, cue: int) -> tuple[Span, Span | None] | None:
    """The speaker mention ending just before a cue at `cue`, and its role: "X, a role, said"."""
    end = _trim_right(text, lo, cue)
    for mark in CLAUSE_MARKS:  # "Q: Did you say …", "… a scenario; Clinton's team says": not past a label or clause
        found = text.rfind(mark, lo, end)
        lo = found + len(mark) if found >= 0 else lo
    bracket = text.rfind("(", lo, end)
    lo = bracket + 1 if bracket >= 0 and text.find(")", bracket, end) < 0 else lo  # "… (her campaign said"
    question = QUESTION_START.match(text, _skip_space(text, lo, end), end)  # "Did you say …"
    lo = question.end() if question else lo
    chunks = _without_hometown(text, _comma_chunks(text, lo, end))
    if not chunks:
        return None
    if len(chunks) >= 3 and "," in text[end:cue] and _relative_clause(text, *chunks[-1]):
        chunks.pop()  # "X, president of the union, which represents teachers, said": the union's clause
    role = None
    if len(chunks) >= 2 and "," in text[end:cue]:
        role = _role(text, *chunks.pop())
        chunks = [c for c in chunks if not _aside(text, *c)] or chunks
    span = _head(text, *chunks[-1])
    if span is None and role and len(chunks) >= 2:  # "X, a delegate from Houston, Texas, said"
        span, role = _head(text, *chunks[0]), _role(text, chunks[1][0], role[1]) or role
    if (role and text[role[0]].isupper() and " " in text[role[0]:role[1]] and (span is None or text[span[0]].islower())
            and _common_end(text, *chunks[-1])):  # "the firm's chief, Ann Lee, said", not "… in Flint, Mich., said"
        span, role = _head(text, *role), _role(text, *chunks[-1])
    return (span, role) if span else None


def _relative_clause(text: str, start: int, end: int) -> bool:
    """Whether a comma chunk is a relative clause ("which represents teachers")."""
    return text[start:end].split(None, 1)[0] in RELATIVES


def _common_end(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a lower-case word ("the firm's chief", not "a man in Flint")."""
    return text[_last_word_start(text, start, start + len(text[start:end].rstrip())):end][:1].islower()


def _comma_chunks(text: str, start: int, end: int) -> list[Span]:
    """The parts of text[start:end] between commas, leaving out blank ones and numbers (ages)."""
    chunks = []
    for part in text[start:end].split(","):
        stripped = part.strip()
        if stripped and not stripped.isdigit():
            chunks.append((start, start + len(part)))
        start += len(part) + 1
    return chunks


def _without_hometown(text: str, chunks: list[Span]) -> list[Span]:
    """The comma chunks without a hometown after a name ("Johnnie Wilson, of Springfield, Va., said"): a
    chunk "of"/"from" and a capitalised place, and the short capitalised chunks after it (its state)."""
    for k, (start, end) in enumerate(chunks[1:], 1):
        words = text[start:end].split(None, 2)  # the first two words, and the rest
        if len(words) >= 2 and words[0] in HOMETOWN_LINKS and words[1][:1].isupper():
            after = k + 1
            while after < len(chunks) and _place_name(text[slice(*chunks[after])]):
                after += 1
            return chunks[:k] + chunks[after:]
    return chunks


def _place_name(chunk: str) -> bool:
    """Whether a comma chunk is a short place name ("Va.", "Ohio", "New Mexico")."""
    words = chunk.split()
    return 0 < len(words) <= PLACE_WORDS and all(w[:1].isupper() for w in words)


def _aside(text: str, start: int, end: int) -> bool:
    """Whether a comma-separated chunk is an adverbial aside ("during a visit", "asked about it")."""
    first = text[start:end].split(None, 1)[0]
    return _function_word(first) or (first.islower() and first.endswith(("ed", "ing")))


def mention_after(text: str, start: int, hi: int, with_role: bool = True) -> tuple[Span, Span | None] | None:
    """The speaker mention opening text[start:hi], and its role: "said X, a role" (not after "according
    to X," where the comma ends the attribution)."""
    start = _skip_space(text, start, hi)
    pron = PRONOUN.match(text, start, hi)
    name = NAME_START.match(text, start, hi)
    if name and name.group().lower() in DETERMINERS:
        name = None
    premodified = None if name else PREMODIFIERS.match(text, start, hi)
    if premodified and all(map(_premodifier, premodified.group().split())):
        name = NAME_START.match(text, premodified.end(), hi)
    if pron:
        return pron.span(), None
    if name:
        joined = JOINED_NAME.match(text, name.end(), hi)
        span = start, joined.end() if joined and all(map(_premodifier, joined.group(1).split())) else name.end()
    else:
        stop = CLAUSE_STOP.search(text, start, hi)
        first = TOKEN.search(text, start, stop.start() if stop else hi)  # a cheap test before the others
        if first is None or first.group().lower() not in DETERMINERS:
            return None
        tokens = _tokens(text, start, stop.start() if stop else hi)
        cut = next((k for k, (a, b) in enumerate(tokens) if _function_word(text[a:b])), len(tokens))
        if not cut:
            return None
        span = tokens[0][0], tokens[cut - 1][1]
    role = None
    if with_role and text.startswith(",", span[1]):
        role_start = _skip_space(text, span[1] + 1, hi)
        stop = CLAUSE_STOP.search(text, role_start, hi)
        role = _role(text, role_start, stop.start() if stop else hi)
    return span, role


def clause_subject(text: str, start: int, hi: int) -> tuple[Span, Span | None] | None:
    """The subject opening a clause, past a dateline and leading asides ("On July 6, 2015, X …")."""
    dateline = DATELINE.match(text, _skip_space(text, start, hi), hi)
    start = dateline.end() if dateline else start
    for _ in range(MAX_ASIDES + 1):
        start = _skip_space(text, start, hi)
        first = TOKEN.match(text, start, hi)
        if first is None:
            return None
        if first.end() - first.start() < 5 and first.group().lower() in CONJUNCTIONS:  # "And then X said"
            start = first.end()
            continue
        comma = text.find(",", start, min(hi, start + ASIDE_CHARS))
        if comma < 0 or not (_leading_aside(text, *first.span()) or _adverbial(text[start:comma])):
            return mention_after(text, _skip_function_words(text, start, hi), hi)
        start = comma + 1
    return None


def _leading_aside(text: str, start: int, end: int) -> bool:
    """Whether a clause's first word opens an aside: "In …,", "Despite …,", "Asked about …,", "Conversely,",
    "2015," (but not the "Retired" of "Retired Army Col. …")."""
    word = text[start:end].rstrip(",").lower()
    if _aside(text, start, end) or word in OPENING_PREPOSITIONS or word[:1].isdigit():
        return True
    following = TOKEN.match(text, _skip_space(text, end, len(text)))
    return word.endswith(("ly", "ing", "ed")) and (
        text[end - 1] == "," or bool(following and following.group()[:1].islower()))


def _adverbial(chunk: str) -> bool:
    """Whether a short chunk ending in an adverb or opening with a time is an aside: "A month later,", "More
    recently,", "First,", "Friday,", "Sunday morning,"."""
    words = chunk.split()
    if not 0 < len(words) <= 3:
        return False
    last = words[-1].lower()
    return (last in ADVERBIAL_ENDS or len(words) > 1 and last.endswith("ly")
            or words[0] in TIME_ENDS and all(w.islower() for w in words[1:]))  # not "April Ryan,"


def _skip_space(text: str, start: int, hi: int) -> int:
    while start < hi and text[start].isspace():
        start += 1
    return start


def _inverted(text: str, start: int, hi: int) -> tuple[Span, Span | None] | None:
    """A mention after the cue that ends its clause ("…, said X." / "…, said X, a role")."""
    found = mention_after(text, start, hi)
    if found is None:
        return None
    token = TOKEN.search(text, found[0][1], hi)
    follow = token.group() if token else ""
    return found if not follow or follow[0] in ",.;:!?—–(" or _function_word(follow) else None


def find_speaker(text: str, lo: int, hi: int, cue: re.Match) -> Speaker | None:
    """The speaker a cue match attributes to, reading text[lo:hi].

    For a cue that continues a clause (see `needs_clause_subject`) the caller looks for the clause's
    subject instead.
    """
    word = cue.group()
    cs, ce = cue.span()
    left = text[lo:cs].rstrip()
    quoted_before = left[-1:] in QUOTE_LIKE and left.rstrip(QUOTE_LIKE).endswith(",")  # ",'' said X"
    if word.lower() == "according to":
        found = mention_after(text, ce, hi, with_role=False)
    elif not left.strip(" \t\n,;:—–-") or _lone_aside(text, lo, cs):
        found = mention_after(text, ce, hi)
    elif word not in NOT_INVERTED and (quoted_before or (
            left.endswith(",") and len(COMMA_PART.findall(left)) < 2)):
        found = _inverted(text, ce, hi) or (None if quoted_before else mention_before(text, lo, cs))
    else:
        found = mention_before(text, lo, cs)
    if found is None:
        return None
    (start, end), role = found
    return Speaker(start, end, cs, ce, role)


def _lone_aside(text: str, lo: int, cue: int) -> bool:
    """Whether text[lo:cue] is one adverbial aside ending in a comma ("In other words, explained X")."""
    left = text[lo:cue].strip()
    return left.endswith(",") and "," not in left[:-1] and _aside(text, lo, cue)


def needs_clause_subject(text: str, lo: int, cue: re.Match) -> bool:
    """Whether the cue continues a clause ("…, adding", "… a statement saying", "… and said") rather than
    opening one ("X said", "X was saying")."""
    if text.endswith((" and", " but", " then"), lo, _trim_right(text, lo, cue.start())):  # "… and later said"
        return True
    if text.endswith(" but ", lo, cue.start()):  # "… but admitted" ("but" is trimmed above)
        return True
    if cue.group() == "called" and NAMED_TITLE.match(text, cue.end()):  # "a film called “…”"
        previous = text[lo:cue.start()].rsplit(None, 1)[-1:]
        if previous and previous[0].isalpha() and previous[0].islower() and not (
                _function_word(previous[0]) or previous[0] in AUXILIARIES or previous[0] in pronouns()):
            return True
    if not cue.group().endswith("ing"):
        return False
    left = text[lo:cue.start()].rstrip()
    previous = left.rsplit(None, 1)[-1].lower() if left.strip() else ""
    return previous not in PROGRESSIVE


def passive(text: str, lo: int, cue: re.Match) -> bool:
    """Whether a cue is a passive participle ("was asked", "has been called", "as described"): its subject is
    not its speaker, named after "by" if at all."""
    end = cue.start() - 1  # the space before the cue
    if end <= lo or text[end] != " " or text[end - 1] not in AUXILIARY_ENDS or cue.group() not in PARTICIPLES:
        return False
    start = text.rfind(" ", lo, end) + 1
    word = text[start:end]
    if word.endswith("ly") and word.islower() and start > lo + 1:  # "was reportedly asked", not "as Kelly said"
        end = start - 1
        start = text.rfind(" ", lo, end) + 1
        word = text[start:end]
    return word in PASSIVE_AUXILIARIES


def agent(text: str, hi: int, cue: re.Match) -> Speaker | None:
    """The speaker named after a passive cue: "was asked by X"."""
    by = AGENT.match(text, cue.end(), hi)
    found = mention_after(text, by.end(), hi) if by else None
    return Speaker(*found[0], *cue.span(), found[1]) if found else None


def absolute_subject(text: str, lo: int, cue: re.Match) -> Speaker | None:
    """The subject of an absolute clause that a participle cue ends: "…, with X (reportedly) saying"."""
    clause = WITH_CLAUSE.search(text, lo, cue.start())
    if clause is None:
        return None
    end = _trim_right(text, clause.end(), cue.start())
    found = mention_after(text, clause.end(), end, with_role=False)
    return Speaker(*found[0], *cue.span()) if found and found[0][1] == end else None


def _verb_like(token: str) -> bool:
    return VERB_LIKE.fullmatch(token) is not None and token not in STOPWORDS and token not in AUXILIARIES


def signed(text: str, start: int, hi: int) -> Speaker | None:
    """A quotation signed with a dash and a name: "“…” ― Jane Doe"."""
    dash = SIGNATURE.match(text, start, hi)
    if dash is None:
        return None
    found = mention_after(text, dash.end(), hi)
    return Speaker(*found[0], dash.start(1), dash.end(1), found[1]) if found else None


def unlisted_after(text: str, start: int, hi: int) -> Speaker | None:
    """A speaker with a verb outside the lexicon right after a quotation: "…,” X barked" / "…,” barked X"."""
    start = _skip_space(text, start, hi)
    while start < hi and text[start] == ",":
        start = _skip_space(text, start + 1, hi)
    found = mention_after(text, start, hi)
    if found:
        last = _tokens(text, *found[0])[-1]
        if last[0] > found[0][0] and text[last[0]:last[1]].endswith("ed") and _verb_like(text[last[0]:last[1]]):
            end = _trim_right(text, found[0][0], last[0])
            return Speaker(found[0][0], end, *last)
        verb = TOKEN.match(text, _skip_space(text, found[0][1], hi), hi)
        word = verb.group().rstrip(",.") if verb else ""
        return Speaker(*found[0], verb.start(), verb.start() + len(word), found[1]) if _verb_like(word) else None
    verb = TOKEN.match(text, start, hi)
    if verb and verb.group().endswith("ed") and _verb_like(verb.group()):
        found = mention_after(text, verb.end(), hi)
        if found:
            return Speaker(*found[0], *verb.span(), found[1])
    return None


def unlisted_before(text: str, lo: int, end: int) -> Speaker | None:
    """A speaker introducing a quotation without a listed verb: "X barked, “…" / "X: “…" /
    "A headline - X: “…"."""
    end = _trim_right(text, lo, end)
    colon = text.endswith(":", lo, end)
    end = end - 1 if colon else end
    tokens = _tokens(text, lo, end)
    if not tokens:
        return None
    a, b = tokens[-1]
    if _verb_like(text[a:b]) and (colon or text[b:end + 1].strip() == ","):
        found = mention_before(text, lo, a)
        return Speaker(*found[0], a, b, found[1]) if found else None
    dashed = DASHED_NAME.search(text, max(lo, end - DASHED_CHARS), end) if colon else None
    if dashed:
        return Speaker(*dashed.span(1), None, None)
    found = clause_subject(text, lo, end) if colon else None
    return Speaker(*found[0], None, None, found[1]) if found else None
