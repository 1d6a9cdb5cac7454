"""Propose the statements in a news article: its quotes and its reported speech, each with
the speaker its attribution names, how sure that is, and why.

The editor pastes an article body and gets back every passage between quotation marks, in
article order, with the sentence it stands in, and every sentence of reported speech
("Medvedev said Russia would ..."). Nothing here is decided for the editor: proposals are
ticked or discarded by hand. What matters most is that a name shown is the right name: an
editor ticks a plausible name through. So when two people fit, or nothing in the article
names the speaker, the speaker is left empty and the evidence says why.

The speaker is read the way a reader of English news copy reads it, with no model, only the
conventions of the genre and, when the caller has one, the summit's roster:

* a quote is attributed by a reporting verb next to a noun phrase: `"...," Lavrov said`,
  `"...," said Lavrov`, `Merkel warned: "..."`, `according to X`, a participle
  (`..., saying "..."`), or a reported sentence that runs into the quote;
* the clause nearest the quote attributes it, not the first "said" of the sentence;
* a person is introduced once by full name, often behind a title ("Russian Foreign Minister
  Sergei Lavrov"), and afterwards called by surname, by title ("the foreign minister"), by
  honorific ("Mr Lavrov") or by pronoun; all of these are mapped back to the full name,
  and a title with a nationality ("the French president") only to someone of that nation;
* a roster (the summit's participants with their roles, delegations and aliases) resolves
  what the article leaves bare: "the Russian foreign minister", "the NATO chief", "Xi";
* a quote with no attribution of its own continues the speaker the story is following;
* organisations and groups speak too ("the Kremlin said", "the G8 leaders said").

The module is pure Python (with rapidfuzz to know "Zelensky" for "Zelenskyy"): text and
roster in, proposals out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz


@dataclass(frozen=True)
class RosterEntry:
    """A summit participant as the extractor sees it, without the database."""

    slug: str
    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    role: str = ""
    delegation: str = ""
    host: bool = False


@dataclass(frozen=True)
class Proposal:
    """One statement for the editor to tick: who (and why we think so), what, and where."""

    speaker: str
    kind: str
    text: str
    context: str
    start: int
    confidence: float = 0.0
    evidence: str = ""
    participant: str | None = None
    # How the speaker was found: the attribution route, then how its words were resolved
    # ("after-verb/surname", "continues/name"). The scorer's route table reads it.
    route: str = ""


# Quotation marks. The two-apostrophe close comes from wire copy typed on typewriter-era
# keyboards; the backtick open is its TeX-style twin, and some archives close with it too
# (the Chicago Tribune's ``like this``). British headlines use single marks. Central
# European outlets' English keeps their own marks: "\u201eso\u201c", "\u201eso\u201d".
_OPENERS = ("``", '"', "\u201c", "\u201e", "\u00ab", "\u2018", "'")
_CLOSERS = {
    "``": ("''", '"', "\u201d", "``"),
    '"': ("''", '"', "\u201d"),
    "\u201c": ("\u201d", '"', "''", "\u201c"),
    "\u201e": ("\u201c", "\u201d"),
    "\u00ab": ("\u00bb",),
    "\u2018": ("\u2019",),
    "'": ("'",),
}
_SINGLE_MARKS = frozenset(("\u2019", "'"))

# A role word may stand before a name ("Chancellor Angela Merkel") or alone after "the".
_TITLES = frozenset(
    """
    president vice-president chancellor premier minister secretary secretary-general councillor
    councilor coordinator
    secretary-of-state director-general commissioner constable superintendent inspector sheriff
    representative ambassador envoy
    spokesman spokeswoman spokesperson chairman chairwoman chair senator congressman director
    congresswoman governor mayor general admiral colonel king queen prince princess pope
    emir sheikh leader chief negotiator adviser advisor pm head boss host correspondent
    editor analyst aide official diplomat source taoiseach tanaiste tánaiste president-elect
    vice-premier treasurer sultan monarch pontiff commander marshal mp mep sen rep gov
    undersecretary under-secretary attorney-general governor-general head-of-state professor
    head-of-government chief-of-staff staff aides entourage spokespeople counterpart ceo
    reporter journalist columnist commentator economist historian researcher scholar
    chairperson founder sherpa speaker legislator lawmaker
    """.split()
)
# Forms of address: they say who is meant and their sex, but are not a role held.
# Honorific styles of other traditions work the same way and are never part of the name:
# "Datuk Anwar", "Shri Modi", "His Excellency ...", "Rt Hon ...".
_HONORIFICS = frozenset(
    """
    mr mrs ms miss dr sir dame lady lord madam col gen prof baroness datuk dato datin tun haji
    hajah excellency hon honourable honorable rt shri smt shrimati sayyid mullah monsieur
    madame mme herr frau signor signora
    """.split()
)
# British papers' style for a Frenchman, "M. Chirac": Monsieur, not an initial ("Jacques M.
# Chirac" would follow a name).
_MONSIEUR = re.compile(r"(^\s*|[^\w\s]\s*|\b[a-z]+\s+)M\.(?=\s+[A-Z][a-z])")
# Two-word styles whose second word alone is a given name ("Sri Mulyani Indrawati"), or
# whose first word alone is a surname ("Tan") or a pronoun ("His").
_HONORIFIC_PAIRS = frozenset(
    (
        ("tan", "sri"),
        ("puan", "sri"),
        ("datuk", "seri"),
        ("dato", "seri"),
        ("dato", "sri"),
        ("his", "excellency"),
        ("her", "excellency"),
        ("right", "honourable"),
    )
)
# Words that narrow a role and belong to it: the "foreign" in "the foreign minister".
_ROLE_MODIFIERS = frozenset(
    """
    prime foreign defence defense finance interior home trade deputy vice acting economy
    economics energy justice health environment agriculture security national high chief
    first state foreign-policy political senior top former new incoming outgoing summit
    crown press policy affairs special economic military assistant permanent principal
    private personal high-ranking high-level well-placed well-informed anonymous unnamed
    veteran leading visiting ecology climate education culture transport labour labor
    industry development tourism science technology immigration migration
    treasury commerce budget digital infrastructure fisheries housing
    """.split()
)
# Titles the article itself shows to be titles, lower-cased: a local office the lexicon does
# not list ("Taoiseach Leo Varadkar ... the Taoiseach said"). Set for one article at a time.
_ARTICLE_TITLES: ContextVar[frozenset[str]] = ContextVar("article_titles", default=frozenset())


def _is_title(word: str) -> bool:
    """Whether a bare, lower-cased word is a title, by the lexicon or by the article."""
    if word.startswith("ex-"):  # "Ex-commissioner Lord Hill"
        word = word[3:]
    return word in _TITLES or word in _ARTICLE_TITLES.get()


def _is_role_word(word: str) -> bool:
    return _is_title(word) or word in _ROLE_MODIFIERS


# The first word of a role that heads a government or a body: "the NATO chief" is its
# secretary-general, "the French leader" its president.
_HEAD_TITLES = frozenset(
    "president chancellor premier pm prime secretary-general king queen emir chairman chair "
    "chairwoman director-general leader chief head boss taoiseach sultan".split()
)
_HEAD_WORDS = frozenset("leader chief head boss head-of-state head-of-government".split())
# Titles that name their holder where the copy gives no name: "the Queen", "the Pope".
_SOVEREIGNS = frozenset("queen king pope pontiff emperor empress".split())
# Parties and sides in a legislature: their leaders lead no nation.
_PARTIES = frozenset(
    "conservative conservatives labour liberal democrat democratic republican opposition "
    "green greens tory tories party snp sinn fein".split()
)
# Offices a person holds one of: someone given one is not also "the French president".
_OFFICES = frozenset(
    "president chancellor premier minister pm secretary secretary-general king queen emir "
    "sultan taoiseach governor mayor senator".split()
)
# Titles news copy gives the sources it does not name.
_SOURCE_TITLES = frozenset("official diplomat aide source analyst adviser advisor".split())

# Several people speaking as one: "the G8 leaders said", "EU ministers agreed".
_GROUP_NOUNS = frozenset(
    """
    leaders ministers officials delegates diplomats negotiators allies members governments
    countries nations heads lawmakers senators organisers organizers participants
    """.split()
)
# Who issues a text rather than saying it: "the statement said" names no one.
_DOCUMENTS = frozenset(
    "statement communique communiqué declaration text document letter report draft".split()
)
_FEMININE = frozenset(
    "mrs ms miss madam lady dame queen princess baroness duchess spokeswoman chairwoman "
    "congresswoman".split()
)
_MASCULINE = frozenset("mr sir lord king prince duke spokesman chairman congressman".split())
_PARTICLES = frozenset("de da di du del della van von der den la le al el bin ibn ter dos".split())
_DETERMINERS = frozenset(("the", "a", "an", "one", "another"))
# "one European diplomat said", "another official": no one the article names.
_INDEFINITE = frozenset(("a", "an", "one", "another"))
# "Two Southeast Asian diplomats said": sources counted, not named.
_COUNTS = frozenset("two three four five six several some many other".split())
_PRONOUNS = {"he": "m", "she": "f", "it": "", "they": "p"}

# Nations by their adjectives, short forms and names, as a title qualifies them.
_NATIONS = {
    word: nation
    for nation, words in {
        "united states": "us usa america american washington",
        "united kingdom": "uk britain british england english london",
        "france": "french paris",
        "germany": "german berlin",
        "russia": "russian moscow kremlin",
        "china": "chinese beijing",
        "japan": "japanese tokyo",
        "italy": "italian rome",
        "canada": "canadian ottawa",
        "india": "indian delhi",
        "brazil": "brazilian",
        "australia": "australian canberra",
        "turkey": "turkish ankara türkiye turkiye",
        "ukraine": "ukrainian kyiv kiev",
        "poland": "polish warsaw",
        "spain": "spanish madrid",
        "south korea": "korean seoul",
        "north korea": "pyongyang north-korean",
        "mexico": "mexican",
        "indonesia": "indonesian jakarta",
        "saudi arabia": "saudi",
        "south africa": "african",
        "argentina": "argentine argentinian argentinean buenos-aires",
        "iran": "iranian tehran",
        "israel": "israeli",
        "egypt": "egyptian",
        "libya": "libyan",
        "syria": "syrian",
        "greece": "greek athens",
        "netherlands": "dutch",
        "belgium": "belgian",
        "sweden": "swedish",
        "norway": "norwegian",
        "finland": "finnish",
        "denmark": "danish",
        "austria": "austrian",
        "ireland": "irish",
        "hungary": "hungarian",
        "thailand": "thai bangkok",
        "vietnam": "vietnamese hanoi",
        "philippines": "philippine filipino filipina manila",
        "pakistan": "pakistani",
        "peru": "peruvian",
        "chile": "chilean",
        "estonia": "estonian tallinn",
        "latvia": "latvian riga",
        "lithuania": "lithuanian vilnius",
        "czech republic": "czech czechia prague",
        "slovakia": "slovak bratislava",
        "slovenia": "slovenian slovene ljubljana",
        "croatia": "croatian zagreb",
        "serbia": "serbian belgrade",
        "romania": "romanian bucharest",
        "bulgaria": "bulgarian sofia",
        "portugal": "portuguese lisbon",
        "switzerland": "swiss bern",
        "singapore": "singaporean",
        "malaysia": "malaysian",
        "new zealand": "wellington kiwi",
        "nigeria": "nigerian abuja",
        "kenya": "kenyan nairobi",
        "ethiopia": "ethiopian",
        "qatar": "qatari doha",
        "united arab emirates": "uae emirati",
        "kuwait": "kuwaiti",
        "jordan": "jordanian amman",
        "iraq": "iraqi baghdad",
        "lebanon": "lebanese beirut",
        "georgia": "georgian tbilisi",
        "armenia": "armenian yerevan",
        "azerbaijan": "azerbaijani azeri baku",
        "kazakhstan": "kazakh astana",
        "uzbekistan": "uzbek tashkent",
        "belarus": "belarusian minsk",
        "cuba": "cuban havana",
        "venezuela": "venezuelan caracas",
        "colombia": "colombian bogota",
        "bangladesh": "bangladeshi dhaka",
        "myanmar": "burmese burma naypyidaw",
        "cambodia": "cambodian phnom-penh",
        "mongolia": "mongolian ulaanbaatar",
        "ghana": "ghanaian accra",
        "senegal": "senegalese dakar",
        "ivory coast": "ivorian",
        "tanzania": "tanzanian dodoma",
        "uganda": "ugandan kampala",
        "rwanda": "rwandan kigali",
        "burundi": "burundian",
        "zimbabwe": "zimbabwean harare",
        "zambia": "zambian lusaka",
        "malawi": "malawian",
        "mozambique": "mozambican maputo",
        "angola": "angolan luanda",
        "namibia": "namibian windhoek",
        "botswana": "botswanan",
        "lesotho": "basotho",
        "eswatini": "swazi",
        "madagascar": "malagasy",
        "mauritius": "mauritian",
        "morocco": "moroccan rabat",
        "algeria": "algerian algiers",
        "tunisia": "tunisian tunis",
        "sudan": "sudanese khartoum",
        "south sudan": "juba",
        "somalia": "somali mogadishu",
        "djibouti": "djiboutian",
        "eritrea": "eritrean asmara",
        "cameroon": "cameroonian yaounde",
        # Chad is known by its adjective only: "Chad" alone is as often a given name.
        "chadian": "chadian",
        "niger": "nigerien niamey",
        "mali": "malian bamako",
        "burkina faso": "burkinabe ouagadougou",
        "guinea": "guinean conakry",
        "guinea-bissau": "bissau-guinean",
        "sierra leone": "sierra-leonean freetown",
        "liberia": "liberian monrovia",
        "togo": "togolese lome",
        "benin": "beninese",
        "gabon": "gabonese",
        "congo": "congolese kinshasa brazzaville drc",
        "equatorial guinea": "equatoguinean",
        "gambia": "gambian banjul",
        "mauritania": "mauritanian nouakchott",
        "afghanistan": "afghan kabul",
        "nepal": "nepali nepalese kathmandu",
        "sri lanka": "sri-lankan colombo",
        "bhutan": "bhutanese",
        "maldives": "maldivian",
        "laos": "lao laotian vientiane",
        "brunei": "bruneian",
        "east timor": "timorese timor-leste dili",
        "taiwan": "taiwanese taipei",
        "kyrgyzstan": "kyrgyz bishkek",
        "tajikistan": "tajik dushanbe",
        "turkmenistan": "turkmen ashgabat",
        "oman": "omani muscat",
        "bahrain": "bahraini manama",
        "yemen": "yemeni sanaa",
        "palestine": "palestinian ramallah",
        "luxembourg": "luxembourgish",
        "iceland": "icelandic reykjavik",
        "malta": "maltese valletta",
        "cyprus": "cypriot nicosia",
        "moldova": "moldovan chisinau",
        "albania": "albanian tirana",
        "north macedonia": "macedonian skopje",
        "montenegro": "montenegrin podgorica",
        "bosnia": "bosnian sarajevo",
        "kosovo": "kosovar pristina",
        "ecuador": "ecuadorian ecuadorean quito",
        "bolivia": "bolivian",
        "paraguay": "paraguayan asuncion",
        "uruguay": "uruguayan montevideo",
        "guatemala": "guatemalan",
        "honduras": "honduran tegucigalpa",
        "el salvador": "salvadoran salvadorean",
        "nicaragua": "nicaraguan managua",
        "costa rica": "costa-rican",
        "panama": "panamanian",
        "dominican republic": "dominican santo-domingo",
        "haiti": "haitian",
        "jamaica": "jamaican kingston",
        "trinidad": "trinidadian",
        "barbados": "barbadian",
        "guyana": "guyanese georgetown",
        "suriname": "surinamese",
        "fiji": "fijian suva",
        "papua new guinea": "papua-new-guinean",
        "samoa": "samoan apia",
        "tonga": "tongan",
        "vanuatu": "vanuatuan",
        "solomon islands": "solomon-islander",
        "tuvalu": "tuvaluan funafuti",
        "european union": "eu european brussels",
        "nato": "nato",
        "united nations": "un",
    }.items()
    for word in (nation, *words.split())
}

# The bodies _NATIONS lists beside the nations: a title naming one is that body's only.
_BLOCS = frozenset(("nato", "european union", "united nations"))
# "South-Korea's" is how a nation's possessive is tokenised (_NATION_POSSESSOR); a word
# written with hyphens ("north-korean", "guinea-bissau") is looked up as _fold leaves it.
_NATIONS.update(
    {nation.replace(" ", "-"): nation for nation in set(_NATIONS.values()) if " " in nation}
)
_NATIONS.update({word.replace("-", " "): nation for word, nation in list(_NATIONS.items())})
# A nation of two or three words as a possessor, "South Korea's", "New Zealand's".
_NATION_POSSESSOR = re.compile(
    r"\b("
    + "|".join(
        " ".join(word.capitalize() for word in nation.split())
        for nation in _NATIONS
        if " " in nation and nation not in _BLOCS
    )
    + r")(?=['\u2019]s\b)"
)

# Capitalised words that open sentences or name dates; they never start a name. "May" is
# left out because it is a surname as often as a month.
_CAPITALISED_FUNCTION_WORDS = frozenset(
    """
    The A An And But Or Nor Yet So In On At After Before During For From With Without By Of
    To As If When While Although Though Despite Still However Meanwhile Moreover Earlier
    Later Then Now Today Tonight Yesterday Tomorrow This That These Those It Its He She His
    Her Him They Their Them We Our Us I You Your There Here What Why How Who Whom Whose Which
    Where All Some Many Most Several Both Each Every No Not Speaking Asked According
    Following Under Over Instead Also Nevertheless Separately Elsewhere Afterwards Since
    Until Amid Ahead Last Next Once Unlike Like Indeed Overall Only Even Such Other Another
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    June July August September October November December Author Editor Collectively
    Together Jointly Speaking Writing Addressing Did Does Do Will Would Can Could Should
    Has Have Had Is Are Was Were Be Been Watch Read Photo Image Video Pictured Getty Reuters
    Said Says Added Adds
    """.split()
)
# A nation's body as copy often writes it, in small letters: "the Swiss foreign ministry".
_BODY_NOUNS = frozenset("ministry government embassy presidency".split())
# Words that make a capitalised phrase an institution or a place rather than a person.
_ORGANISATION_WORDS = frozenset(
    """
    Council Union Commission Ministry Department Office House Parliament Government Committee
    Organization Organisation Agency Bank Fund Alliance Party Assembly Court Congress Senate
    Secretariat Cabinet Federation Institute Association Group Nations States Republic
    Coalition Forum Embassy Army Navy Police Force Forces Corporation Company Service
    Services Board Authority Kingdom Emirates Sea Ocean Street Palace Summit Agreement
    Treaty News Times Post Press Television Radio Network Daily Programs Programmes Affairs Affair
    Relations Operations Studies
    """.split()
)
# Prepositional or adverbial openers: the sentence's subject comes after their comma.
_OPENING_ADVERBIALS = frozenset(
    """
    After Before On In At During Still However Meanwhile Earlier Later Speaking For Following
    Despite Although While When Asked According Yet Instead Nevertheless Separately Elsewhere
    Today Yesterday Afterwards Shortly Since Until With Without Under As Amid Ahead Back By
    From Last This Next Once Unlike Like Regarding Addressing Responding Commenting Then Now
    Also Moreover Furthermore Nonetheless Overall Indeed Apart Even Though Writing Rather
    About Around Within Throughout Over Through Upon Against Beyond Inside Outside Behind
    Across Among Amongst Towards Toward Given Thanks Barely Hours Days Minutes Moments
    """.split()
)
# The last word of a time phrase that opens a sentence: "An hour later,", "Two days ago,".
_TIME_PHRASE_ENDS = frozenset("later earlier ago afterwards before".split())
_CONJUNCTIONS = frozenset(("And", "But", "Yet", "So", "Or"))
_COORDINATORS = frozenset(("and", "but", "then"))
# Words that may stand between a speaker and the speech verb: "Lavrov later said",
# "Lavrov was quoted as saying".
_ADVERBS = frozenset(
    """
    also later then again once firmly repeatedly bluntly simply flatly previously earlier
    quickly reportedly has had have would will was is who which further finally openly
    publicly privately recently subsequently immediately angrily calmly quietly however
    been quoted as only just even still sharply curtly dryly wryly collectively jointly
    together both all yesterday today separately meanwhile too himself herself themselves
    here there
    """.split()
)

_FINITE_VERBS = """
    said says say told tells added adds stressed stresses emphasized emphasised emphasizes
    emphasises concluded concludes joked jokes warned warns insisted insists argued argues
    noted notes explained explains declared declares asked asks replied replies stated
    states announced announces confirmed confirms admitted admits acknowledged acknowledges
    claimed claims urged urges wrote writes observed remarked responded countered suggested
    suggests promised promises pledged vowed continued recalled conceded concedes complained
    predicted cautioned underlined underscored reiterated maintained quipped tweeted called
    calls described describes dubbed termed labelled labeled shouted exclaimed commented
    contended boasted objected hailed hails dismissed dismisses welcomed welcomes praised
    criticised criticized condemned accused assured insisted agreed agrees demanded
    demands proclaimed affirmed conceded lamented mused pointed answered reported thanked
    denounced rejected specified interjected interrupted quoted slammed blasted branded lambasted
    decried derided mocked cited
    scoffed retorted snapped fumed gushed enthused revealed confided reflected
    characterised characterized summarised summarized clarified elaborated recounted
    asserted opined reaffirmed emphasised highlighted posted reads expressed voiced concurred
    confessed chimed swiped lauded lauds applauded commended read remembered
""".split()
_PARTICIPLES = """
    saying adding stressing emphasizing emphasising insisting warning noting arguing
    explaining declaring telling claiming urging concluding joking asking calling describing
    recalling hailing dismissing welcoming praising accusing assuring calling stating
    branding slamming underlining reiterating vowing pledging promising suggesting
    acknowledging admitting conceding predicting announcing reminding writing tweeting
    asserting observing remarking replying responding answering cautioning complaining
    lamenting boasting quipping labelling labeling terming dubbing expressing voicing
    reaffirming
""".split()
# Verbs whose object, not a clause, is what follows: "hailed the deal as ..." still
# attributes, but "Xi praised Obama" must not make Obama the speaker of what comes after.
_SPEECH_WORDS = frozenset(_FINITE_VERBS + _PARTICIPLES)
# A word, then a set lookup: far cheaper than one alternation of two hundred verbs.
_SPEECH_VERB = re.compile(r"(?i:(?<![^\W\d_])according to\b)|\b[a-z]+\b")
_PARTICIPLE_SET = frozenset(_PARTICIPLES)
_RELAYING = frozenset(("reported", "reports"))
# Words before which a verb form reads as a noun: "some EU states", "the claims", "his calls".
_NOUN_MARKERS = re.compile(
    r"\b(?:the|a|an|some|many|all|several|its|their|his|her|our|these|those|other|both"
    r"|member|two|three|four|five|\d+)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


_ADDING = frozenset(("add", "added", "adds", "adding"))
# Speech verbs in their plain form, which report words only after "to" or a modal: "went
# on to warn", "would add"; elsewhere "the warn" or "a stress" is no verb.
_BASE_FORMS = frozenset(
    "warn tell stress insist urge note declare explain argue add describe reiterate".split()
)
# Verbs that report words only when "that" follows: "charged that", not "charged with".
_THAT_VERBS = frozenset("charged charges alleged alleges feared fears".split())
_TO_OR_MODAL = re.compile(r"\b(?:to|will|would|did|could|should|must|might)\s+$")


_TWO_SUBJECTS = re.compile(
    r"\b(?:he|she|I|we|[A-Z][\w\u2019'-]+)\s+and\s+\S+\s+(?:had\s+|have\s+|has\s+)?$"
)
_CALLED = re.compile(r"\b(?:called|dubbed|known\s+as|named|titled|entitled|nicknamed|branded)\s*$")
_MADE_CLEAR = re.compile(r"\s+(?:it\s+)?(?:clear|plain)\b")


def _speech_verbs(text: str) -> list[re.Match[str]]:
    """The speech verbs in `text`, leaving out present-tense forms that are plural nouns
    there: "states" in "accusing some EU states of", "calls" in "his calls for"."""
    verbs = []
    for verb in _SPEECH_VERB.finditer(text):
        word = verb.group()
        if word in _ADDING and text.startswith(" to ", verb.end()):
            continue  # "Brexit had added to uncertainty": to add to is to increase
        if (
            (word in _BASE_FORMS and _TO_OR_MODAL.search(text, 0, verb.start()))
            or (word in _THAT_VERBS and text.startswith(" that", verb.end()))
            # "He made plain that the group would discuss '...'": a statement made.
            or (word == "made" and _MADE_CLEAR.match(text, verb.end()))
        ):
            # "He went on to warn that ...", "she would tell them"; "Zeman charged that".
            verbs.append(verb)
            continue
        if word not in _SPEECH_WORDS and word.lower() != "according to":
            continue
        if (
            word.endswith("s")
            and word not in ("says", "tells", "reads")
            and (
                _NOUN_MARKERS.search(text, max(0, verb.start() - 60), verb.start())
                or text.startswith(" of ", verb.end())
            )
        ):
            continue
        verbs.append(verb)
    return verbs


# Verbs that introduce reported speech as a clause ("X said (that) ...", "X warned ...").
_REPORTING_VERBS = frozenset(
    """
    said says say told tells added adds stressed stresses emphasized emphasised warned warns
    insisted insists argued argues noted notes explained explains declared declares stated
    announced announces confirmed confirms admitted admits acknowledged acknowledges claimed
    claims suggested suggests promised promises pledged vowed predicted cautioned underlined
    underscored reiterated maintained conceded concedes contended assured agreed agrees
    believes believed hoped hopes expects expected estimated indicated indicates signalled
    signaled reported affirmed recalled complained described urged urging pressed accused
    denied denies remarked expressed voiced reminded responded apologized apologised
    hailed hails praised praises vowed vows pledged pledges highlighted highlights cited
    mentioned disclosed condemned condemns reaffirmed reaffirms welcomed welcomes
    criticised criticized demanded declared reiterated specified spoke speaks
    defended defends rejected rejects thanked thanks conveyed hinted hints disputed
    questioned highlighted lamented refuted rebuffed dismissed dismisses proposed proposes
    repeated repeats deplored deplores decried decries denounced denounces bemoaned regretted
    regrets termed
    """.split()
) | {
    "refused to say",
    "declined to say",
    "refused to rule out",
    "declined to comment on",
    # "Merkel called for a speedy agreement", "Xi called on both sides to ...": an appeal
    # is reported speech; "called" alone ("called the talks useful") quotes a word.
    "called for",
    "called on",
    "calls for",
    "calls on",
    "pointed out",
    "points out",
    "predicts",
    # Speech acts copy reports without "said": "raised concerns about", "made clear that",
    # "was quoted as saying", "briefed the leaders on", "asked whether".
    "raised concerns",
    "raised concern",
    "made clear",
    "made it clear",
    "made plain",
    "made it plain",
    "was quoted as saying",
    "were quoted as saying",
    "appealed",
    "floated",
    "echoed",
    "outlined",
    "informed",
    "briefed",
    "reassured",
    "wondered",
    "asked whether",
    "asked if",
    "observed",
    "pointed to",
}
# Words after which a name is spoken to, not who speaks next.
# One met or stood beside is still who may speak next ("she met President Macron. '...,'
# he said"); one told, urged or confronted was spoken to.
_OBJECT_BEFORE = frozenset(_SPEECH_WORDS | _REPORTING_VERBS) | frozenset(
    "confronted against".split()
)
# "Hollande curtly told her to expect ...": "her" as the object of such a verb is the one
# spoken to, and says nothing of the speaker's sex ("told her cabinet" is her own).
_TOLD_HER = _OBJECT_BEFORE | frozenset("met meets invited greeted congratulated".split())
_REPORTING = re.compile(
    r"\b(?:" + "|".join(sorted(_REPORTING_VERBS, key=len, reverse=True)) + r")\b"
)

_TOKEN = re.compile(r"[^\W\d_]\.(?=\s)|\w[\w\u2019'.-]*\w|\w|[^\w\s]")
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col sen rep gov st jr sr no vs etc jan feb aug sept oct nov dec
    capt sgt maj adm rev hon pres u.s u.k u.n
    """.split()
)
# Inside a sentence, quoted text is blanked with this so no rule ever reads the speaker's
# own words as attribution.
_BLANK = "\x1f"
# A bracketed word after a word with a small letter: an alias, a party or a state
# ("(Jokowi)", "(right-wing)", "(R-Texas)"). A longer aside may describe the one named ("The
# taoiseach (Irish prime minister) says"); an abbreviation ("(MEA)") is read where it is.
_ASIDE = re.compile(
    r"(?<=[a-z\u2019'.])\s+\((?=[^()]*[a-z])[^()\d\x1f\"\u201c\u201d\u2018\u2019\s]+\)"
)
# An attribution follows the quote closely; a speech verb further on belongs to another clause.
_ATTRIBUTION_REACH = 8
# Clauses joined into one sentence: the one nearest a quote is the one that introduces it.
_CLAUSE_BREAK = re.compile(
    r"[;\u2014\u2013]|\s-\s|,\s+(?:and|but|while|whereas|although|though|as|with)\s"
    r"|\s(?:and|but|while|whereas)\s(?=(?:the\s+)?[A-Z])"
)
# Beyond this a paragraph is not news copy; reading it whole would only cost time.
_LONGEST_PARAGRAPH = 20_000

# How sure each way of naming a speaker is, from a name next to the verb down to a guess.
_SURE = {
    "name": 0.95,
    "surname": 0.9,
    "roster": 0.9,
    "organisation": 0.85,
    "role": 0.85,
    "split": 0.9,
    "pronoun": 0.75,
    "subject": 0.7,
    "continues": 0.6,
    "title-only": 0.45,
}
_PARAPHRASE_DISCOUNT = 0.7
# Headlines are short and mostly capitalised; a name runs to five words at most; an
# inserted phrase ("Rasmussen, head of the alliance, said") to twelve; a reporting verb's
# subject, openers dropped, to sixteen.
_LONGEST_HEADLINE = 20
_SHORT_HEADLINE = 12
_LONGEST_NAME = 5
_LONGEST_APPOSITIVE = 12
_LONGEST_SUBJECT_CLAUSE = 16
# A quote this short inside reported speech is a scare quote, not the speaker's sentence.
_SCARE_QUOTE_WORDS = 2
_SHORTEST_PARAPHRASE = 4
# An opening phrase runs to a comma within so many tokens; a participle's further ("Speaking
# after greeting Communist party chief Jiang with a bear-hug outside the Stalinist-style
# Great Hall of the People, Yeltsin ..." is 18). Past an opener "After ... in which she had
# used the phrase '...'," the subject is the quote's only by chance.
_LONGEST_OPENER = 16
_LONGEST_PARTICIPLE_OPENER = 28


@dataclass
class _Quote:
    """Where a quotation-mark passage sits in its paragraph, marks included and excluded."""

    open: int
    start: int
    end: int
    close: int


@dataclass(frozen=True)
class _Reference:
    """A noun phrase that can speak: a "name", "organisation", "role", "pronoun", "group"
    or "document"."""

    kind: str
    words: tuple[str, ...]
    role: tuple[str, ...] = ()
    definite: bool = True
    honorific: str = ""

    @property
    def said(self) -> str:
        if self.kind == "role":
            return ("the " if self.definite else "a ") + " ".join(self.role)
        return " ".join(w for w in (self.honorific, *self.words) if w)


@dataclass(eq=False)
class _Person:
    words: tuple[str, ...]
    roles: list[tuple[str, ...]] = field(default_factory=list)
    gender: str = ""
    seen: int = 0
    # When the text last named them (their being resolved as a speaker does not count).
    named_at: int = 0
    entry: RosterEntry | None = None
    # How a title first led to this person, when the roster (not the article) said so.
    titled_by: str = ""

    @property
    def name(self) -> str:
        # The tokens drop a generation's dot with a title's ("Jr." is read as "Jr"); the name
        # shown gives it back, as the copy printed it.
        if self.words[-1:] in (("Jr",), ("Sr",)):
            return " ".join(self.words) + "."
        return " ".join(self.words)


@dataclass(frozen=True)
class _Speaker:
    name: str
    person: _Person | None = None
    # From the fallback "only person in the sentence": too weak to learn a gender from.
    guessed: bool = False
    evidence: str = ""
    confidence: float = 0.0
    participant: str | None = None
    # A phrase named the speaker, even if it could not be resolved: look no further.
    settled: bool = False
    # How the words that named the speaker were resolved: "name", "surname", "title",
    # "pronoun", "body" ...; and the attribution route that led to those words.
    resolved: str = ""
    route: str = ""


def _via(speaker: _Speaker, route: str) -> _Speaker:
    """The speaker, marked with the attribution route that found it (the first one given)."""
    return speaker if speaker.route else replace(speaker, route=route)


_NOBODY = _Speaker("")


def extract_statements(body: str, roster: Sequence[RosterEntry] = ()) -> list[Proposal]:
    """Every quote and reported-speech sentence in `body`, in article order, with its speaker.

    `roster` (the summit's participants) resolves bare titles and short names, and links a
    proposal to the participant it names.
    """
    return list(_extracted(body, tuple(roster)))


def forget_extractions() -> None:
    """Drop the remembered readings: the scorer times every article's reading afresh."""
    _extracted.cache_clear()


# The desk reads an article on the POST of an accept and again on the page it redirects to;
# proposals are immutable, so the second read is the first's answer.
@lru_cache(maxsize=16)
def _extracted(body: str, roster: tuple[RosterEntry, ...]) -> tuple[Proposal, ...]:
    if _HAS_INVISIBLE.search(body):
        body = body.translate(_INVISIBLE)
    body = _SHOUTED_LEAD.sub(_quieted, body)
    learned = _ARTICLE_TITLES.set(_titles_in(body))
    try:
        desk = _Desk(_Roster(roster))
        desk.cast.person_words = _person_words(body)
        desk.cast.abbreviations = _abbreviations_in(body)
        return tuple(_read_article(body, desk))
    finally:
        _ARTICLE_TITLES.reset(learned)


# Web copy carries characters a reader never sees: zero-width spaces and joiners between
# words read as the space they stand for (one for one, so offsets hold); a soft hyphen inside
# a name ("Ma\u00adcron") is dropped where words are read (_tokenised).
_INVISIBLE = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", " "))
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


# British tabloids open a story with the name in capitals: "BORIS JOHNSON has urged ...",
# "LEO Varadkar has ...". Two or more capitalised words at a paragraph's start before a
# lower-case word, or one before a capitalised word and a lower-case one, are read as the
# name they spell (words of up to three letters, initialisms such as "US", are kept).
_SHOUTED_LEAD = re.compile(
    r"(?m)^((?:[A-Z][A-Z'\u2019-]+\s+){2,4}(?=[a-z])|[A-Z]{3,}\s+(?=[A-Z][a-z]+\s+[a-z]))"
)


def _quieted(match: re.Match[str]) -> str:
    # Same length, so every offset into the body still holds.
    shouted = match.group(1)
    # Alone before a surname, a three-letter word is a first name ("LEO Varadkar").
    shortest = 3 if len(shouted.split()) == 1 else 4
    return re.sub(
        rf"[A-Z][A-Z'\u2019-]{{{shortest - 1},}}", lambda word: word.group().title(), shouted
    )


# How many paragraphs a headline, kicker and standfirst take at most above a dateline.
_FURNITURE_BEFORE_DATELINE = 4


def _read_article(body: str, desk: _Desk) -> list[Proposal]:
    proposals: list[Proposal] = []
    headlines: list[tuple[int, str]] = []
    paragraphs = list(_paragraphs(body))
    desk.colon_dateline = sum(1 for _, p in paragraphs if _is_colon_dateline(p)) == 1
    # Wire copy's story begins at its dateline: what stands above it (headline, standfirst:
    # "'At least we agreed ...,' Russia's top diplomat said") is read after the story, which
    # says who is meant.
    opening = next(
        (
            index
            for index, (_, paragraph) in enumerate(paragraphs[:_FURNITURE_BEFORE_DATELINE])
            if _DATELINE.match(paragraph)
            or (desk.colon_dateline and _COLON_DATELINE.match(paragraph))
        ),
        0,
    )
    for index, (offset, paragraph) in enumerate(paragraphs):
        if index < opening or _is_headline(paragraph, first=index == 0):
            headlines.append((offset, paragraph))
            if index > opening:
                desk.speaker_heading(paragraph)
            continue
        read = desk.read_paragraph(paragraph[:_LONGEST_PARAGRAPH], offset)
        if read and proposals:
            proposals[-1] = _run_on_credited(proposals[-1], body, offset, paragraph, read[0])
        proposals.extend(read)
    # A headline's "Cameron says" is read once the story has said who Cameron is, and its
    # capitalised words ("Obama Convenes Meeting") never introduce anyone.
    desk.reading_headlines = True
    for offset, paragraph in headlines:
        proposals.extend(desk.read_paragraph(paragraph, offset))
    return sorted(_echoes_credited(proposals), key=lambda proposal: proposal.start)


def _run_on_credited(
    last: Proposal, body: str, offset: int, paragraph: str, first: Proposal
) -> Proposal:
    """British copy runs a quotation on over paragraphs, leaving each but the last open and
    opening the next with a mark: '"We will not accept delay.' then '"Our patience has
    limits," Macron said.' The open paragraph's words are the credited speaker's."""
    stripped = paragraph.lstrip()
    run_on = (
        last.kind == "quote"
        and not last.speaker
        and last.evidence == "no attribution found"
        # The open quote ends its paragraph, and is the last thing before this one.
        and not body[last.start + len(last.text) : offset].strip()
        and stripped[:1] in _RUN_ON_MARKS
        and first.kind == "quote"
        and first.start == offset + len(paragraph) - len(stripped) + 1
        and bool(first.speaker)
        and not first.route.startswith("continues")
    )
    if not run_on:
        return last
    return replace(
        last,
        speaker=first.speaker,
        participant=first.participant,
        confidence=round(min(first.confidence, _SURE["continues"]), 2),
        evidence=f"{first.speaker}: the quotation runs on into the next paragraph, "
        "which credits them",
        route="run-on",
    )


_RUN_ON_MARKS = frozenset(('"', "\u201c", "\u2018", "'"))


def _echoes_credited(proposals: list[Proposal]) -> list[Proposal]:
    """A quote nothing around it attributes, whose words another quote of the article holds
    ("... criticises 'open doors' policy" and, later, Tusk's "We need to correct our policy
    of open doors and windows"), is that quote's speaker's: copy quotes a phrase again
    where it comments on it. Only an echo of one speaker's words, of two words or more."""

    def unattributed(p: Proposal) -> bool:
        return p.kind == "quote" and not p.route and p.evidence == "no attribution found"

    if not any(unattributed(p) for p in proposals):
        return proposals
    # A headline credited by echoing the body is no source of its own.
    said = [
        (_echo_words(p.text), p)
        for p in proposals
        if p.kind == "quote" and p.speaker and not p.route.startswith("echo")
    ]
    credited = []
    for proposal in proposals:
        words = _echo_words(proposal.text) if unattributed(proposal) else ""
        found = {p.speaker: p for text, p in said if words in text} if " " in words.strip() else {}
        if len(found) == 1:
            (source,) = found.values()
            proposal = replace(
                proposal,
                speaker=source.speaker,
                participant=source.participant,
                confidence=_SURE["subject"],
                evidence=f"{source.speaker}: another quote of theirs holds these words",
                route="echo",
            )
        credited.append(proposal)
    return credited


def _echo_words(text: str) -> str:
    """A quote's words as a headline or an aside repeats them: folded, without articles or
    punctuation ("will rise to challenge" for "will rise to the challenge")."""
    words = re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)?", _fold(text))
    return " " + " ".join(word for word in words if word not in ("the", "a", "an")) + " "


# A capitalised word before a first name and surname: "Taoiseach Leo Varadkar".
_BEFORE_NAME = re.compile(
    r"(?<![\w\u2019'-])(?=([A-Z][^\W\d_]+)\s+([A-Z][^\W\d_]+)\s+([A-Z][^\W\d_'\u2019-]+)(?![\w-]|\s+[A-Z]))"
)
# What a noun standing alone as a phrase's head is followed by: punctuation, a possessive, or
# a verb ("the Taoiseach said", "the Taoiseach has").
_HEAD_FOLLOWER = frozenset(_SPEECH_WORDS | _REPORTING_VERBS | _ADVERBS)
_NAMES_BEFORE_TITLE = 2


def _titles_in(body: str) -> frozenset[str]:
    """The local titles the article teaches: a capitalised word that stands before a full
    name and is also used alone as a noun ("the Taoiseach said", "the Emir's"), or stands
    before several different names. News copy gives an office its holder's name once and
    then the office alone; a first name is never used so."""
    before: dict[str, set[str]] = {}
    for match in _BEFORE_NAME.finditer(body[: _LONGEST_PARAGRAPH * 5]):
        word, first, last = match.groups()
        low = word.lower()
        if (
            word in _CAPITALISED_FUNCTION_WORDS
            or _is_role_word(low)
            or low in _HONORIFICS
            or low in _NATIONS
            or low in _PARTICLES
            or word in _ORGANISATION_WORDS
            or not all(_is_name_word(w) and not _is_role_word(w.lower()) for w in (first, last))
            or any(w in _ORGANISATION_WORDS for w in (first, last))
        ):
            continue
        if len(re.findall(rf"\b{re.escape(last)}\b", body)) < _NAMES_BEFORE_TITLE:
            continue  # a person named in full is named again by surname
        before.setdefault(word, set()).add(f"{first} {last}")
    learned = set()
    for word, names in before.items():
        alone = re.finditer(
            rf"\b[Tt]he {re.escape(word)}(?:['\u2019]s\b|\s*[^\w\s]|\s+([a-z]+))", body
        )
        if len(names) >= _NAMES_BEFORE_TITLE or any(
            not found.group(1) or found.group(1) in _HEAD_FOLLOWER for found in alone
        ):
            learned.add(word.lower())
    return frozenset(learned)


# A body's name and the abbreviation the article defines for it in brackets: "the Prime
# Minister's Office (PMO)", "the Ministry of External Affairs (MEA)".
_DEFINED_ABBREVIATION = re.compile(
    r"((?:[A-Z][\w\u2019'-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){1,7})\(([A-Z]{2,8})\)"
)


def _abbreviations_in(body: str) -> dict[str, str]:
    """The abbreviations the article defines, each with the full form it stands for: the
    initials of the capitalised words before the brackets, read back from the nearest."""
    defined = {}
    for match in _DEFINED_ABBREVIATION.finditer(body[: _LONGEST_PARAGRAPH * 5]):
        words, abbreviation = match.group(1).split(), match.group(2)
        capitalised = [i for i, word in enumerate(words) if word[:1].isupper()]
        count = len(abbreviation)
        if len(capitalised) < count:
            continue
        first = capitalised[-count]
        if "".join(words[i][0] for i in capitalised[-count:]) == abbreviation:
            defined[abbreviation] = " ".join(words[first:])
    return defined | _abbreviations_used(body, defined)


# A body's name in capitals, "of" and "the" between: "Office of the President of Ukraine".
_BODY_NAME = re.compile(
    r"\b[A-Z][\w\u2019'-]*(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?[A-Z][\w\u2019'-]*){1,6}"
)


def _abbreviations_used(body: str, defined: dict[str, str]) -> dict[str, str]:
    """Abbreviations the article uses without defining them ("The OP also emphasizes"), each
    with the one body it names whose leading capitals spell it ("Office of the President of
    Ukraine"). A title ("PM"), a nation or a common acronym is never one; nor is an
    abbreviation two bodies could spell."""
    text = body[: _LONGEST_PARAGRAPH * 5]
    used = {
        word
        for word in re.findall(r"\b[A-Z]{2,5}\b", text)
        if word not in defined
        and word not in _ACRONYMS
        and word.lower() not in _NATIONS
        and not _is_title(word.lower())
    }
    if not used:
        return {}
    spelled: dict[str, set[str]] = {}
    for match in _BODY_NAME.finditer(text):
        words = match.group().split()
        if words[0] in ("The", "A", "An"):
            words = words[1:]
        if not any(word in _ORGANISATION_WORDS for word in words):
            continue
        capitals = [word[0] for word in words if word[:1].isupper()]
        for count in range(2, len(capitals) + 1):
            initials = "".join(capitals[:count])
            if initials in used:
                spelled.setdefault(initials, set()).add(" ".join(words))
    # A leader known by initials: "AMLO" is Andrés Manuel López Obrador, "MBS" Mohammed bin
    # Salman, every word of the name counted.
    longest = max(len(word) for word in used)
    for match in _PERSON_NAME.finditer(text):
        words = match.group().split()
        for first in range(len(words)):
            for last in range(first + 2, min(first + longest, len(words)) + 1):
                window = words[first:last]
                initials = "".join(word[0] for word in window).upper()
                if initials in used and window[-1][:1].isupper():
                    spelled.setdefault(initials, set()).add(" ".join(window))
    return {word: next(iter(names)) for word, names in spelled.items() if len(names) == 1}


# Capitalised words with the particles names carry: "Mohammed bin Salman".
_PERSON_NAME = re.compile(
    r"\b[A-Z][^\W\d_]+(?:\s+(?:(?:bin|bint|al|el|de|da|van|von)\s+)?[A-Z][^\W\d_]+)+"
)


# One capitalised word right before a speech verb, or right after "said"/"says".
_WORD_SPEAKING = re.compile(
    r"\b([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)(?:\s+[a-z]+ly)?\s+([a-z]+)\b"
    r"|\b(?:said|says)\s+([A-Z][^\W\d_]+)\b"
)
_AFTER_PREPOSITION = re.compile(r"\b(?:of|in|from|at|to|for|with|by)\s+$")
# The verbs that make a capitalised word their speaking subject: every finite speech verb,
# and "spoke".
_SPEAKING_VERBS = frozenset(_FINITE_VERBS) | {"spoke", "speaks"}
# "Macron said" once is enough: a capitalised word that is a speech verb's subject is a
# name unless it is a function word or a plural source ("Sources said", "Critics say").
_SPEAKING_EVIDENCE = 1
_SOURCES = frozenset(
    "sources critics analysts observers experts reports witnesses aides insiders others "
    "residents protesters activists people officials diplomats".split()
)


def _names_no_one(phrase: str) -> bool:
    """A source the copy does not name: "a senior official", "two diplomats", "officials"."""
    words = phrase.lower().split()
    return bool(words) and (
        words[0] in _INDEFINITE | _COUNTS or (len(words) <= _LONGEST_NAME and words[-1] in _SOURCES)
    )


def _person_words(body: str) -> frozenset[str]:
    """Single words the article shows somewhere to be a person's name: the last word after a
    title or form of address ("Mr Putin", "President Vladimir V. Putin"), or a capitalised
    word it makes speak more than once ("Trump said ... Trump told")."""
    body = body[: _LONGEST_PARAGRAPH * 5]
    counts: dict[str, int] = {}
    for match in _WORD_SPEAKING.finditer(body):
        if match.group(2) and (
            match.group(2) not in _SPEAKING_VERBS
            # "the Prince of Wales branded": a preposition's object is not the subject.
            or _AFTER_PREPOSITION.search(body, max(0, match.start() - 6), match.start())
        ):
            continue
        said = match.group(1) or match.group(3)
        word = _fold(said)
        if said in _CAPITALISED_FUNCTION_WORDS or word in _GROUP_NOUNS | _SOURCES:
            continue  # "Sources said", "Officials told": no one's name
        counts[word] = counts.get(word, 0) + 1
    words = {word for word, count in counts.items() if count >= _SPEAKING_EVIDENCE}
    for match in _ADDRESSED.finditer(body):
        low = match.group(1).lower()
        name = match.group(2).split()
        if (
            (low not in _HONORIFICS and low not in _TITLES)
            or _is_title(_bare(name[-1]))
            or not all(_is_name_word(w) for w in name)
        ):
            continue
        words.update(_fold(_drop_possessive(name[-1:])[0]).split()[-1:])
    return frozenset(words)


# A word and the capitalised words after it, to find a title or form of address before a
# name: "Mr Putin", "President Vladimir V. Putin". (One alternation of every title is slower.)
_ADDRESSED = re.compile(
    r"\b([A-Za-z][a-z-]*)\.?\s+(?=((?:[A-Z][\w.\u2019'-]*\s+){0,2}[A-Z][\w\u2019'-]*))"
)


def _is_headline(paragraph: str, first: bool = False) -> bool:
    """Whether a paragraph is a headline, kicker or crosshead: short, with no full stop, and
    in title case or very short; the story's first such line is its headline whatever its
    case ("EU Summit: 'A good day for Europe' as EU leaders grant candidate status ...")."""
    words = paragraph.split()
    if len(words) > _LONGEST_HEADLINE or paragraph.rstrip("\"'\u201d\u2019 ")[-1:] in (
        ".",
        "!",
        "?",
        ":",
    ):
        return False
    capitalised = sum(1 for word in words if word[:1].isupper())
    return first or capitalised * 2 >= len(words) or len(words) <= _SHORT_HEADLINE


# A dateline opens wire copy's first paragraph and says where (and when, and for which
# agency) it was filed, never who speaks: "MUNICH —", "LIVERPOOL, England —",
# "WASHINGTON (AP) —", "BEIJING, Jan 27 (Xinhua) --", "MOSCOW (Sputnik, 25th July)",
# "MOSCOW, April 13. /TASS/.". The
# place is in capitals; a hyphen counts as its dash only with a space before it or doubled,
# so "US-China talks" is no dateline.
_DATELINE = re.compile(
    # UPI dates its copy instead, "April 7 (UPI) --", and some agencies write the place as
    # a name is written: "Los Angeles, June 10 (RHC)--".
    r"^(?:(?:[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){0,2},\s*)?"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?=\s*\()"
    # "Jakarta, MINA –": a place written as a name, then the agency in capitals.
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s*[A-Z]{2,8}(?=\s*(?:[\u2014\u2013]|--))"
    r"|[A-Z][A-Z'\u2019.]+(?:[ /-][A-Z][A-Z'\u2019.]+){0,3})"
    r"(?:,\s*[A-Z][\w'\u2019]*\.?(?:\s+[A-Z][\w'\u2019]*){0,2})?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?)?"
    r"(?:\.\s*/[A-Z]{2,10}/\.?|\s*\([^()]{1,60}\)\s*(?:[\u2014\u2013:]|--?)"
    r"|\s*\([^()]{0,40}\d[^()]{0,20}\)"
    r"|\s*\([A-Z]{2,8}\)(?=\s+[A-Z])|\s*(?:[\u2014\u2013]|--)|\s+-"
    # A page whose "(AP) —" was lost in copying glues the place to the story's first word:
    # "SAN FRANCISCOPresident Joe Biden on Thursday ...".
    r"|(?<=[A-Z]{2})(?=[A-Z][a-z]{2}))\s*"
)
# Agency English ends its dateline with a colon: "NEW DELHI:", "VIENTIANE, Laos:", "NEW
# DELHI, Sept 16:". A transcript labels its speakers the same way ("KAROLINE LEAVITT:"),
# but again and again; a dateline opens one paragraph of the story. So the colon form is a
# dateline only in an article where one paragraph opens with it.
_COLON_DATELINE = re.compile(
    r"^[A-Z][A-Z'\u2019.]+(?:[ /-][A-Z][A-Z'\u2019.]+){0,3}"
    r"(?:,\s*[A-Z][\w'\u2019]*\.?(?:\s+[A-Z][\w'\u2019]*){0,2})?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?)?"
    r"\s*:\s+(?=\S)"
)


# A round-up's topic before its speaker's next words: 'On Brexit: "..."'. It names no
# speaker, so the quote is whoever has the floor.
_TOPIC_LABEL = re.compile(r"^\s*(?:On|About|Regarding|Asked about)\s[^:\x1f]{1,60}:\s*(?::\s*)?$")


def _is_colon_dateline(paragraph: str) -> bool:
    """ "NEW DELHI:" may be a dateline; "FRENCH PRESIDENT PAUL GIRARD:" holds a title, so it
    labels a speaker, however few times the article does so."""
    found = _COLON_DATELINE.match(paragraph)
    return found is not None and not any(
        _is_title(word.lower()) for word in re.findall(r"[A-Za-z]+", found.group())
    )


def _paragraphs(body: str) -> Iterator[tuple[int, str]]:
    # Copy pasted from a web page has one paragraph per line; copy from a word processor or
    # an e-mail is hard-wrapped, with blank lines between paragraphs.
    separator = r"\n[ \t\r]*\n" if re.search(r"\n[ \t\r]*\n", body) else r"\n"
    position = 0
    for match in [*re.finditer(separator, body), None]:
        chunk = body[position : match.start() if match else len(body)]
        stripped = chunk.strip()
        if stripped:
            yield position + chunk.index(stripped), stripped
        if match:
            position = match.end()


_ANY_OPENER = re.compile("``|[\"\u201c\u201e\u00ab\u2018']")


def _find_quotes(paragraph: str) -> list[_Quote]:
    quotes = []
    position = 0
    while position < len(paragraph):
        candidate = _ANY_OPENER.search(paragraph, position)
        if candidate is None:
            break
        position = candidate.start()
        opener = _opener_at(paragraph, position)
        if opener is None:
            position += 1
            continue
        text_start = position + len(opener)
        close_at, closer = _closer_after(paragraph, text_start, opener)
        if (
            not closer
            and opener in _SINGLE_MARKS | {"\u2018"}
            and not _opens_speech(paragraph, position, text_start)
        ):
            position += 1  # an apostrophe, not a quotation mark
            continue
        # An unclosed quote runs to the end of the paragraph: news style leaves a quote open
        # when the same speaker continues in the next paragraph.
        text_end = close_at if closer else len(paragraph)
        quote_close = close_at + len(closer) if closer else len(paragraph)
        text = paragraph[text_start:text_end]
        if text.strip():
            start = text_start + len(text) - len(text.lstrip())
            end = text_end - (len(text) - len(text.rstrip()))
            quotes.append(_Quote(position, start, end, quote_close))
        position = quote_close
    return quotes


def _opens_speech(paragraph: str, position: int, text_start: int) -> bool:
    """Whether an unclosed single mark opens a quote that runs on into the next paragraph:
    in house styles that quote with single marks, "Mr Sunak said: 'China poses ..." or a
    paragraph that opens with one before a capital. An apostrophe never stands there."""
    lead = paragraph[:position].rstrip()
    return (not lead or lead.endswith(":")) and paragraph[text_start : text_start + 1].isupper()


def _opener_at(paragraph: str, position: int) -> str | None:
    for opener in _OPENERS:
        if paragraph.startswith(opener, position):
            # A single quote opens speech only at a word's start and before a word; elsewhere
            # it is an apostrophe ("Greece's", "leaders' cabins").
            before = paragraph[position - 1] if position else " "
            after = paragraph[position + 1 : position + 2]
            if opener in ("\u2018", "'") and (before.isalnum() or not after.isalnum()):
                return None
            return opener
    return None


# Each opener's closing marks as one pattern: the scan jumps from candidate to candidate
# instead of testing every character of the paragraph.
_CLOSER_SEARCH = {
    opener: re.compile("|".join(re.escape(c) for c in closers))
    for opener, closers in _CLOSERS.items()
}


def _closer_after(paragraph: str, position: int, opener: str) -> tuple[int, str]:
    search = _CLOSER_SEARCH[opener].search
    while (found := search(paragraph, position)) is not None:
        position = found.start()
        for closer in _CLOSERS[opener]:
            if paragraph.startswith(closer, position):
                if closer in _SINGLE_MARKS and paragraph[position + 1 : position + 2].isalpha():
                    break  # an apostrophe inside a word, as in "don’t"
                if closer == "'" and opener == "'" and paragraph[position - 1] == "s":
                    if paragraph[position + 1 : position + 2] == " " and _plural_possessive(
                        paragraph, position
                    ):
                        break  # "the leaders' cabins"
                return position, closer
        position += 1
    return len(paragraph), ""


_NOT_POSSESSED = frozenset(
    "on in at and to for of from with as after over by or but is are was were has have "
    "will would amid despite".split()
)


def _plural_possessive(paragraph: str, position: int) -> bool:
    following = re.match(r"\s+([a-z]\w*)", paragraph[position + 1 : position + 40])
    # "the leaders' cabins" goes on with a noun; "'no plans' for summit" with a function word.
    return following is not None and following.group(1) not in _NOT_POSSESSED


def _blank_quotes(paragraph: str, quotes: list[_Quote]) -> str:
    blanked = list(paragraph)
    for quote in quotes:
        blanked[quote.open : quote.close] = _BLANK * (quote.close - quote.open)
    return "".join(blanked)


def _nickname_span(paragraph: str, quote: _Quote) -> str:
    """A quote with the words either side of it: 'Joko "Jokowi" Widodo'."""
    before = re.search(r"(\S+)\s+$", paragraph[: quote.open])
    after = re.match(r"\s+(\S+)", paragraph[quote.close :])
    if before is None or after is None:
        return ""
    return f"{before.group(1)} {paragraph[quote.start : quote.end]} {after.group(1)}"


# A first name, a nickname that is one capitalised word, a surname: 'Joko "Jokowi" Widodo'.
_NICKNAMED = re.compile(r"([A-Z][\w-]+) [A-Z][\w-]+ ([A-Z][\w-]+)")


def _without_asides(text: str) -> str:
    """`text` with its bracketed one-word asides blanked, same length: "Joko Widodo
    (Jokowi) stated", "People's Party (right-wing) MP Franz Gruter" read as if the brackets
    were not there. A dateline's "(AP)" follows capitals; no quote is inside one."""
    if "(" not in text:
        return text
    return _ASIDE.sub(lambda aside: " " * len(aside.group()), text)


def _sentences(paragraph: str, quotes: list[_Quote], blanked: str) -> list[tuple[int, int]]:
    cuts = set()
    # Full stops inside a quote are blanked, so they never end the sentence around it.
    for match in re.finditer(r"[.!?]+", blanked):
        if match.group() == "." and _is_abbreviation(paragraph, match.start()):
            continue
        end = match.end()
        while end < len(paragraph) and paragraph[end] in ")]\u2019":
            end += 1
        if _sentence_starts_at(paragraph, end):
            cuts.add(end)
    for quote in quotes:
        last = paragraph[quote.start : quote.end][-1:]
        # "Is this fair?" Merkel asked. -- the attribution still belongs to the quote; but a
        # quote closed by a full stop is a sentence, and "He said ..." after it a new one
        # (an attribution after a quote takes a comma).
        if (
            last in ".!?"
            and _sentence_starts_at(paragraph, quote.close)
            and (last == "." or not _attribution_follows(paragraph, quote.close))
        ):
            cuts.add(quote.close)
    spans = []
    start = 0
    for cut in [*sorted(cuts), len(paragraph)]:
        piece = paragraph[start:cut]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            spans.append((left, cut - (len(piece) - len(piece.rstrip()))))
        start = cut
    return spans


def _is_abbreviation(paragraph: str, dot: int) -> bool:
    found = re.search(r"([\w.]+)$", paragraph[max(0, dot - 20) : dot])
    if found is None:
        return False
    word = found.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _sentence_starts_at(paragraph: str, position: int) -> bool:
    following = re.match(r"\s+(\S)", paragraph[position : position + 40])
    if following is None:
        return False
    first = following.group(1)
    return first.isupper() or first.isdigit() or any(first == o[0] for o in _OPENERS)


def _attribution_follows(paragraph: str, position: int) -> bool:
    clause = re.split(r"[.!?\"\u201c]", paragraph[position : position + 120], maxsplit=1)[0]
    words = clause.split()[:6]
    return bool(_speech_verbs(" ".join(words)))


# A title's dot, and a generation's ("Ferdinand R. Marcos Jr. affirmed"), is no full stop:
# left as a token it would end the name before its verb. Copy may drop the space after it.
_ABBREVIATED_TITLE = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Prof|Gen|Col|Sen|Rep|Gov|Lt|Capt|Adm|Rt|Hon|Smt|Hj|Jr|Sr)\.\s*"
)
_POSTED_TO = re.compile(
    r"\b((?:[Aa]mbassador|[Ee]nvoy|[Rr]epresentative|[Ee]missary|[Dd]elegate)s?)\s+to\s+"
    r"(?:the\s+)?(?:United\s+(?:States|Kingdom|Nations)|European\s+Union|African\s+Union"
    r"|[A-Z][\w.]*)(?=\s+[A-Z])"
)
_BLANKS = re.compile("\x1f+")
_TWO_OFFICES = re.compile(r"(?<=[a-z])/(?=[A-Z][a-z])")
_INITIALISM = re.compile(r"\b([A-Z])\.([A-Z])\.")
_SECRETARY_GENERAL = re.compile(r"\b([Ss]ecretary)[ -]([Gg]eneral)\b")
_SECRETARY_OF_STATE = re.compile(r"\b([Ss]ecretary) of ([Ss]tate)\b")
_HEAD_OF_STATE = re.compile(r"\b([Hh]ead) of ([Ss]tate|[Gg]overnment)\b")
_CHIEF_OF_STAFF = re.compile(r"\b([Cc]hief) of ([Ss]taff)\b")
_NUMBER_TEN = re.compile(r"\b(Number|No\.?) 10\b")
# "Secretary of Defense Lloyd Austin" is the defense secretary; read so, "of" no longer ends
# the title before the name.
_SECRETARY_OF = re.compile(
    r"\b([Ss]ecretary) of (?:the )?(Defen[cs]e|Treasury|Commerce|Energy|Labor|Agriculture"
    r"|Health|Education|Transportation|Homeland Security|the Interior|Veterans Affairs)\b"
)
# A title in the plural before names, "Presidents Joe Biden and Xi Jinping", gives each of
# them the title: read it in the singular so it is never taken for a first name.
_BRACKETED_ABBREVIATION = re.compile(r"\s*\([A-Z]{2,8}\)")
_PLURAL_TITLE = re.compile(r"\b([A-Za-z][a-z-]+)s(?=\s+[A-Z])")


def _singular_title(match: re.Match[str]) -> str:
    word = match.group(1)
    return word if word.lower() in _TITLES else match.group()


def _tokens(text: str) -> list[str]:
    return list(_tokenised(text))


# "Her Majesty", the monarch, not "Her Majesty's Government" or "... Treasury".
_MAJESTY = re.compile(r"\b(Her|His)\s+Majesty\b(?!\s*['\u2019]s\s+(?:Government|Treasury))")


# A sentence is read several times (subject, attribution, register); tokenise it once.
@lru_cache(maxsize=2048)
def _tokenised(text: str) -> tuple[str, ...]:
    if _BLANK in text:
        # A blanked quote is no space between two names (to `re`, the blank is whitespace):
        # 'Kim "requested a meeting," Moon said' names Kim and Moon, not a "Kim Moon".
        text = _BLANKS.sub(" \u2033 ", text)
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    if "presidential office" in text:
        # "the presidential office said": the head of state's office, a body, as its capitals
        # would make it.
        text = text.replace("presidential office", "Presidential Office")
    if "/" in text:
        # "Minister/State Secretary Moerdiono": two offices held, one title.
        text = _TWO_OFFICES.sub(" ", text)
    if "Dato" in text:
        text = re.sub(r"\bDato['\u2019]", "Dato", text)  # the Malay style, apostrophe and all
    if "." in text:
        text = _MONSIEUR.sub(r"\1Monsieur", text)
        text = _ABBREVIATED_TITLE.sub(r"\1 ", text)  # "Dr.Rouhani" too
        text = _INITIALISM.sub(r"\1\2", text)
    if " to " in text:
        # "Ukraine's ambassador to the UN Sergiy Kyslytsya": where an envoy is posted is part
        # of the title, not of the name after it.
        text = _POSTED_TO.sub(r"\1", text)
    if "ecretary" in text:
        # "Secretary of State" is one title; joining it keeps "State" from reading as a name.
        text = _SECRETARY_GENERAL.sub(r"\1-\2", text)
        text = _SECRETARY_OF_STATE.sub(r"\1-of-\2", text)
        text = _SECRETARY_OF.sub(r"\2 \1", text)
    if "ead of " in text:
        # "the head of state noted": a nation's leader, one title.
        text = _HEAD_OF_STATE.sub(r"\1-of-\2", text)
    if "10" in text:
        # "the Number 10 source", "a No 10 spokesman": Downing Street, one word.
        text = _NUMBER_TEN.sub(r"\1-10", text)
    if "of staff" in text or "of Staff" in text:
        text = _CHIEF_OF_STAFF.sub(r"\1-of-\2", text)
    if "Majesty" in text:
        # "Her Majesty mentioned": the monarch, as "the Queen" would name her.
        text = _MAJESTY.sub(lambda m: "the Queen" if m.group(1) == "Her" else "the King", text)
    if "(" in text:
        # "the Ministry of External Affairs (MEA) stated": the bracketed abbreviation repeats
        # the name, and must not cut it from its verb.
        text = _BRACKETED_ABBREVIATION.sub("", text)
    if "'s" in text or "\u2019s" in text:
        # "South Korea's president": one possessor, read as the nation it names.
        text = _NATION_POSSESSOR.sub(lambda m: m.group(1).replace(" ", "-"), text)
    if _SHOUTED.search(text):
        text = _SHOUTED.sub(_unshouted, text)
    text = _PLURAL_TITLE.sub(_singular_title, text)
    return tuple(t.rstrip(".") or t for t in _TOKEN.findall(text))


# Two or more words in capitals, as a wire round-up labels its speakers ("GERMAN CHANCELLOR
# ANGELA MERKEL:"): read as a name is written, or the run reads as one body's acronym. The
# acronyms kept are those a title or a body is named by.
_SHOUTED = re.compile(r"\b[A-Z][A-Z'\u2019.-]+(?:\s+[A-Z][A-Z'\u2019.-]+)+\b")
_ACRONYMS = frozenset(
    """
    US USA UK UN EU NATO ASEAN BRICS OPEC APEC CHOGM SADC ECOWAS IAEA WHO IMF WTO OSCE AU GCC
    SCO G7 G8 G20 OAS CIS CSTO ICC NSC DPRK ROK PRC UAE
    """.split()
)


def _unshouted(run: re.Match[str]) -> str:
    return " ".join(
        word if word in _ACRONYMS or "." in word else word.capitalize()
        for word in run.group().split()
    )


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _is_name_word(token: str) -> bool:
    return (
        token[:1].isupper()
        and token not in _CAPITALISED_FUNCTION_WORDS
        and any(ch.isalpha() for ch in token)
    ) or (token[:1].islower() and _PREFIXED_NAME.match(token) is not None)


# Arabic and other family names written with their article or particle joined on:
# "al-Assad", "el-Sisi", "bin-Zayed", "d'Estaing".
_PREFIXED_NAME = re.compile(r"(?:al|el|ad|as|ash|az|bin|ibn|abu|d)[-\u2019'][A-Z]")


@lru_cache(maxsize=8192)
def _bare(token: str) -> str:
    return re.sub(r"['\u2019]s?$", "", token.lower())


def _fits_noun_phrase(token: str) -> bool:
    return _fits_noun_phrase_by_lexicon(token) or _bare(token) in _ARTICLE_TITLES.get()


@lru_cache(maxsize=8192)
def _fits_noun_phrase_by_lexicon(token: str) -> bool:
    # "the French president's office": the possessive title still belongs to the phrase, so
    # the phrase can be recognised as a possessor and not mistaken for a speaker.
    low = _bare(token)
    return (
        _is_name_word(token)
        or low in _TITLES
        or low in _ROLE_MODIFIERS
        or low in _HONORIFICS
        or low in _GROUP_NOUNS
        or low in _DOCUMENTS
        or token in _BODY_NOUNS
    )


def _is_possessive(token: str) -> bool:
    return token.endswith(("'s", "\u2019s", "s'", "s\u2019"))


def _phrase_ending(tokens: list[str]) -> list[str]:
    phrase: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        low = token.lower()
        if _fits_noun_phrase(token) or (
            # "von der Leyen said": particles chain back from the name.
            low in _PARTICLES
            and phrase
            and (_is_name_word(phrase[0]) or phrase[0].lower() in _PARTICLES)
        ):
            phrase.insert(0, token)
            continue
        if _joins_body_name(tokens, index, phrase) or (
            # "the president of Turkiye said": the nation completes the title before it.
            low == "of"
            and len(phrase) == 1
            and _bare(phrase[0]) in _NATIONS
            and index > 0
            and _is_title(_bare(tokens[index - 1]))
        ):
            phrase.insert(0, token)
            continue
        if low == "of" and phrase and index > 0:
            # "President Evo Morales of Bolivia said", "Jens Stoltenberg of NATO said": a
            # person named in full, then where or what they are of.
            person = _phrase_ending(tokens[:index])
            named = _read_phrase(person) if person else None
            if named is not None and named.kind == "name" and (len(named.words) > 1 or named.role):
                return person
        if low in _DETERMINERS and phrase:
            phrase.insert(0, token)
        break
    return phrase


def _joins_body_name(tokens: Sequence[str], index: int, phrase: list[str]) -> bool:
    """Whether "of" at `index` joins an institution's name: "the Ministry of External
    Affairs", "the Office of the President". After a person's title, "of" starts a
    complement instead ("the Prime Minister of Vietnam, Pham Minh Chinh")."""
    return (
        tokens[index] == "of"
        and index > 0
        and tokens[index - 1] in _ORGANISATION_WORDS
        and bool(phrase)
        and _is_name_word(phrase[0])
    )


def _name_after_particles(tokens: list[str], index: int) -> bool:
    """Whether a name word follows, past any further particles: "von der Leyen"."""
    while index < len(tokens) and tokens[index].lower() in _PARTICLES and tokens[index].islower():
        index += 1
    return index < len(tokens) and _is_name_word(tokens[index])


def _portfolio_length(words: Sequence[str]) -> int:
    """How many words after a title name its portfolio ("of Foreign Affairs", "of
    communications") before the holder's name, or 0 if no person's name follows them."""
    index = 1 if words[:1] == ["of"] else 0
    if not index:
        return 0
    while (
        index < len(words)
        and (
            words[index].lower() in _ROLE_MODIFIERS
            or _fold(words[index]) in _NATIONS
            or words[index] in ("the", "and", "for", "Europe", "Asia", "Africa", "Americas")
            or (words[index].islower() and words[index].isalpha())
            # "of the Federal Council", "of the European Commission": a body's capitals.
            or words[index] in _ORGANISATION_WORDS
            or (
                words[index][:1].isupper()
                and _ORGANISATION_WORDS & set(words[index + 1 : index + 3])
            )
        )
    ):
        index += 1
    name = list(words[index : index + _LONGEST_NAME])
    while name and not _is_name_word(name[-1]):
        name.pop()
    # "President of Egypt Abdel Fattah El-Sisi's speech": the holder named as an owner.
    name = _drop_possessive(name)
    return index if len(name) >= _SHORTEST_FULL_NAME and _looks_like_person(name) else 0


def _phrase_starting(tokens: list[str]) -> list[str]:
    phrase: list[str] = []
    for index, token in enumerate(tokens):
        low = token.lower()
        if not phrase and low in _DETERMINERS:
            phrase.append(token)
        elif token == "of" and phrase and _is_title(_bare(phrase[-1])):
            # "said Minister of Foreign Affairs Wang Yi": the portfolio, then the name.
            portfolio = _portfolio_length(tokens[index:])
            if not portfolio:
                break
            phrase += tokens[index : index + portfolio]
            phrase += _phrase_starting(tokens[index + portfolio :])
            break
        elif (
            low in _HONORIFICS
            and any(not _is_title(_bare(w)) and w.lower() not in _HONORIFICS for w in phrase[-1:])
            and any(_is_name_word(w) for w in phrase)
            and (*[w.lower() for w in phrase[-1:]], low) not in _HONORIFIC_PAIRS
        ):
            # "at Carbis Bay Mr Johnson": a form of address opens a new name.
            break
        elif token in _BODY_NOUNS:
            # "the Swiss foreign ministry said" ends the phrase; "the Swedish government
            # leader", "a Chinese government statement" are read as before, without it.
            if phrase and not _noun_phrase_goes_on(tokens, index + 1):
                phrase.append(token)
            break
        elif _fits_noun_phrase(token):
            phrase.append(token)
            if _is_possessive(token) and not _is_title(low):
                break
        elif (
            (
                low in _PARTICLES
                or (token in ("of", "on", "for") and phrase and phrase[-1] in _ORGANISATION_WORDS)
            )
            and phrase
            and _name_after_particles(tokens, index + 1)
        ):
            phrase.append(token)
        else:
            break
    if len(phrase) == 1 and phrase[0].lower() in _DETERMINERS:
        return []
    return phrase


def _noun_phrase_goes_on(tokens: list[str], index: int) -> bool:
    return index < len(tokens) and _fits_noun_phrase(tokens[index])


def _read_phrase(phrase: list[str]) -> _Reference | None:
    """What a noun phrase refers to: a named person, an organisation, a group or a role."""
    titles = _ARTICLE_TITLES.get()
    if len(phrase) > 1 and _is_possessive(phrase[0]):
        # "Germany's Merkel", "Russia's Sergei Lavrov": the nation qualifies the name.
        nation = _drop_possessive(phrase[:1])[0]
        named = _read_phrase_once(tuple(phrase[1:]), titles)
        if _fold(nation) in _NATIONS and named is not None and named.kind == "name":
            return replace(named, role=(nation.lower(), *named.role))
    return _read_phrase_once(tuple(phrase), titles)


# The same phrase is read for the speaker, the subject and the register of one sentence;
# the article's own titles are part of the key, as they change how it reads.
@lru_cache(maxsize=4096)
def _read_phrase_once(phrase: tuple[str, ...], titles: frozenset[str]) -> _Reference | None:
    # `titles` is read through _is_title; it is here as part of the cache's key.
    words = list(phrase)
    determiner = words[0].lower() if words and words[0].lower() in _DETERMINERS else ""
    if determiner:
        words = words[1:]
    if not words or _is_possessive(words[-1]):
        return None
    last = words[-1].lower()
    if last in _DOCUMENTS:
        return _Reference("document", tuple(words))
    if last in _GROUP_NOUNS or last in _BODY_NOUNS:
        return _read_group(words) if last in _GROUP_NOUNS else _national_body(words)
    # "the Swedish government leader" is the Swedish leader.
    words = [w for w in words if w not in _BODY_NOUNS]
    owner = max((i for i, word in enumerate(words[:-1]) if _is_possessive(word)), default=-1)
    # "NPR's Christopher Joyce", "India's G20 Sherpa Amitabh Kant": the possessor says whose
    # they are; the words after it name them ("the Prime Minister's Office" is an office).
    owned = _read_phrase_once(tuple(words[owner + 1 :]), titles) if owner >= 0 else None
    if owned is None or owned.kind != "name" or len(owned.words) < _SHORTEST_FULL_NAME:
        owned = None
    held = owned or _name_after_body(words) or _title_of_nation(words, determiner)
    if held is not None or ("of" in words and words[0] in _ORGANISATION_WORDS):
        return held or _Reference("organisation", tuple(words))
    words, honorific = _without_honorifics(words)
    titled = [i for i, word in enumerate(words) if _is_title(_bare(word))]
    if titled:
        return _read_titled(words, titled[-1], determiner, honorific)
    return _read_name(words, determiner, honorific)


_SHORTEST_FULL_NAME = 2


def _national_body(words: list[str]) -> _Reference | None:
    """ "the Swiss foreign ministry", "Russia's defence ministry": a body named without
    capitals, speaking for its nation; with no nation ("the ministry") no one."""
    nations = [w for w in words[:-1] if _fold(_drop_possessive([w])[0]) in _NATIONS]
    return _Reference("organisation", tuple(words)) if nations else None


def _title_of_nation(words: list[str], determiner: str) -> _Reference | None:
    """ "The president of Turkiye" is "the Turkish president"."""
    if (
        len(words) > _SHORTEST_FULL_NAME
        and words[-2] == "of"
        and _bare(words[-1]) in _NATIONS
        and all(_is_role_word(_bare(word)) for word in words[:-2])
    ):
        role = (_bare(words[-1]), *(_bare(word) for word in words[:-2]))
        return _Reference("role", (), role, definite=bool(determiner))
    return None


def _name_after_body(words: list[str]) -> _Reference | None:
    """A full name straight after the body its holder heads: "(the new President of) the
    European Council Antonio Costa" is Costa, not an institution of that name."""
    bodies = [index for index, word in enumerate(words) if word in _ORGANISATION_WORDS]
    if not bodies:
        return None
    tail = words[bodies[-1] + 1 :]
    # "the Ministry of Commerce spokesman Gao Feng": the body, his title, then him.
    titled = 1 + max((i for i, w in enumerate(tail) if _is_title(_bare(w))), default=-1)
    tail = tail[titled:]
    if (
        len(tail) < _SHORTEST_FULL_NAME
        or not _is_name_word(tail[0])
        or not all(_is_name_word(w) or w.lower() in _PARTICLES for w in tail)
        or any(_is_title(_bare(w)) or _bare(w) in _HONORIFICS for w in tail)
    ):
        return None
    role = tuple(w.lower() for w in words[: bodies[-1] + 1 + titled])
    return _Reference("name", tuple(tail), role)


def _without_honorifics(words: list[str]) -> tuple[list[str], str]:
    """The words with the forms of address before the name dropped, and the last of them:
    the full name is the name's words only ("Datuk Seri Anwar Ibrahim" is Anwar Ibrahim)."""
    honorific = ""
    while len(words) > 1:
        if tuple(w.lower() for w in words[:2]) in _HONORIFIC_PAIRS and len(words) > 2:  # noqa: PLR2004
            honorific, words = words[1], words[2:]
        elif words[0].lower() in _HONORIFICS or words[0] == "HE":
            # "HE" in capitals is His (or Her) Excellency; "He Lifeng" is a name.
            honorific, words = words[0], words[1:]
        else:
            break
    return words, honorific


def _read_group(words: list[str]) -> _Reference | None:
    if words[0].lower() in _COUNTS:
        # "Two Southeast Asian diplomats": sources counted, not named.
        return _Reference("role", (), tuple(w.lower() for w in words), definite=False)
    # "the G8 leaders" is someone; "the leaders" could be any of them.
    if not any(_is_name_word(w) for w in words[:-1]):
        return None
    return _Reference("group", tuple(words))


def _read_titled(words: list[str], last: int, determiner: str, honorific: str) -> _Reference | None:
    portfolio = _portfolio_length(words[last + 1 :])
    role = _role(words[: last + 1 + portfolio])
    name, styled = _without_honorifics(words[last + 1 + portfolio :])
    honorific = styled or honorific
    if name and _looks_like_person(name):
        return _Reference("name", tuple(name), role, honorific=honorific)
    if name and _fold(" ".join(name)) in _NATIONS:
        return _Reference("organisation", tuple(name))  # "SAARC Chair Nepal" is Nepal
    if name:
        return _Reference("organisation", tuple(words))
    if not all(_is_name_word(w) or _is_role_word(_bare(w)) for w in words[: last + 1]):
        return None
    return _Reference("role", (), role, definite=determiner not in _INDEFINITE)


def _read_name(words: list[str], determiner: str, honorific: str) -> _Reference | None:
    if len(words) > 1 and words[0].lower() in _OPENING_PARTICIPLES:
        # "Thanking Erdogan for his hospitality, he said": the participle opens a clause.
        words = words[1:]
    single = words[0] if len(words) == 1 else ""
    if (
        not all(_is_name_word(word) or word.lower() in _PARTICLES for word in words)
        or determiner in _INDEFINITE
        or (single.lower() in _NATIONS and _is_nation_adjective(single))
    ):
        return None
    if honorific and _looks_like_person(words):
        return _Reference("name", tuple(words), honorific=honorific)
    institution = (
        determiner == "the"
        or (len(words) > 1 and not _looks_like_person(words))
        or (single.isupper() and len(single) > 1)
        or single.lower() in _NATIONS
    )
    return _Reference("organisation" if institution else "name", tuple(words))


# Participles that open a sentence before a name, never part of it.
_OPENING_PARTICIPLES = frozenset(_PARTICIPLES) | frozenset(
    "thanking welcoming greeting meeting visiting hosting congratulating receiving inviting "
    "accompanying joining following including addressing speaking asking responding".split()
)


def _is_nation_adjective(word: str) -> bool:
    # "British" qualifies a speaker; "Britain" and "Moscow" can be one.
    low = word.lower()
    return _NATIONS.get(low) != low and low.endswith(("an", "ese", "ish", "ch", "ic", "i"))


def _role(words: list[str]) -> tuple[str, ...]:
    role = " ".join(_bare(word) for word in words if word.lower() not in _HONORIFICS)
    role = role.replace("secretary general", "secretary-general")
    role = re.sub(r"\bpm\b", "prime minister", role)
    return tuple(role.split())


def _drop_possessive(words: list[str]) -> list[str]:
    return [re.sub(r"['\u2019]s?$", "", word) for word in words]


# "Lloyd J. Austin III", "King Felipe VI", "Pope Benedict XVI": a generation or a regnal
# number closes a name and makes no acronym of it.
_GENERATION = re.compile(r"(?:(?i:jr|sr)\.?|X{0,2}(?:IX|IV|V?I{1,3})|X{1,2}V?|X{0,2}V)$")


def _is_regnal_number(word: str) -> bool:
    return _is_generation(word) and word.rstrip(".").upper() not in ("JR", "SR")


def _is_generation(word: str) -> bool:
    # "I" alone is the pronoun; a numeral is in capitals ("Xi" is a name, "XI" a number).
    return word != "I" and _GENERATION.match(word) is not None


# A name with a generation has a first name and a surname before it.
_SHORTEST_WITH_GENERATION = 2


# Words that open place names, not people's: "St Petersburg", "Port Moresby", "Mount Fuji".
_PLACE_PREFIXES = frozenset(
    "St Ste Saint Sankt San Santa Santo Sao Port Porto Puerto Fort Mount Lake Cape".split()
)


def _looks_like_person(words: list[str]) -> bool:
    return (
        len(words) <= _LONGEST_NAME
        # "von der Leyen" opens with its particles.
        and (_is_name_word(words[0]) or (words[0] in _PARTICLES and _is_name_word(words[-1])))
        and words[0].rstrip(".") not in _PLACE_PREFIXES
        and all(_is_name_word(w) or w.lower() in _PARTICLES for w in words)
        and not any(w in _ORGANISATION_WORDS for w in words)
        and not any(w.isupper() and len(w) > 1 and not _is_generation(w) for w in words)
        and not any(_is_possessive(w) for w in words)
        and not any(_is_role_word(_bare(w)) for w in words)
        and _fold(" ".join(words)) not in _NATIONS  # "North Korea", "Saudi Arabia"
        and _fold(words[-1]) not in _REGION_ADJECTIVES  # "Gulf Arab states", "East Asian"
    )


# Adjectives of a region, never a surname: "the leaders of ... Gulf Arab states".
_REGION_ADJECTIVES = frozenset(
    "arab arabian asian european african nordic baltic caribbean latin balkan scandinavian".split()
)


_QUOTED_AS = re.compile(r"\s+(.{2,60}?)\s+as\s+(?:saying|telling|stating|writing)\b")
# A speaker's label before the words, as transcripts and live blogs print them.
_SPEAKER_LABEL = re.compile(r"^\s*([A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})\s*:\s*$")
# A transcript's speaker label opening a paragraph: "PRESIDENT BIDEN:", "MR. PESKOV:", "Q:".
_TRANSCRIPT_LABEL = re.compile(r"^\s*([A-Z][A-Z.'\u2019-]*(?:\s+[A-Z][A-Z.'\u2019-]*){0,3}):\s+\S")
# A label that names no one but hands the floor on: "Quote:", "His words:", "In her words:".
_OWN_WORDS_LABEL = re.compile(
    r"^\s*(?:(?:in\s+)?(his|her)\s+(?:own\s+)?words|quote)\s*:\s*$", re.IGNORECASE
)
# A headline's leading name and colon, its words following: 'Putin: The "liberal idea" ...'.
_HEADLINE_LABEL = re.compile(r"^\s*([A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,2})\s*:\s")
_NOT_SPEAKER_LABELS = frozenset(
    """Q A Question Answer Update Note Watch Read Listen Video Quote Quotes Photo Source Context
    Background Editor Summary Statement Transcript""".split()
)
# A speech noun and who made it: "an appeal from Donald Tusk for ...", "a warning by ...".
_SPEECH_NOUN_FROM = re.compile(
    r"\b(?:appeal|call|plea|warning|pledge|promise|demand|request|message|remarks|comments"
    r"|criticism|praise|words|statement|letter|offer)\s+(?:from|by)\s+(.+)$"
)
_COMMENTING_ON = re.compile(
    r"(?:^|(?<=[.!?])\s)\s*(?:Commenting|Responding|Reacting|Replying|Referring)\s+(?:on|to)\s+"
    r"(?:the\s+|a\s+)?(?:(?:[\w-]+\s+){0,2}?(?:statement|remarks?|comments?|claims?|words"
    r"|assertion|suggestion|warning|accusations?)\s+(?:by|of|from)\s+([^,;:\x1f]{2,90}?)"
    r"|([^,;:\x1f]{2,60}?)['\u2019]s?\s+(?:[\w-]+\s+){0,2}?(?:statement|remarks?|comments?"
    r"|claims?|words|assertion|suggestion|warning|accusations?))\s+(?:that\b[^,;:\x1f]{0,60}?"
    r"|:\s*)$"
)
_COPULA = re.compile(r"\b(?:was|is|were|are|remains|remained|seemed|seems)\b")
# A noun of speech right before a quote: "made the claim that '...'", "his message: '...'".
_SPEECH_NOUN_BEFORE = re.compile(
    r"\b(claim|warning|pledge|promise|vow|assurance|assertion|message|remarks|comments"
    r"|plea|appeal|boast|accusation|admission|reminder|declaration|prediction)s?"
    r"\s*(?:that\s*|:\s*|,\s*)?$"
)


# A person "of" a body, just before a relative pronoun: "Bill Plante of CBS News, who".
_ORGANISATION_OF = re.compile(
    r"(.*?\b[A-Z][\w.\u2019'-]*)\s+of\s+(?:the\s+)?(?:[A-Z][\w.&'-]*\s*){1,5}$"
)
_RELATIVE_WHO = re.compile(
    r"(?:,\s*|(?<=[a-z])\s+)who\s*"
    r"(?:(?:\w+ly|yesterday|today|also|later|earlier|previously|again|then|had|has|have"
    r"|would|will|once|first|(?:this|last)\s+(?:week|month|year|morning))\s*){0,2}$"
)
# An article and an adjective or two before a name: "a bullish Sarkozy".
_DESCRIBED_NAME = re.compile(r"((?:[Aa]|[Aa]n|[Tt]he)\s+(?:[a-z][a-z-]+\s+){1,2})[A-Z]")
_DESCRIBED_REACH = 6
_DESCRIBED_SUBJECT_REACH = 4


def _described_name(tokens: list[str], reach: int) -> _Reference | None:
    """The name an article and an adjective or two describe, within `reach` tokens: "a
    bullish Sarkozy", "An affable Putin"; not "The embrace of Assad"."""
    described = _DESCRIBED_NAME.match(" ".join(tokens[:reach]))
    if described is None or set(described.group(1).split()[1:]) & _TITLE_BREAKS:
        return None
    named = _read_phrase(_phrase_starting(tokens[len(described.group(1).split()) :]))
    return named if named is not None and named.kind == "name" else None


def _phrase_before(text: str, whole: bool) -> _Reference | None:
    """The speaker phrase that ends `text`, as in `Lavrov, however,` before `said`.

    With `whole`, the phrase must be all there is (bar punctuation): after a quote,
    `"...," but Lavrov said` opens a new clause and is not the quote's attribution.
    """
    named = _titled_appositive(_strip_adverbs(text))
    if named is not None:
        return named
    relative = _RELATIVE_WHO.search(text)
    if relative:
        # "after a summit with Trump, who called it": the relative pronoun's antecedent,
        # whatever preposition stands before it; "Bill Plante of CBS News, who notes" is
        # the person, not the body they are of.
        tokens = _tokens(text[: relative.start()])
        antecedent = _read_phrase(_phrase_ending(tokens))
        of_body = _ORGANISATION_OF.search(text[max(0, relative.start() - 120) : relative.start()])
        if of_body is not None and antecedent is not None and antecedent.kind == "organisation":
            person = _read_phrase(_phrase_ending(_tokens(of_body.group(1))))
            if person is not None and person.kind == "name":
                return person
        return antecedent
    tokens = _tokens(_strip_to_speaker(text))
    if tokens and tokens[-1].lower() in _PRONOUNS:
        reference: _Reference | None = _Reference("pronoun", (tokens[-1].lower(),))
        rest = tokens[:-1]
    else:
        phrase = _phrase_ending(tokens)
        reference = _read_phrase(phrase)
        rest = tokens[: len(tokens) - len(phrase)]
        portfolio = _with_portfolio(rest, phrase)
        if portfolio is not None:
            # "Minister of Health Simon Hamilton said": the title and its portfolio name
            # him; read from "Health" alone the phrase is a body.
            reference, rest = portfolio
        member = _member_of(rest) if reference is not None else None
        if member is not None and reference is not None and reference.kind == "organisation":
            # "Arthur Ngoma of the rebel Congolese Democratic Coalition said": the person,
            # not the body they are of.
            reference, rest = member
    if reference is not None and reference.kind == "role":
        # "A business leader complained": an adjective the lexicon lacks between the
        # article and the title still makes the role indefinite, no one named.
        for reach in (2, 3):
            lead = rest[-reach:]
            if (
                len(lead) == reach
                and lead[0].lower() in _INDEFINITE
                and all(token.islower() and _is_word(token) for token in lead[1:])
            ):
                reference = replace(reference, definite=False)
                rest = rest[:-reach]
                break
    owner = rest[-1:] if reference is not None and reference.kind == "role" else []
    if owner and owner[0] in _OWNERS:
        # "his foreign secretary said": a title someone holds under the person the story
        # follows names a different, unnamed person.
        reference = _Reference("owned", (owner[0],), reference.role) if reference else None
        rest = rest[:-1]
    if (whole and any(_is_word(token) for token in rest) and not _describes(rest, reference)) or (
        # "officials in London said": a preposition's object is never the verb's subject.
        rest and rest[-1].lower() in _PREPOSITIONS and not owner
    ):
        return None
    return reference


# "Moon's chief press secretary, Yoon Young-chan, said": a title, then the name of the one
# who holds it between commas. The name is the speaker, with the title as their role;
# an appositive that is no bare name ("Rasmussen, head of the federation, said") is not.
_APPOSITIVE = re.compile(r",\s*([^,]{1,60}),\s*$")


_OF_COMPLEMENT = re.compile(
    r"\b([A-Za-z-]+) of (?:the )?[A-Z][\w\u2019'-]*(?: [A-Z][\w\u2019'-]*)*$"
)


def _titled_appositive(text: str) -> _Reference | None:
    appositive = _APPOSITIVE.search(text)
    if appositive is None:
        return None
    tokens = _tokens(appositive.group(1))
    phrase = _phrase_starting(tokens)
    name = _read_phrase(phrase) if len(phrase) == len(tokens) else None
    if name is None or name.kind != "name" or name.role:
        return None
    before = _tokens(text[: appositive.start()])
    head = _read_phrase(_phrase_ending(before))
    if head is not None and head.kind == "role":
        return _Reference("name", name.words, head.role, honorific=name.honorific)
    # "the current president of the Council, Charles Michel, told": a title with its
    # complement, the name set off after it.
    titled = _OF_COMPLEMENT.search(" ".join(before[-_LONGEST_APPOSITIVE:]))
    if titled is None or not _is_title(titled.group(1).lower()):
        return None
    return _Reference("name", name.words, (titled.group(1).lower(),), honorific=name.honorific)


_PREPOSITIONS = frozenset("in at from with for to on near inside outside".split())
# Words no description of a titled person holds: "Aides to President Xi said", "Officials
# who briefed Prime Minister Kishida said" are others.
_NOT_DESCRIBING = (
    _PREPOSITIONS
    | _INDEFINITE
    | _COUNTS
    | frozenset(_PRONOUNS)
    | frozenset(
        """
        of by about against between and or but nor than as who whom whose which that this
        these those after before when while where because since if although though
        """.split()
    )
)
_OWNERS = frozenset("his her their its our my your His Her Their Its Our My Your".split())


def _with_portfolio(rest: list[str], phrase: list[str]) -> tuple[_Reference, list[str]] | None:
    """The name read with the title and "of" that stand before `phrase`, and what is left."""
    if rest[-1:] == ["of"]:
        cut = len(rest) - 1
    elif rest[-2:] == ["of", "the"]:
        cut = len(rest) - 2
    else:
        return None
    titled = _phrase_ending(rest[:cut])
    if not titled or not _is_title(_bare(titled[-1])):
        return None
    wider = _read_phrase([*titled, *rest[cut:], *phrase])
    if wider is None or wider.kind != "name":
        return None
    return wider, rest[: cut - len(titled)]


def _member_of(rest: list[str]) -> tuple[_Reference, list[str]] | None:
    """The person named before "of (the) ..." that ends `rest`, and what stands before them."""
    words = list(rest)
    while words and words[-1].islower() and words[-1] not in ("of", "the"):
        words.pop()  # "of the rebel ...": a description of the body
    if words[-1:] == ["the"]:
        words.pop()
    if words[-1:] != ["of"]:
        return None
    phrase = _phrase_ending(words[:-1])
    named = _read_phrase(phrase)
    if named is None or named.kind != "name":
        return None
    return named, words[: len(words) - 1 - len(phrase)]


def _describes(rest: list[str], reference: _Reference | None) -> bool:
    """Whether the words before a titled name only describe its holder: "Veteran opposition
    leader Raila Odinga", "Brazil's leftist President Lula", "Zimbabwe's ruling party
    spokesman Didymus Mutasa" are one subject with the name."""
    if reference is None or reference.kind != "name" or not reference.role:
        return False
    words = rest[1:] if rest and rest[0].lower() == "the" else rest
    return all(
        _is_word(word)
        and (
            (word.lower() not in _NOT_DESCRIBING and word.lower() not in _OWNERS)
            # "Nigeria's Minister of Foreign Affairs X", "The chairman of the AU Commission X":
            # a title's own "of (the)".
            or (word == "of" and index > 0 and _is_title(_bare(words[index - 1])))
            or (word == "the" and index > 0 and words[index - 1] == "of")
        )
        for index, word in enumerate(words)
    )


# "According to him": an object pronoun standing alone is the subject pronoun's person
# ("according to her spokesman" is not her).
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}


def _phrase_after(text: str) -> _Reference | None:
    tokens = _tokens(text)
    if tokens and tokens[0].lower() in _PRONOUNS and tokens[0].islower():
        return _Reference("pronoun", (tokens[0],))
    if tokens[:1] and tokens[0] in _OBJECT_PRONOUNS and not any(map(_is_word, tokens[1:2])):
        return _Reference("pronoun", (_OBJECT_PRONOUNS[tokens[0]],))
    described = _described_name(tokens, _DESCRIBED_REACH)
    if described is not None:
        return described  # "said a bullish Sarkozy", "said an emotional Zelensky"
    phrase = _phrase_starting(tokens)
    if len(phrase) == 1 and _is_possessive(phrase[0]):
        # "said Labour's Keir Starmer": the possessor qualifies the name after it.
        owned = _read_phrase(_phrase_starting(tokens[1:]))
        if owned is not None and owned.kind == "name":
            return owned
        # "said France's president": a nation's title, as "the French president" is.
        held = _read_phrase([phrase[0], *_phrase_starting(tokens[1:])])
        if held is not None and held.kind == "role":
            return held
    return _read_phrase(phrase)


def _phrase_after_alone(text: str) -> _Reference | None:
    """The phrase after an inverted verb, only if nothing but punctuation follows it."""
    tokens = _tokens(text)
    if tokens and tokens[0].lower() in _PRONOUNS and tokens[0].islower():
        phrase = tokens[:1]
        reference: _Reference | None = _Reference("pronoun", (tokens[0],))
    else:
        phrase = _phrase_starting(tokens)
        reference = _read_phrase(phrase)
    if any(_is_word(token) for token in tokens[len(phrase) :]):
        return None
    return reference


def _strip_adverbs(text: str) -> str:
    """ "Meloni's spokesman, Paolo Rossi, later" is "Meloni's spokesman, Paolo Rossi,"."""
    text = text.rstrip()
    if "day" in text[-24:]:
        text = _ON_WEEKDAY.sub("", text)
    while word := re.search(r"(\w+)$", text):
        if not (
            word.group(1).lower() in _ADVERBS
            or (word.group(1).endswith("ly") and word.group(1).islower())
        ):
            break
        text = text[: word.start()].rstrip()
    return text


# "Prime Minister Anwar Ibrahim on Tuesday lauded": the day is no part of the subject.
_ON_WEEKDAY = re.compile(
    r"\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+\w+ly)?$"
)


def _strip_to_speaker(text: str) -> str:
    text = text.rstrip()
    while text:
        stripped = _strip_adverbs(text)
        if stripped != text:
            text = stripped
            continue
        if text.endswith(","):
            # "Rasmussen, however, stressed" / "Marchand, head of the federation, who called"
            inner = text[:-1]
            comma = inner.rfind(",")
            if comma < 0 or len(inner[comma + 1 :].split()) > _LONGEST_APPOSITIVE:
                return ""
            text = inner[:comma].rstrip()
            continue
        break
    return text


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """A name as compared: case, accents, dots and a leading "the" ignored."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"[.\u2019']", "", plain).replace("-", " ")
    words = plain.split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _blends(word: str, name: tuple[str, ...]) -> bool:
    """Whether `word` is the given name and two or three letters of the surname."""
    if len(name) < _SHORTEST_FULL_NAME or not word.startswith(name[0]):
        return False
    rest = word[len(name[0]) :]
    return _SHORTEST_BLEND <= len(rest) <= _LONGEST_BLEND and name[-1].startswith(rest)


_SHORTEST_BLEND, _LONGEST_BLEND = 2, 3


def _is_joined_nation(word: str) -> bool:
    """Whether `word` is a nation of several words joined as a possessor ("South-Korea's")."""
    joined = _drop_possessive([word])[0].lower()
    return "-" in joined and _is_possessive(word) and joined.replace("-", " ") in _MANY_WORDED


_MANY_WORDED = frozenset(nation for nation in _NATIONS.values() if " " in nation)


def _nations_in(words: Sequence[str]) -> frozenset[str]:
    folded = [_fold(w) for w in words]
    pairs = {f"{a} {b}": (a, b) for a, b in pairwise(folded) if f"{a} {b}" in _NATIONS}
    # "North Korean" names North Korea, not the Korea "Korean" alone stands for.
    paired = {_fold(w) for pair in pairs.values() for w in pair}
    found = {_NATIONS[w] for w in folded if w in _NATIONS and w not in paired}
    found |= {_NATIONS[pair] for pair in pairs}
    return frozenset(found)


def _title_words(role: Sequence[str]) -> frozenset[str]:
    # "secretary-general" is a title whole; its parts ("secretary") are not its holder's.
    words = {w.casefold() for w in role} | {
        part for w in role if not _is_title(w.casefold()) for part in _fold(w).split()
    }
    words = {w for w in words if _is_role_word(w)}
    if "premier" in words:
        # "the premier" is the prime minister: "Prime Minister Shehbaz Sharif ... the premier".
        words = (words - {"premier"}) | {"prime"}
    if "pontiff" in words:
        words = (words - {"pontiff"}) | {"pope"}  # "Pope Francis ... the pontiff said"
    if "prime" in words:
        words.add("minister")
    return frozenset(words)


def _role_fits(asked: Sequence[str], held: Sequence[str], held_nations: frozenset[str]) -> int:
    """How well a title the article uses fits a role held: 0 not at all, 2 with its nation."""
    wanted = _title_words(asked) - {"top", "senior", "new", "former", "summit"}
    have = _title_words(held)
    if "diplomat" in wanted:
        # "Russia's top diplomat", "the diplomat" after "Foreign Minister Sergey Lavrov":
        # a foreign minister, secretary of state, ambassador or envoy.
        if not (
            {"foreign", "minister"} <= have
            or {"foreign", "secretary"} <= have
            or have & {"secretary-of-state", "ambassador", "envoy", "diplomat"}
        ):
            return 0
        wanted = wanted - {"diplomat", "chief"}
    elif wanted & _HEAD_WORDS:
        # "the NATO chief", "the French leader": whoever heads that body or nation.
        if not have & _HEAD_TITLES or "deputy" in have or "vice" in have:
            return 0
        wanted = wanted - _HEAD_WORDS
    elif not wanted or not wanted <= have or ("deputy" in have and "deputy" not in wanted):
        return 0
    nations = _nations_in(asked)
    if nations and held_nations and not nations <= held_nations:
        return 0  # "the French president" is never the American one
    if nations & _BLOCS and not nations <= held_nations:
        # "The NATO head" is whoever the article ties to NATO, never a president of no
        # stated nation (Trump at a NATO summit).
        return 0
    return 2 if nations and nations <= held_nations else 1


def _roster_role(entry: RosterEntry) -> list[str]:
    return _fold(entry.role).replace("secretary general", "secretary-general").split()


def _names_by(how: str, variant: tuple[str, ...], asked: tuple[str, ...]) -> bool:
    if how == "full":
        return variant == asked
    if how == "surname":
        return variant[-len(asked) :] == asked
    return len(asked) == 1 and variant[0] == asked[0]


class _Roster:
    """The summit's participants: names, aliases, roles, delegations, the host."""

    def __init__(self, entries: Sequence[RosterEntry]) -> None:
        self.entries = list(entries)
        self.names: list[tuple[tuple[str, ...], RosterEntry]] = [
            (tuple(_fold(variant).split()), entry)
            for entry in self.entries
            for variant in (entry.name, *entry.aliases)
            if _fold(variant)
        ]

    def named(self, words: Sequence[str]) -> tuple[RosterEntry | None, str]:
        """The one participant these words name (in full, by surname, by family name)."""
        asked = tuple(_fold(" ".join(words)).split())
        if not asked:
            return None, ""
        # In full, then by surname, then by family name first ("Xi" for Xi Jinping).
        for how in ("full", "surname", "family"):
            found = {
                entry.slug: entry for variant, entry in self.names if _names_by(how, variant, asked)
            }
            if len(found) == 1:
                return next(iter(found.values())), ""
            if len(found) > 1:
                names = " and ".join(sorted(e.name for e in found.values()))
                return None, f"the roster has {names}"
        return None, ""

    def titled(self, role: Sequence[str]) -> tuple[RosterEntry | None, str]:
        """The one participant holding this title at the summit: "the French president"."""
        if tuple(_fold(w) for w in role) == ("host",):
            hosts = [entry for entry in self.entries if entry.host]
            return (hosts[0], "the roster's host") if len(hosts) == 1 else (None, "")
        fits: dict[int, list[RosterEntry]] = {}
        for entry in self.entries:
            score = _role_fits(role, _roster_role(entry), self._nations(entry))
            if score:
                fits.setdefault(score, []).append(entry)
        if not fits:
            return None, ""
        best = fits[max(fits)]
        if len(best) > 1:
            names = " and ".join(sorted(e.name for e in best))
            return None, f"the roster has {names}"
        return best[0], f'the roster role "{best[0].role}"'

    @staticmethod
    def _nations(entry: RosterEntry) -> frozenset[str]:
        return _nations_in(f"{entry.role} {entry.delegation} {entry.name}".split())


class _Cast:
    """The people the story has introduced, and whom it is following."""

    def __init__(self, roster: _Roster) -> None:
        self.roster = roster
        self.people: list[_Person] = []
        # Bare titles the story gave the untitled person it followed, and when.
        self.titled_while_followed: dict[tuple[str, ...], tuple[_Person, int]] = {}
        self.clock = 0
        self.followed: list[_Speaker] = []
        # A source the article does not name, who has had the floor since the last named
        # speaker ("a No 10 spokesman"): "he" now is more likely them than anyone named.
        self.unnamed = ""
        # Who has been quoted, latest last: "the minister" after a quote is its speaker.
        self.quoted: list[_Person] = []
        # Everyone quoted or reported so far: a title with no holder can only be one of them.
        self.spoken: list[_Person] = []
        # The clock when the sentence being read began: who was named before it.
        self.sentence_began = 0
        # The texts (by their noun: "communique") the story has said a body or person
        # issued, with who issued it.
        self.issued: dict[str, _Speaker] = {}
        # Who the sentence before this one named, and its text.
        self.named_before: list[_Person] = []
        self.read_before = ""
        # The sentence being read, and where it starts.
        self.reading: tuple[str, int] = ("", -1)
        # Single words the article shows to be a person's name somewhere (folded).
        self.person_words: frozenset[str] = frozenset()
        # Abbreviations the article defines, with their full forms: a body is named in full.
        self.abbreviations: dict[str, str] = {}

    def find(self, words: tuple[str, ...]) -> list[_Person]:
        if len(words) == 1 and words[0] in self.abbreviations:
            words = tuple(self.abbreviations[words[0]].split())  # "Jokowi": Joko Widodo
        folded = _folded(words)  # "Keller-Sutter" is the two words "Karin Keller-Sutter" ends with
        by_tail = [
            p
            for p in self.people
            if _ends_with(_folded(p.words), folded)
            or _ends_with(_folded(_without_generation(p.words)), folded)
        ] or [p for p in self.people if _spelled_alike(_folded(p.words), folded)]
        if by_tail or len(folded) != 1:
            return by_tail
        # Family name first ("Xi" for "Xi Jinping"), only when no surname fits.
        first = [p for p in self.people if len(p.words) > 1 and _fold(p.words[0]) == folded[0]]
        if first:
            return first
        # A name of three words or more may be called by a middle one: "Idriss Deby Itno" is
        # "Deby", "Andres Manuel Lopez Obrador" is "Lopez".
        middle = [
            p
            for p in self.people
            if len(p.words) > _SHORTEST_WITH_GENERATION and folded[0] in _folded(p.words)[1:-1]
        ]
        if middle:
            return middle
        # A leader called by their given name and the start of their surname: "Jokowi" is
        # Joko Widodo. One person only.
        blended = [p for p in self.people if _blends(folded[0], _folded(p.words))]
        return blended if len(blended) == 1 else []

    def meet(
        self, words: tuple[str, ...], role: tuple[str, ...] = (), single: bool = False
    ) -> _Person | None:
        words = tuple(_drop_possessive(list(words)))
        known = self.find(words) or [
            p
            for p in self.people
            if _ends_with(_folded(words), _folded(p.words))
            # "President Trump ... Ivanka Trump": a titled surname is someone already; a
            # full name given without that title may be another of the family.
            and not (len(p.words) == 1 and p.roles and not role and len(words) > 1)
        ]
        if known:
            person = max(known, key=lambda p: p.seen)
            if len(words) > len(person.words) and (
                len(person.words) == 1 or not _ends_with(_folded(words), _folded(person.words))
            ):
                # "Xi" grows to "Xi Jinping"; a full name does not grow by what stands before
                # it ("Defiant Theresa May", "Ex-commissioner Lord Hill").
                person.words = words
        else:
            entry, _ = self.roster.named(words)
            if len(words) == 1 and not single and entry is None:
                return None
            person = _Person(words, entry=entry)
            self.people.append(person)
        if person.entry is None:
            person.entry, _ = self.roster.named(person.words)
        if role and role not in person.roles:
            person.roles.append(role)
        if not person.gender:
            if _FEMININE & set(role):
                person.gender = "f"
            elif _MASCULINE & set(role):
                person.gender = "m"
        self.clock += 1
        person.seen = person.named_at = self.clock
        return person

    def begin_sentence(self, sentence: str, start: int) -> None:
        # A sentence may be read twice (for quotes, then for reported speech): only a new
        # one moves "the sentence before" on.
        if (sentence, start) != self.reading:
            self.read_before = self.reading[0]
            self.reading = (sentence, start)
            self.named_before = [p for p in self.people if p.named_at > self.sentence_began]
        self.sentence_began = self.clock

    @staticmethod
    def nations_of(person: _Person) -> frozenset[str]:
        nations = _nations_in([w for held in person.roles for w in held])
        if person.entry is not None:
            nations |= _Roster._nations(person.entry)
        return nations

    def holders(self, role: tuple[str, ...]) -> list[_Person]:
        """The people the article has given this title: "the president", "the PM"."""
        # "The Republican leader" is only someone the article has called Republican: a
        # qualifier that is no title and no nation must be among the words they were given.
        qualifiers = {w for w in role if not _is_role_word(w) and w not in _NATIONS}
        scored: dict[int, list[_Person]] = {}
        asked_nations = _nations_in(role)
        asked_heads = bool(_title_words(role) & _HEAD_TITLES)
        known_nation = False
        for person in self.people:
            if qualifiers - {w for held in person.roles for w in held}:
                continue
            nations = self.nations_of(person)
            held_roles = [
                *person.roles,
                *([_roster_role(person.entry)] if person.entry else []),
            ]
            score = max((_role_fits(role, held, nations) for held in held_roles), default=0)
            if asked_nations and any(_fold(w) in _PARTIES for held in person.roles for w in held):
                # "Kemi Badenoch, the Conservative leader" leads a party, not "the Ukrainian
                # leader"'s nation.
                score = 0
            if not score and asked_nations and asked_nations <= nations and asked_heads:
                # "Chinese leader Xi Jinping ... the Chinese president": who leads a nation
                # is its president, premier or leader, whichever word the copy uses.
                held_words = {_fold(w) for held in held_roles for w in held}
                score = 2 if held_words & _HEAD_TITLES else 0
            if score:
                scored.setdefault(score, []).append(person)
            known_nation = known_nation or bool(asked_nations and asked_nations <= nations)
        if known_nation:
            # "the Chinese president" is never someone whose nation the article has not given
            # when it has given someone that nation: President Joe Biden is not Chinese.
            scored.pop(1, None)
        return scored[max(scored)] if scored else []

    def speaker(self, person: _Person, how: str, said: str, sure: float, resolved: str) -> _Speaker:
        self.clock += 1
        person.seen = self.clock
        name = person.name
        if person.entry is not None and len(person.words) == 1:
            name = person.entry.name
        slug = person.entry.slug if person.entry else None
        evidence = f'"{said}" \u2192 {name}, {how}' if _fold(said) != _fold(name) else name
        if slug and how != "by the roster":
            evidence += f" (participant {slug})"
        return _Speaker(
            name, person, evidence=evidence, confidence=sure, participant=slug, resolved=resolved
        )

    def resolve(self, reference: _Reference | None, weak: bool = False) -> _Speaker:
        """Who the phrase names. A `weak` phrase (a sentence's subject, not a speech verb's)
        may name only someone already known: a lone capitalised word there is more often a
        place or an opener ("Top civil servant ...") than a person."""
        if reference is None:
            return _NOBODY
        if reference.kind in ("pronoun", "owned"):
            return self.pronoun(reference.words[0], reference.role)
        if reference.kind in ("organisation", "group", "document"):
            return self.organisation(reference)
        if reference.kind == "role":
            return self.role(reference)
        if weak and len(reference.words) == 1 and not reference.honorific:
            if not self.find(reference.words) and self.roster.named(reference.words)[0] is None:
                return _NOBODY
        return self.name(reference)

    def name(self, reference: _Reference) -> _Speaker:
        known = self.find(reference.words)
        if (
            not known
            and len(reference.words) == 1
            and not reference.honorific
            and not reference.role
            and self.roster.named(reference.words)[0] is None
            and _fold(reference.words[0]) not in self.person_words
        ):
            # One capitalised word the article has not shown to be a person (no first name,
            # title, form of address, roster entry, nor a second time speaking) may be a
            # policy, a place or a thing: "Brexit ... added", "Watford saying".
            word = reference.words[0]
            return _Speaker(
                "",
                evidence=f"probably {word} (one word, never shown to be a person)",
                settled=True,
            )
        if len({p.name for p in known}) > 1 and len(reference.words) == 1:
            names = " and ".join(sorted({p.name for p in known}))
            return _Speaker("", evidence=f'"{reference.said}" fits {names}', settled=True)
        person = self.meet(reference.words, reference.role, single=True)
        if person is None:
            return _NOBODY
        if len(reference.words) >= len(person.words):
            how = "named in full" if person.entry is None else "by the roster"
            return self.speaker(person, how, reference.said, _SURE["name"], "name")
        how = "the article's full name" if len(person.words) > 1 else "by the roster"
        return self.speaker(person, how, reference.said, _SURE["surname"], "surname")

    def organisation(self, reference: _Reference) -> _Speaker:
        if reference.kind == "document":
            return self.issuer(reference)
        # Only the last word's possessive is the phrase's: "Prime Minister's Office" keeps it.
        words = [*reference.words[:-1], *_drop_possessive(list(reference.words[-1:]))]
        if len(words) == 1 and words[0] in self.abbreviations:
            # "the PMO said" is the Prime Minister's Office the article spelled out.
            words = self.abbreviations[words[0]].split()
            titled = _read_phrase(["the", *words]) if _is_title(_bare(words[-1])) else None
            if titled is not None and titled.kind == "role":
                # "the EAM posted" is the External Affairs Minister, whoever holds it.
                return self.resolve(titled)
            known = self.find(tuple(words))
            if len(known) == 1:
                # "MBS said": the initials of a person the article names in full.
                how = "the initials of the article's full name"
                return self.speaker(known[0], how, reference.words[0], _SURE["surname"], "name")
        entry, _ = self.roster.named(words)
        # "South-Korea's" was joined to be read as one possessor; shown as the copy has it.
        said = " ".join(
            word.replace("-", " ") if _is_joined_nation(word) else word for word in words
        )
        if entry is not None:
            evidence = f'"{said}" \u2192 {entry.name}, by the roster (participant {entry.slug})'
            return _Speaker(
                entry.name,
                evidence=evidence,
                confidence=_SURE["roster"],
                participant=entry.slug,
                resolved="body",
            )
        kind = "group" if reference.kind == "group" else "body"
        return _Speaker(
            said, evidence=f'"{said}", a {kind}', confidence=_SURE["organisation"], resolved=kind
        )

    def issuer(self, reference: _Reference) -> _Speaker:
        """ "A Downing Street statement said": the body named before the text issued it."""
        issuer = _drop_possessive(list(reference.words[:-1]))
        if (
            not issuer
            or not all(_is_name_word(w) for w in issuer)
            or (len(issuer) == 1 and _is_nation_adjective(issuer[0]))
        ):
            known = self.issued.get(_bare(reference.words[-1]))
            if known is not None:
                # "G8 leaders failed to mention Assad in a final communique ... said the
                # communique": the text the story said they issued.
                return replace(
                    known,
                    evidence=f'"{reference.said}" \u2192 {known.name}, who the story says '
                    "issued it",
                    confidence=_SURE["organisation"],
                    resolved="issuer",
                )
            return _Speaker(
                "", evidence=f'"{reference.said}": a text, its issuer not named', settled=True
            )
        said = " ".join(issuer)
        entry, _ = self.roster.named(issuer)
        return _Speaker(
            entry.name if entry else said,
            evidence=f'"{reference.said}" \u2192 {said}, the body that issued it',
            confidence=_SURE["organisation"],
            participant=entry.slug if entry else None,
            resolved="issuer",
        )

    def role(self, reference: _Reference) -> _Speaker:
        said = reference.said
        if not reference.definite:
            return _Speaker("", evidence=f'"{said}": not one named person', settled=True)
        if self.unnamed and reference.role[-1:] == tuple(self.unnamed.split()[-1:]):
            # "A European diplomat said ... the diplomat added": the one not named.
            unnamed = self.unnamed
            who = unnamed if unnamed.split()[0].lower() in _DETERMINERS else f"the {unnamed}"
            why = f"{who} the article does not name"
            return _Speaker("", evidence=f'"{said}": probably {why}', settled=True)
        people = self.holders(reference.role)
        if reference.role in (("head-of-state",), ("monarch",)):
            # A monarch is their country's head of state, whatever title the article gave
            # the others: "The King ... Pedro Sanchez, the President of the Government ...
            # said the head of state"; and "the monarch" is the Queen the article named.
            people += [p for p in self.sovereigns() if p not in people]
            if reference.role == ("monarch",):
                crowned = [p for t in ("queen", "king", "emperor") for p in self.holders((t,))]
                people += [p for p in crowned if p not in people]
        if len(people) == 1 and not self.nations_of(people[0]):
            # "Vladimir Putin warned ... The Russian president said ... president Bashar
            # Assad's regime": a president of no stated nation, or the untitled man the
            # story has just been following.
            people += self.unplaced_rivals(reference, people[0])
        if len(people) == 1:
            how = people[0].titled_by or "the article's title for them"
            return self.speaker(people[0], how, said, _SURE["role"], "title")
        if len(people) > 1:
            names = " and ".join(sorted(p.name for p in people))
            current = self.quoted[-1] if self.quoted else None
            if current in people:
                # News copy says "the minister" for the one of two it has just been quoting.
                how = f"of {names}, the one the story is following"
                return self.speaker(current, how, said, _SURE["subject"], "title-followed")
            return _Speaker("", evidence=f'"{said}" fits {names}', settled=True)
        return self.unheld(reference)

    def unheld(self, reference: _Reference) -> _Speaker:
        """A title nobody in the article holds: the roster's holder, a sovereign's title,
        or the person the story follows."""
        said = reference.said
        entry, why = self.roster.titled(reference.role)
        if entry is not None:
            person = self.meet(tuple(entry.name.split()), reference.role, single=True)
            if person is not None:
                person.entry = entry
                person.titled_by = person.titled_by or f"by {why}"
                return self.speaker(person, f"by {why}", said, _SURE["roster"], "title-roster")
        if len(reference.role) == 1 and reference.role[0] in _SOVEREIGNS:
            reigning = self.sovereigns()
            if len(reigning) == 1:
                # "Felipe VI appealed ... The King stressed": the one monarch (or pope) the
                # article names by a regnal number, not a new person called "King".
                how = "the one sovereign the article names"
                return self.speaker(reigning[0], how, said, _SURE["role"], "sovereign")
            # "The Queen said she was proud": a title only one person holds, and the copy
            # needs no name for her; she is who "she" means next.
            title = reference.role[0].title()
            person = self.meet((title,), reference.role, single=True)
            if person is not None:
                how = "a title only one person holds"
                return self.speaker(person, how, said, _SURE["role"], "sovereign")
        return self.untitled(reference, why)

    def unplaced_rivals(self, reference: _Reference, holder: _Person) -> list[_Person]:
        current = self.current.person
        if (
            not _nations_in(reference.role)
            or current is None
            or current is holder
            or self.current.guessed
            or any(_title_words(held) & _OFFICES for held in current.roles)
        ):
            return []
        return [current] if current in self.named_before else []

    def sovereigns(self) -> list[_Person]:
        """The people the article names by a regnal number: "Felipe VI", "Pope Leo XIV"."""
        return [p for p in self.people if len(p.words) > 1 and _is_regnal_number(p.words[-1])]

    def just_named(self, reference: _Reference) -> _Person | None:
        """ "Emmanuel Macron was blunter. The French president called ...": the one person
        the sentence before named, the story following them, for a title that says more than
        a bare office (a nation, "former"); a bare "the prime minister" could be anyone."""
        current = self.current.person
        if (
            not (_nations_in(reference.role) or "former" in reference.role)
            or current is None
            or self.current.guessed
        ):
            return None
        return current if self.named_before == [current] else None

    def named_before_title(self, person: _Person, reference: _Reference) -> bool:
        sentence = self.reading[0]
        if person.named_at <= self.sentence_began or not reference.role:
            return False
        title = re.search(rf"\b{re.escape(reference.role[-1])}\b", sentence, re.IGNORECASE)
        name = re.search(rf"\b{re.escape(person.words[-1])}\b", sentence)
        return bool(title and name and name.start() < title.start())

    def untitled(self, reference: _Reference, why: str) -> _Speaker:
        # Never a place ("North Korea" read as a two-word name is no one's "the official"),
        # and never for the titles news copy gives its unnamed sources: "a senior official
        # ... the official said" is that official, not the person the story follows.
        # "David Cameron has warned ... the prime minister said": the person the story is
        # following was named without a title, and nobody else has been given one.
        said = reference.said
        current = self.current.person
        just_named = current is not None and self.just_named(reference) is current
        if (
            not why
            and current is not None
            # "Responding to Mr Trump, the Prime Minister said": copy does not name someone
            # and then call them by title in one sentence.
            and not self.named_before_title(current, reference)
            # A past office is never among the titles the article has given them so far, and
            # "the host" or "the alliance's chief negotiator" holds no office to clash with.
            and (
                not current.roles
                or (
                    just_named
                    and (
                        "former" in reference.role
                        or not any(_title_words(held) & _OFFICES for held in current.roles)
                    )
                )
            )
            and current.entry is None
            # A name of one word ("Xi", "Stoltenberg") only once it has spoken: until then
            # it may be a place or a thing.
            and (len(current.words) > 1 or any(current is q for q in self.spoken))
            and (
                just_named
                or (
                    not any(
                        p is not current and not p.roles and any(p is q for q in self.spoken)
                        for p in self.people
                    )
                    # "the U.S. president" for an untitled Obama: only when no one else
                    # could hold it, someone untitled or someone the article ties to that
                    # nation ("Poland's Andrzej Duda ... the Polish head of state").
                    and not (
                        _nations_in(reference.role)
                        and not _nations_in(current.words)
                        and any(
                            p is not current
                            and (
                                not p.roles
                                or any(
                                    _nations_in(reference.role) & _nations_in(held)
                                    for held in p.roles
                                )
                            )
                            for p in self.people
                        )
                    )
                )
            )
            and _fold(current.name) not in _NATIONS
            and not set(reference.role) & _SOURCE_TITLES
        ):
            # The story has now given them this title: "Boris Johnson has hailed ... The PM
            # insisted ..." makes a later "the prime minister" (or the headline's "PM", read
            # last) his, after others have spoken too.
            self.titled_while_followed.setdefault(reference.role, (current, self.sentence_began))
            return self.speaker(
                current,
                "the person the story follows, named without a title",
                said,
                _SURE["title-only"],
                "title-only",
            )
        earlier, since = self.titled_while_followed.get(reference.role, (None, self.clock))
        if earlier is not None and since < self.sentence_began and not why:
            how = "the person the story gave this title before"
            return self.speaker(earlier, how, said, _SURE["title-only"], "title-only")
        reason = f'"{said}": {why or "no one in the article or roster holds this title"}'
        return _Speaker("", evidence=reason, settled=True)

    def pronoun(self, pronoun: str, owned: tuple[str, ...] = ()) -> _Speaker:
        low = pronoun.lower()
        if owned:
            said = " ".join((low, *owned))
            return _Speaker(
                "", evidence=f'"{said}": someone the article does not name', settled=True
            )
        gender = _PRONOUNS[low]
        unnamed = set(self.unnamed.split())
        if (
            gender in ("m", "f")
            and unnamed
            and not unnamed & (_MASCULINE if gender == "f" else _FEMININE)
        ):
            return _Speaker(
                "",
                evidence=f'"{low}": probably {self.unnamed}, whom the article does not name',
                settled=True,
            )
        for speaker in reversed(self.followed[-6:]):
            if speaker.guessed:
                continue
            if low in ("it", "they"):
                if speaker.person is None:
                    return _Speaker(
                        speaker.name,
                        evidence=f'"{low}" \u2192 {speaker.name}, the body the story follows',
                        confidence=_SURE["pronoun"] - 0.1,
                        participant=speaker.participant,
                        resolved="pronoun-body",
                    )
                continue
            person = speaker.person
            if person is not None and self.object_here(person, low):
                continue  # "Thanking Erdogan for his hospitality, he said": not Erdogan
            if person is not None and person.gender in ("", gender):
                rival = self.rival(person, gender) or self.reported_subject(person, low)
                if rival is not None:
                    # "May defended Trump ... with Mr Trump arriving late. He described ...":
                    # someone of unknown sex followed, someone known to be a "he" named since.
                    return _Speaker(
                        "",
                        evidence=f'"{low}": probably {person.name} or {rival.name}',
                        settled=True,
                    )
                # Once "she" has pointed at someone, "he" should look past her.
                person.gender = gender
                return self.speaker(
                    person, "the person the story follows", low, _SURE["pronoun"], "pronoun"
                )
        return self.named_just_before(low, gender)

    def before_pronoun(self, pronoun: str) -> str | None:
        """This sentence's words before the pronoun being resolved, if it stands in it."""
        sentence = self.reading[0]
        at = re.search(rf"\b{pronoun}\b", sentence, re.IGNORECASE)
        return sentence[: at.start()] if at else None

    def named_here_before(self, pronoun: str) -> list[_Person]:
        """The people this sentence names before the pronoun ("Varadkar, who met Theresa
        May, said that she promised"), none of them the one the story follows."""
        before = self.before_pronoun(pronoun)
        if before is None or _speech_verbs(before):
            # "Varadkar said that she promised ...": inside another's reported words the
            # pronoun's clause is not the one that speaks.
            return []
        followed = self.current.person
        return [
            p
            for p in self.people
            if p.named_at > self.sentence_began
            and p is not followed
            and re.search(rf"\b{re.escape(p.words[-1])}\b", before)
        ]

    def object_here(self, person: _Person, pronoun: str) -> bool:
        """Whether this sentence names `person`, before the pronoun, as the object of a verb
        or a participle: "Thanking Erdogan for his hospitality, he said"."""
        before = self.before_pronoun(pronoun)
        found = _word_before_name(person, before, any_case=True) if before else None
        return found is not None and found.lower() in _OBJECT_BEFORE | _OPENING_PARTICIPLES

    def was_object(self, person: _Person) -> bool:
        """Whether the sentence before named `person` as a verb's or preposition's object:
        "she told Putin: ... And she confronted Putin" is never Putin's."""
        return _word_before_name(person, self.read_before) in _OBJECT_BEFORE

    def named_just_before(self, low: str, gender: str) -> _Speaker:
        """ "Mrs May flew to Paris, where she met President Emmanuel Macron. 'We had a good
        discussion,' he said": no one followed fits, but the sentence before named one
        person who can be a "he", and not as someone told or confronted."""
        here = self.named_here_before(low)
        fits = [p for p in here or self.named_before if p.gender in ("", gender)]
        if low in ("he", "she") and len(fits) == 1 and (here or not self.was_object(fits[0])):
            person = fits[0]
            person.gender = gender
            how = f"the only one {'this' if here else 'the'} sentence{'' if here else ' before'}"
            return self.speaker(
                person, f"{how} named whom it fits", low, _SURE["continues"], "pronoun-named"
            )
        return _Speaker("", evidence=f'"{low}": no one it can refer to', settled=True)

    def reported_subject(self, person: _Person, pronoun: str) -> _Person | None:
        """Someone this sentence reports on before the pronoun, as the subject of their own
        clause: in "Trump said Macron had been 'very insulting' when he warned ...", the
        "he" is as likely Macron as the Trump the story follows."""
        before = self.before_pronoun(pronoun)
        if before is None or not _speech_verbs(before):
            return None
        for other in self.people:
            if other is person or other.gender not in ("", _PRONOUNS[pronoun]):
                continue
            surname = re.escape(other.words[-1])
            if re.search(
                rf"\b{surname}\b(?:\s+of\s+[A-Z]\w+)?\s+(?:had|has|was|is|would|will)\b", before
            ):
                return other
        return None

    def rival(self, person: _Person, gender: str) -> _Person | None:
        """Someone named after `person`, before this sentence, whom the pronoun's sex fits
        surely, when it fits `person` only because their sex is unknown."""
        if person.gender:
            return None
        later = [
            p
            for p in self.people
            if p.gender == gender and person.seen < p.seen <= self.sentence_began
        ]
        return max(later, key=lambda p: p.seen) if later else None

    def follow(self, speaker: _Speaker) -> None:
        if speaker.name:
            self.followed.append(speaker)
            if not speaker.guessed:
                self.unnamed = ""

    def give_floor_to_unnamed(self, source: _Speaker) -> None:
        said = re.match(r'"([^"]+)"', source.evidence)
        self.give_floor_to(said.group(1) if said else "")

    def give_floor_to(self, said: str) -> None:
        words = said.split()
        # A source news copy leaves unnamed ("a No 10 spokesman"), or a title no one in
        # the story holds ("The PM said she had ... She also said"); only one: "officials
        # said" is no "he".
        if words and words[-1] in _PRONOUNS:
            return  # "she", blocked by the one who has the floor: they keep it
        if words and not words[-1].endswith("s") and words[-1] not in _GROUP_NOUNS:
            self.unnamed = said

    @property
    def current(self) -> _Speaker:
        return self.followed[-1] if self.followed else _NOBODY


def _without_generation(words: tuple[str, ...]) -> tuple[str, ...]:
    """ "Lloyd J. Austin III" is "Austin" by surname: the generation follows the surname."""
    if len(words) > _SHORTEST_WITH_GENERATION and _is_generation(words[-1]):
        return words[:-1]
    return words


def _keep_initials(person: _Person, sentence: str) -> None:
    """The name as the article spells it: "Lloyd J. Austin III", not "Lloyd J Austin III"."""
    for index, word in enumerate(person.words):
        if len(word) == 1 and word.isupper() and re.search(rf"\b{word}\.\s", sentence):
            person.words = (*person.words[:index], f"{word}.", *person.words[index + 1 :])


@lru_cache(maxsize=4096)
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    # "al-Assad" folds to two words, so "Assad" is its surname.
    return tuple(part for w in words for part in _fold(w).split())


def _word_before_name(person: _Person, text: str, *, any_case: bool = False) -> str | None:
    """The word before `person`'s surname (and any capitalised words of their name) in
    `text`: a lower-case one, or with `any_case` one that opens the sentence ("Thanking
    Erdogan"); None where `text` does not name them so."""
    word = "[A-Za-z]+" if any_case else "[a-z]+"
    found = re.search(
        rf"\b({word})\s+(?:[A-Z][\w.\u2019'-]*\s+)*{re.escape(person.words[-1])}\b"
        rf"(?![\u2019']s)",
        text,
    )
    return found.group(1) if found else None


# How alike two spellings of one surname are, by rapidfuzz's ratio (0-100): "Zelensky" and
# "Zelenskyy" score 94, "Erdogan" and "Erdoghan" 93; "Gaddafi" and "Gadhafi" only 86, as do
# "Johnson" and "Jonsson", two people, so a letter changed is left to the roster's aliases.
_SPELLING_VARIANT = 90
_SHORTEST_VARIANT = 5


def _spelled_alike(words: tuple[str, ...], tail: tuple[str, ...]) -> bool:
    """Whether `tail` ends `words` but for a spelling of the surname ("Volodymyr
    Zelensky" for "Volodymyr Zelenskyy")."""
    if not 0 < len(tail) <= len(words) or words[len(words) - len(tail) : -1] != tail[:-1]:
        return False
    said, known = tail[-1], words[-1]
    return (
        min(len(said), len(known)) >= _SHORTEST_VARIANT
        and said[:2] == known[:2]
        and fuzz.ratio(said, known) >= _SPELLING_VARIANT
    )


def _ends_with(words: tuple[str, ...], tail: tuple[str, ...]) -> bool:
    return 0 < len(tail) <= len(words) and words[len(words) - len(tail) :] == tail


class _Desk:
    """Reads an article paragraph by paragraph, as a sub-editor would."""

    def __init__(self, roster: _Roster) -> None:
        self.cast = _Cast(roster)
        self.reading_headlines = False
        # Whether a paragraph opening "NEW DELHI:" opens with a dateline (see
        # _COLON_DATELINE): set for the article once its paragraphs are known.
        self.colon_dateline = False
        # The body's attributed quotes: a headline quoting the same words quotes the same
        # speaker.
        self.body_quotes: list[tuple[str, _Speaker]] = []
        # Who last spoke, quoted or reported: the speaker of a quote with no attribution.
        self.last_speaker = _NOBODY
        # The people the article has named since the last speaker spoke: a quote with no
        # attribution after one of them is no longer surely the last speaker's.
        self.named_since: list[_Person] = []

    def speaker_heading(self, paragraph: str) -> bool:
        """A heading that is nothing but a speaker's name gives them the quotes under it, as
        a wire service's round-up of comments does ("CANADA PRIME MINISTER STEPHEN HARPER",
        then his words): a name, with a title or nation, and no verb or quote. Whether it
        was one."""
        # Its capitals are read as a name is written where words are read (_tokenised).
        heading = paragraph.strip()
        tokens = _tokens(heading)
        words = [w for w in tokens if _is_word(w)]
        if not words or any(w[0].islower() and w not in ("of", "the") for w in words):
            return False
        owner = next((i for i, t in enumerate(tokens) if _is_possessive(t)), -1)
        named = tokens[owner + 1 :]  # "South Africa's Jacob Zuma": the nation owns the name
        self.cast.begin_sentence(heading, 0)
        met = self.register(heading)
        if len(met) != 1 or len(_phrase_starting(named)) < len(named):
            return False
        how = "the heading above the quotes"
        self.heard(self.cast.speaker(met[0], how, heading, _SURE["name"], "name"))
        return True

    def headline_subject(self, before: str) -> _Speaker | None:
        """ "Biden calls Putin 'killer'", "Zelenskyy's anger over 'absurd' lack of timeline":
        a headline's quoted word is its subject's, the first person it names whom the body
        quotes or reports."""
        for token in _tokens(before.rsplit(":", 1)[-1]):
            word = _drop_possessive([token])
            if not word or not _is_name_word(word[0]):
                continue
            known = [p for p in self.cast.find(tuple(word)) if p in self.cast.spoken]
            if len({p.name for p in known}) == 1:
                found = self.cast.speaker(
                    known[0], "the headline's subject", token, _SURE["subject"], "surname"
                )
                return replace(found, route="headline-subject")
        return None

    def echoed(self, text: str) -> _Speaker | None:
        """The speaker the body gives the headline's quoted words, if it gives one."""
        words = _fold(text).strip(" ,.!?")
        if len(words.split()) == 1:
            return None
        names = {s.name: s for said, s in self.body_quotes if words in said or said in words}
        if len(names) > 1:
            return _Speaker(
                "",
                evidence=f"the body quotes these words from {' and '.join(sorted(names))}",
                settled=True,
            )
        if not names:
            return None
        speaker = next(iter(names.values()))
        return replace(
            speaker,
            evidence=f"{speaker.name}: the body quotes the same words from them",
            confidence=_SURE["subject"],
            route="echo",
        )

    def read_paragraph(self, paragraph: str, offset: int) -> list[Proposal]:
        dateline = _DATELINE.match(paragraph) or (
            _COLON_DATELINE.match(paragraph) if self.colon_dateline else None
        )
        if dateline and not self.reading_headlines:
            # "CHICAGO (AP) --" says where, never who: blanked before anything is read, so
            # neither a quote's attribution nor the story's subject can be the place.
            paragraph = " " * dateline.end() + paragraph[dateline.end() :]
        shown = paragraph  # what the proposals quote: a label or nickname blanked stays in it
        label = _TRANSCRIPT_LABEL.match(paragraph) if not self.reading_headlines else None
        if label is not None and label.group(1) in _NOT_SPEAKER_LABELS:
            # A transcript's "Q:" puts a question from the floor: no one named speaks.
            self.heard(_Speaker("", evidence="a question from the floor", settled=True))
        elif label is not None and self.speaker_heading(label.group(1)):
            # "PRESIDENT HALE: We'll see. 'Nothing is off the table,' as I said": the label
            # gives the floor to the one it names, and is read no further: the words after
            # it ("On Iran: '...'") are theirs.
            paragraph = " " * label.end(1) + paragraph[label.end(1) :].replace(":", " ", 1)
        quotes = _find_quotes(paragraph)
        # "Back 'Immediate' EU Status": a headline's title case is no name around a quote.
        named_around = (
            []
            if self.reading_headlines
            else [(q, _NICKNAMED.fullmatch(_nickname_span(paragraph, q))) for q in quotes]
        )
        nicknames = [(quote, around) for quote, around in named_around if around is not None]
        if nicknames:
            # 'President Joko "Jokowi" Widodo': a name's nickname, no one's words. It is read
            # as the name without it, and names that person when it stands alone.
            quotes = [quote for quote, around in named_around if around is None]
            for quote, around in nicknames:
                nickname = paragraph[quote.start : quote.end]
                self.cast.abbreviations.setdefault(nickname, f"{around.group(1)} {around.group(2)}")
                paragraph = (
                    paragraph[: quote.open]
                    + " " * (quote.close - quote.open)
                    + paragraph[quote.close :]
                )
        blanked = _without_asides(_blank_quotes(paragraph, quotes))
        proposals = []
        for start, end in _sentences(paragraph, quotes, blanked):
            inside = [quote for quote in quotes if start <= quote.open < end]
            context = shown[start:end]
            if not inside:
                proposals.extend(self.paraphrase(paragraph, start, end, offset, shown))
                continue
            speakers = self.read_sentence(blanked, start, end, inside)
            if all(len(paragraph[q.start : q.end].split()) <= _SCARE_QUOTE_WORDS for q in inside):
                # "Medvedev insisted that the 'reset' was still on": a word in scare quotes
                # leaves the sentence reported speech.
                proposals.extend(self.reported_around(paragraph, blanked, start, end, offset))
            for quote, found in zip(inside, speakers, strict=True):
                text = paragraph[quote.start : quote.end]
                speaker = found
                if _SAID_OF.match(text) and self.names_just_before(
                    blanked[start : quote.open], found
                ):
                    # "David Cameron 'has one chance to strike deal'", "the PM 'will undertake
                    # an official visit'": words that go on in the third person from the one
                    # named just before them are said of that person, not by them.
                    speaker = _Speaker(
                        "", evidence=f"said of {found.name}, not by them", settled=True
                    )
                elif (commented := self.commented_on(blanked[start : quote.open])) is not None:
                    # "Commenting on the statement by Peskov that Putin '...', Suga said": the
                    # words are the statement's, not the commenter's.
                    speaker = commented
                elif found.resolved == "group" and len(text.split()) <= _SCARE_QUOTE_WORDS:
                    # "NATO leaders set aside insults from 'delinquent' to 'brain dead'": a
                    # word or two is one member's, or a term, never a group's in chorus.
                    speaker = _Speaker(
                        "",
                        evidence=f"probably one of {found.name}, not all",
                        settled=True,
                        route="group-fragment",
                    )
                if not self.reading_headlines and found.name:
                    self.body_quotes.append((_fold(text), found))
                elif self.reading_headlines and not found.name:
                    speaker = self.echoed(text) or found
                    if not speaker.name and not found.settled:
                        speaker = self.headline_subject(paragraph[: quote.open]) or speaker
                if _is_title_of_thing(text) and (
                    not speaker.name
                    or speaker.route in ("subject", "split")
                    # "the programme commonly called 'Star Wars'": a name for a thing.
                    or _CALLED.search(blanked, start, quote.open)
                ):
                    # "America First", "the Kinshasa Declaration": a name in quotation marks,
                    # no one's words, so not proposed as a statement.
                    continue
                proposals.append(_proposal(speaker, "quote", text, context, offset + quote.start))
        return proposals

    def commented_on(self, before: str) -> _Speaker | None:
        """The maker of the statement an opening phrase comments on, when the quote is in
        it: "Commenting on the statement by X that ...", "Responding to X's claim that"."""
        found = _COMMENTING_ON.search(before)
        if found is None:
            return None
        reference = _phrase_before(found.group(1) or found.group(2), whole=False)
        speaker = self.cast.resolve(reference) if reference is not None else _NOBODY
        return _via(speaker, "commented-on") if speaker.name else None

    def names_just_before(self, before: str, speaker: _Speaker) -> bool:
        """Whether the phrase straight before a quote names `speaker`, by surname or by a
        title the article gave them."""
        person = speaker.person
        tail = before[-_LONGEST_APPOSITIVE * 8 :]
        if (
            person is None
            or not tail.rstrip()
            or tail.rstrip()[-1] in ",:;"
            # "Menon said the rival leader 'will face consequences'": the speaker's words.
            or any(verb.group().lower() != "according to" for verb in _speech_verbs(before))
        ):
            return False
        reference = _phrase_before(tail, whole=False)
        if reference is None:
            return False
        if reference.kind == "name":
            return _fold(reference.words[-1]) == _fold(person.words[-1])
        return reference.kind == "role" and person in self.cast.holders(reference.role)

    def read_sentence(
        self, blanked: str, start: int, end: int, quotes: list[_Quote]
    ) -> list[_Speaker]:
        sentence = blanked[start:end]
        self.cast.begin_sentence(sentence, start)
        met = self.register(sentence)
        self.note_issuer(sentence)
        self.follow_subject(sentence)
        speakers: list[_Speaker] = []
        for index, quote in enumerate(quotes):
            before = blanked[quotes[index - 1].close if index else start : quote.open]
            following = quotes[index + 1].open if index + 1 < len(quotes) else end
            after = blanked[quote.close : following]
            previous = speakers[-1] if speakers else None
            speakers.append(self.attribute(before, after, previous, sentence))
            if speakers[-1].person is not None:
                self.cast.quoted.append(speakers[-1].person)
                # "Seligmann says it 'is a victory,' but he adds, '...'": the "he" later in
                # the sentence is the one who has just spoken.
                self.cast.follow(speakers[-1])
        speakers = self.opening_participle_speakers(sentence, speakers)
        self.follow_sentence(sentence, speakers, met)
        return speakers

    @staticmethod
    def opening_participle_speakers(sentence: str, speakers: list[_Speaker]) -> list[_Speaker]:
        """ "Describing the talks as 'candid' and held in a 'warm atmosphere,' Abe said":
        the words an opening participle quotes are its subject's, the one the main clause's
        speech verb names, which the rules meet only at the sentence's last quote."""
        opening = re.match(r"\W*([A-Z][a-z]+ing)\b", sentence)
        if opening is None or opening.group(1).lower() not in _PARTICIPLE_SET:
            return speakers
        main = next((s for s in speakers if s.person is not None), None)
        if main is None or not main.route.endswith(("-verb", "-inverted")):
            return speakers
        given = replace(
            main,
            evidence=f'{main.evidence}; the subject of the opening "{opening.group(1)}"',
            confidence=min(main.confidence, _SURE["subject"]),
            route="opening-participle",
        )
        before = speakers.index(main)
        unnamed = [given if not s.name and not s.settled else s for s in speakers[:before]]
        return [*unnamed, *speakers[before:]]

    def follow_subject(self, sentence: str) -> None:
        """The sentence's own subject is the first person its "he" or "she" can mean:
        "President Trump jolted the summit ..., before he reiterated that ..."."""
        subject = _subject_of(sentence)
        if subject is None:
            # "Mr Brown's own rhetoric was unusually grandiose. '...,' he said": a sentence
            # about someone's words or deeds is about them.
            subject = _possessor_opening(sentence)
        if subject is not None and subject.kind in ("name", "role") and not self.reading_headlines:
            known = self.cast.resolve(subject, weak=True)
            if known.person is not None:
                self.cast.follow(known)
            elif (
                subject.kind == "role"
                and subject.definite
                and subject.role
                and self.cast.resolve(subject).person is None
            ):
                # "Joe Biden is expected to attend ... The Prime Minister has also invited
                # India, as he seeks ...": a title no one named holds is someone else than
                # the one followed, so a "he" after it is not theirs.
                self.cast.give_floor_to(subject.said)

    def attribute(
        self, before: str, after: str, previous: _Speaker | None, sentence: str
    ) -> _Speaker:
        credited = self.headline_credit(after) or self.owner_of_words(before, after)
        if credited is not None:
            return credited
        verb = _first_verb(after)
        if verb is not None:
            speaker = self.speaker_at(after, verb, sentence, whole=True)
            if verb.group() in _RELAYING and speaker.name:
                return _via(self.relayed(speaker, before, sentence), "relayed")
            if verb.group() in _RELAYING and not speaker.name:
                # "..., Vedomosti reported": an outlet relaying words is never their speaker.
                relayed = self.introduced_by(before, sentence)
                speaker = replace(relayed, route="relayed") if relayed.name else speaker
            if verb.group().lower() == "according to" and speaker.person is None:
                speaker = self.according(speaker, before, sentence)
            if not (speaker.name or speaker.settled):
                speaker = self.credited_to_unnamed(after, verb) or speaker
            elif speaker.route == "passive-agent":
                # "Petrov's claim that '...' was rejected by Hale": the claim is Petrov's;
                # the agent only acted on it.
                owner = self.words_of(before)
                if owner is not None and owner.name and owner.person is not speaker.person:
                    speaker = replace(owner, route="words-of")
            if speaker.name or speaker.settled:
                return replace(speaker, route=f"after-{speaker.route or 'verb'}")
        speaker = self.introduced_or_quoted(before, sentence)
        if speaker.name or speaker.settled:
            return speaker
        if previous is not None and previous.name:
            return self.split(before, previous)
        return self.unattributed(before, sentence)

    def credited_to_unnamed(self, after: str, verb: re.Match[str]) -> _Speaker | None:
        """'"...," the leaders vowed': words credited to a subject the article names no
        further, when the story was following someone else."""
        lead = after[: verb.start()].strip(" ,\u2014-")
        if (
            self.last_speaker.name
            and _UNNAMED_SUBJECT.fullmatch(lead)
            # '"...", the eight nations said talks should ...' is their own clause.
            and _CREDIT_ENDS.match(after[verb.end() :])
            and (
                # "the leaders vowed", "the presidential official told reporters": several
                # people, or a source copy leaves unnamed, never the one the story follows.
                (lead.endswith("s") and lead.split()[-1].islower())
                or (lead.split()[-1] in _SOURCE_TITLES and not self.holds(lead.split()[-1]))
                # "the Russian presidential spokesman", "an exuberant Kim", "the politician":
                # a title, a name or a person may still be someone the story follows.
                or not any(
                    word[0].isupper() or _is_role_word(word) or word in _PERSON_NOUNS
                    for word in lead.split()[1:]
                )
            )
        ):
            # '"...," the summit secretariat said': the words are credited, to someone
            # the article names no further, so not to whoever spoke before.
            return _Speaker(
                "",
                evidence=f'"{lead} {verb.group()}": no one the article names',
                settled=True,
                route="unnamed",
            )
        return None

    def holds(self, title: str) -> bool:
        """Whether the last speaker holds `title`: "the presidential aide" may be Ushakov
        when the story has called him that."""
        person = self.last_speaker.person
        return person is not None and any(title in held for held in person.roles)

    def according(self, source: _Speaker, before: str, sentence: str) -> _Speaker:
        """ "Kishida said he was confident it would '...', according to a White House
        statement": a body or a document the words are reported through is the source, and
        the person the sentence says spoke them is the speaker. If the sentence's subject is
        a person who may have spoken them ("Trump reiterated that ... '...', according to the
        White House"), whose words they are is unclear."""
        speaker = self.introduced_by(before, sentence)
        if speaker.person is not None:
            return replace(
                speaker,
                evidence=f"{speaker.evidence}; reported by {source.name}",
                route="according-relayed",
            )
        subject = self.cast.resolve(_subject_of(sentence), weak=True)
        if subject.person is not None and subject.resolved != "pronoun":
            return _Speaker(
                "",
                evidence=f"probably {subject.name} (the sentence's subject; "
                f"{source.name or 'the source'} reported it)",
                settled=True,
                route="according-unclear",
            )
        return source

    def split(self, before: str, previous: _Speaker) -> _Speaker:
        """The second half of a split quote, or the second of a pair joined by "and", is the
        first one's; unless a clause with a subject of its own stands between them:
        '"historic," as the G7 leaders renewed their commitment to "the path of peace"'."""
        if self.new_subject(before, previous) or self.new_speech(before, previous):
            return _Speaker(
                "",
                evidence=f"probably not {previous.name}: a clause with its own subject "
                "stands between the quotes",
                settled=True,
                route="split-interrupted",
            )
        return replace(
            previous,
            evidence=f"{previous.evidence}; the same sentence goes on",
            confidence=min(previous.confidence, _SURE["split"]),
            route="split",
        )

    def new_speech(self, before: str, previous: _Speaker) -> bool:
        """Whether a speech verb with a subject of its own stands between two quotes: "the
        statement Cameron said was 'turning up the pace' ..., the eight nations said a
        conference should be held 'as soon as possible'"."""
        for verb in _speech_verbs(before):
            lead = before[: verb.start()]
            subject = _phrase_before(lead, whole=False)
            if subject is None and _DETERMINED_PHRASE.search(lead):
                return True
            if subject is not None and subject.kind != "pronoun":
                return self.cast.resolve(subject, weak=True).name != previous.name
        return False

    def new_subject(self, before: str, previous: _Speaker) -> bool:
        """Whether the words between two quotes open a clause whose subject is someone other
        than the first quote's speaker."""
        clause = _NEW_CLAUSE.search(before)
        if clause is None:
            return False
        reference = _read_phrase(_phrase_starting(_tokens(clause.group(1))))
        if reference is None or reference.kind == "pronoun":
            return False
        return self.cast.resolve(reference, weak=True).name not in ("", previous.name)

    def introduced_or_quoted(self, before: str, sentence: str) -> _Speaker:
        """The clause's speaker, unless the clause says whose words these are."""
        speaker = self.introduced_by(before, sentence)
        words_of = self.words_of(before)
        if words_of is None or not words_of.name or words_of.person is speaker.person:
            return speaker
        if not speaker.name:
            # "He echoed President Biden's words that this is 'a sacred obligation'".
            return _via(words_of, "words-of")
        # "May said Mr Trump's comments were a 'distraction'": whose word is it?
        return _Speaker(
            "",
            evidence=f"probably {speaker.name} or {words_of.name} (the quote stands in "
            f"what {speaker.name} said of {words_of.name}'s words)",
            settled=True,
            route="words-of-ambiguous",
        )

    def owner_of_words(self, before: str, after: str) -> _Speaker | None:
        """ "Macron's 'brain death' comment", "the president's 'fire and fury' remarks": the
        words belong to whoever the possessive names, whatever the sentence's verb."""
        if not _WORDS_NOUN.match(after):
            return None
        tokens = _tokens(before.rstrip(_BLANK + " "))
        if not tokens or not _is_possessive(tokens[-1]):
            return None
        if self.reading_headlines:
            # A headline's capitals ("Targeting Macron's") are no name: only its last word,
            # if it is one person the body names.
            known = self.cast.find(tuple(_drop_possessive(tokens[-1:])))
            if len({person.name for person in known}) != 1:
                return None
            found = self.cast.speaker(
                known[0],
                "whose words the headline says these are",
                tokens[-1],
                _SURE["surname"],
                "surname",
            )
            return replace(found, route="owned")
        reference = _read_phrase(_drop_possessive(_phrase_ending(tokens)))
        if reference is None or reference.kind not in ("name", "role"):
            return None
        speaker = self.cast.resolve(reference)
        return _via(speaker, "owned") if speaker.name else None

    def words_of(self, before: str) -> _Speaker | None:
        """The person whose words the clause before the quote names: "X's remarks that"."""
        matches = list(_WORDS_OF.finditer(before))
        found = matches[-1] if matches else None
        if found is None or _CLAUSE_BREAK.search(before, found.end()):
            return None
        # The words must lead into the quote: "X's words that ...", "X's comments were a".
        tail = before[found.end() :]
        if re.search(r",\s+(?:[A-Z][\w.\u2019'-]*\s+)+[a-z]+", tail):
            return None  # "Asked about Petrov's comments, Hale called it ...": Hale's clause
        if not re.match(r"\s*(?:that\b|:|,)", tail) and len(tail.split()) > _WORDS_OF_REACH:
            return None
        reference = _phrase_before(before[: found.start()], whole=False)
        if reference is None or reference.kind not in ("name", "role"):
            return None
        return self.cast.resolve(reference)

    def heard(self, speaker: _Speaker) -> None:
        self.last_speaker = speaker
        self.named_since = []
        if speaker.person is not None and not any(p is speaker.person for p in self.cast.spoken):
            self.cast.spoken.append(speaker.person)

    def headline_credit(self, after: str) -> _Speaker | None:
        """ "'Weird and graceless': Shorten" -- a headline names its speaker after a colon;
        a soundbite in the body, after a dash."""
        if not self.reading_headlines:
            # A soundbite credited after a dash: '"We are stalled" — Italian Prime Minister
            # Giuseppe Conte in a video message'. Only a name: a dash also opens asides.
            dashed = _DASH_CREDIT.match(after)
            reference = _phrase_after(dashed.group(1)) if dashed else None
            speaker = (
                self.cast.resolve(reference) if reference and reference.kind == "name" else None
            )
            return _via(speaker, "dash-credit") if speaker and speaker.name else None
        credited = _HEADLINE_CREDIT.match(after)
        if credited is None:
            return None
        speaker = self.cast.resolve(_phrase_after_alone(credited.group(1)))
        return _via(speaker, "headline-credit") if speaker.name else None

    def relayed(self, reporter: _Speaker, before: str, sentence: str) -> _Speaker:
        """ "..., Vedomosti reported": an outlet relays words; the speaker is whoever the
        sentence says spoke them, or no one named."""
        speaker = self.introduced_by(before, sentence)
        if speaker.name:
            return speaker
        if reporter.person is not None:
            return reporter
        return _Speaker(
            "", evidence=f"{reporter.name} reported these words; no speaker named", settled=True
        )

    def labelled(self, before: str) -> _Speaker | None:
        """A transcript's or live blog's label: 'Macron: "Not in its current form."'"""
        if self.reading_headlines:
            return self.headline_label(before)
        own = _OWN_WORDS_LABEL.match(before)
        if own is not None:
            # 'Quote: "..."', 'His words: "..."': a label that hands the floor on, to the one
            # speaking or to whom the pronoun names.
            pronoun = {"his": "he", "her": "she"}.get((own.group(1) or "").lower())
            found = self.cast.pronoun(pronoun) if pronoun else self.continued()
            return _via(found, "label") if found.name or found.settled else None
        label = _SPEAKER_LABEL.match(before)
        if label is None or label.group(1) in _NOT_SPEAKER_LABELS:
            return None
        # 'Said Trump: "..."': the verb inverted before its speaker is no part of the name.
        named = re.sub(r"^(?:Said|Says|Added|Adds|Asked)\s+", "", label.group(1))
        reference = _read_phrase(_phrase_starting(_tokens(named)))
        if reference is None or reference.kind != "name":
            return None
        person = self.cast.meet(reference.words, single=True)
        if person is None:
            return None
        how = "the label the transcript gives the words"
        return _via(self.cast.speaker(person, how, named, _SURE["name"], "name"), "label")

    def headline_label(self, before: str) -> _Speaker | None:
        """A crosshead led by a speaker's name: 'Putin: The "liberal idea" has "outlived its
        purpose"'. Its words are that person's, but only someone the story has already
        quoted: a kicker names a topic as often ("Brexit: 'a good day'", "Osaka: ...")."""
        label = _HEADLINE_LABEL.match(before)
        reference = _read_phrase(_phrase_starting(_tokens(label.group(1)))) if label else None
        if label is None or reference is None or reference.kind != "name":
            return None
        known = self.cast.find(tuple(reference.words))
        if len(known) != 1 or not any(known[0] is p for p in self.cast.spoken):
            return None
        how = "the name that leads the headline"
        speaker = self.cast.speaker(known[0], how, label.group(1), _SURE["name"], "name")
        return _via(speaker, "headline-label")

    def appeal_by(self, clause: str, verbs: list[re.Match[str]]) -> _Speaker | None:
        """ "EU leaders said ... despite an appeal from European Council President Donald
        Tusk for May to bring 'concrete' proposals": the words are the appeal's, so its
        maker's, not those of a speech verb before it."""
        appeal = _SPEECH_NOUN_FROM.search(clause)
        if (
            appeal is None
            or any(verb.start() > appeal.start() for verb in verbs)
            or _COPULA.search(re.split(r"\b(?:that|for|to)\b", appeal.group(1), maxsplit=1)[0])
        ):
            # "Putin said a letter from Bush ... was 'a very serious document'": what the
            # letter is called is the one who speaks of it, not the letter's words (a warning
            # from Brussels "that there was 'no guarantee'" is the warning's).
            return None
        speaker = self.cast.resolve(_phrase_after(appeal.group(1)))
        return _via(speaker, "appeal-from") if speaker.name else None

    def introduced_by(self, before: str, sentence: str) -> _Speaker:
        """The speaker of the clause that leads into the quote, nearest it first."""
        breaks = list(_CLAUSE_BREAK.finditer(before))
        if breaks and self.two_speakers(before[: _first_verb_start(before, breaks[-1].end())]):
            # "Abe and Trump agreed to ...": the "and" joins two subjects, not two clauses.
            breaks.pop()
        clause = before[breaks[-1].end() :] if breaks else before
        if breaks and breaks[-1].group().rstrip().endswith("with"):
            clause = "with " + clause  # "with X saying" gives the participle its subject
        verbs = _speech_verbs(clause)
        outright = self.labelled(before) or self.appeal_by(clause, verbs)
        if outright is not None:
            return outright
        if verbs:
            speaker = self.speaker_at(clause, _reporting_verb(clause, verbs), sentence, False)
            if speaker.name or speaker.settled:
                return replace(speaker, route=f"before-{speaker.route or 'verb'}")
        if before.rstrip().endswith(":"):
            # "Merkel was blunt: ..." -- the colon hands the floor to the clause's subject.
            speaker = self.subject_speaker(clause)
            if speaker.name and (speaker.person is not None or not self.reading_headlines):
                # A headline's kicker names a topic more often than a speaker ("EU Summit:
                # 'A good day for Europe' as ..."): there only a person is taken.
                return _via(speaker, "colon")
            subject = _subject_of(clause)
            if breaks and subject is not None and subject.kind == "name":
                # "Barroso said rights were discussed, and Putin appeared to support this in
                # statements to the media: ...": the colon's clause has a subject of its own,
                # so the earlier clause's speaker is not the one speaking.
                who = " ".join(subject.words)
                why = f"probably {who} (the subject of the clause before the colon)"
                return _Speaker("", evidence=why, settled=True, route="colon-unresolved")
        verbs = _speech_verbs(before)
        if not (breaks and verbs):
            return _NOBODY
        speaker = self.speaker_at(before, verbs[-1], sentence, whole=False)
        if speaker.route == "passive-agent":
            # "the talks were praised by the leaders, while 'they also ...'": the agent of a
            # clause before is not the voice of the quote's own clause.
            speaker = _Speaker("", evidence=f"{speaker.name} acts in another clause", settled=True)
        elif _TWO_SUBJECTS.search(before, 0, verbs[-1].start()):
            # "he and Putin had pledged ...": two subjects, no one speaker of the quote after.
            speaker = _Speaker("", evidence="the clause before has two subjects", settled=True)
        return replace(speaker, route=f"earlier-clause-{speaker.route or 'verb'}")

    def subject_speaker(self, clause: str) -> _Speaker:
        return self.speaker_as_subject(
            _subject_of(clause), "the subject of the clause before the colon"
        )

    def speaker_as_subject(self, subject: _Reference | None, evidence: str) -> _Speaker:
        """Who a clause's subject names, trusted no more than a subject is."""
        speaker = self.cast.resolve(subject, weak=True)
        if not speaker.name:
            return speaker
        return replace(
            speaker,
            evidence=f"{speaker.evidence}; {evidence}",
            confidence=min(speaker.confidence, _SURE["subject"] + 0.1),
        )

    def unattributed(self, before: str, sentence: str) -> _Speaker:
        speaker = self.speaker_in(sentence)
        if speaker.name:
            return replace(speaker, route=f"sentence-{speaker.route or 'verb'}")
        unresolved = speaker
        topic = _TOPIC_LABEL.match(before)
        if (
            (topic or not before.strip(_BLANK + " \t\n\r(["))
            and (self.last_speaker.name or self.last_speaker.settled)
            and not self.reading_headlines
        ):
            # One named in the topic ("On talks with Trump:") is talked about, not talking.
            return self.continued(aside=before if topic else "")
        if unresolved.settled:
            # "Biden will show their 'unity' ..., Biden's adviser said": the sentence's speech
            # verb has a speaker of its own, so the sentence's subject is not the speaker.
            return replace(unresolved, route="sentence-unresolved")
        return self.sentence_subject(before, sentence)

    def sentence_subject(self, before: str, sentence: str) -> _Speaker:
        """The speaker of a quote no speech verb attributes: the sentence's subject, if it is
        one person the article has named and the quote is not what they are told to do."""
        # A headline's kicker ("G8 summit: Sarkozy offers ...") stands before its subject.
        clause = before.rsplit(":", 1)[-1] if self.reading_headlines else sentence
        subject = _subject_of(clause)
        if _TOLD_TO.search(before):
            # "Turnbull must 'step up'": what someone is told to do is another's demand.
            subject = None
        joint = _coordinated_subject(clause, headline=self.reading_headlines)
        if joint:
            # "Biden and Xi to hold 'candid' talks": a subject of two is no one speaker.
            return _Speaker("", evidence=f"{joint}: several people", settled=True)
        if subject is not None and not (
            self.reading_headlines
            and not (subject.kind == "name" and self.cast.find(subject.words))
        ):
            # A headline's topic ("Nato-Russia relations at 'turning point'") is no speaker.
            speaker = self.cast.resolve(subject, weak=True)
            noun = _SPEECH_NOUN_BEFORE.search(before)
            if speaker.person is not None and noun is not None:
                # "He made the bold claim that '...'": a noun of speech, not a verb, leads
                # into the quote, and the sentence's subject is the one making it.
                return replace(
                    speaker,
                    evidence=f"{speaker.evidence}; the subject whose {noun.group(1)} it is",
                    confidence=min(speaker.confidence, _SURE["subject"]),
                    route="subject-noun",
                )
            if speaker.name and (speaker.person is None or speaker.resolved == "pronoun"):
                # A quote with no speech verb near it is the subject's only when the subject
                # is a person the article has named: a body or a pronoun there is a guess.
                return _Speaker(
                    "",
                    evidence=f"probably {speaker.name} (the subject of a sentence with no "
                    "speech verb)",
                    settled=True,
                    route="subject-weak",
                )
            if speaker.name:
                return replace(
                    speaker,
                    evidence=f"{speaker.evidence}; the subject of the sentence",
                    confidence=min(speaker.confidence, _SURE["subject"]),
                    route="subject",
                )
        return _Speaker("", evidence="no attribution found")

    def continued(self, aside: str = "") -> _Speaker:
        """A quote that opens its sentence with no attribution continues the last speaker: a
        sentence merely about someone else ("the Russian side will raise ...") does not hand
        them the floor, nor does one named only in `aside`."""
        current = self.last_speaker
        if not current.name:
            return _Speaker(
                "",
                evidence=f"continues an unnamed source ({current.evidence})",
                settled=True,
                route="continues-unnamed",
            )
        others = sorted(
            {
                p.name
                for p in self.named_since
                if p is not current.person and not (aside and p.words[-1] in aside)
            }
        )
        if others:
            return _Speaker(
                "",
                evidence=f"probably {current.name} (continues the previous quote; "
                f"{' and '.join(others)} named in between)",
                settled=True,
                route="continues-interrupted",
            )
        return replace(
            current,
            evidence=f"{current.name}, the speaker the story is following (no attribution)",
            confidence=_SURE["continues"],
            route="continues",
        )

    def speaker_at(self, text: str, verb: re.Match[str], sentence: str, whole: bool) -> _Speaker:
        said = verb.group()
        lead_in, rest = text[: verb.start()], text[verb.end() :]
        by_form = self.by_verb_form(said, lead_in, rest, sentence, whole) or self.by_lead(lead_in)
        if by_form is not None:
            return by_form
        reference = _unclosed_apposition(lead_in) or _phrase_before(lead_in, whole)
        lead_tokens = _tokens(lead_in)
        if reference is None and said in _BASE_FORMS:
            return _via(self.infinitive(lead_in, sentence), "infinitive")
        if reference is None and lead_tokens and lead_tokens[-1].lower() in _COORDINATORS:
            # "Modi met Xi and said there has been ...": the verb shares the subject of the
            # clause it is joined to.
            return _via(self.coordinated(text[: verb.start()], sentence), "coordinated")
        if reference is None and (not lead_tokens or not _is_word(lead_tokens[-1])):
            return self.inverted(rest, sentence, whole, lead_in.strip() == "")
        return _via(self.resolve_subject(reference, sentence), "verb")

    def by_lead(self, lead_in: str) -> _Speaker | None:
        """The speaker where the words before the verb are more than its subject: a text's
        issuer, or two people at once."""
        issued = _ISSUED_BEFORE.search(lead_in)
        if issued and not re.search(r"\b(?:he|she|they)\s*$", lead_in):
            # "A communique issued by the G20 ministers at the end of the meeting said": the
            # text speaks for whoever issued it, and the time or place after them is no one;
            # "the office of President X" speaks for X. But in "a communique put out by the
            # G7 leaders after what he called", the verb has a subject of its own.
            issuer = _OFFICE_OF.sub("", issued.group(1))
            speaker = self.cast.resolve(_phrase_after(issuer))
            if speaker.name:
                return _via(speaker, "issued-by")
        joint = self.two_speakers(_strip_adverbs(lead_in))
        if joint:
            # "Abe and Trump agreed to maintain 'maximum pressure'": the words are both
            # people's, and a statement has one speaker; naming either alone would be wrong.
            return _Speaker("", evidence=f"{joint}: two speakers", settled=True, route="joint")
        return None

    def by_verb_form(
        self, said: str, lead_in: str, rest: str, sentence: str, whole: bool
    ) -> _Speaker | None:
        """The speaker where the verb's form says where to look: "according to X", a
        participle's subject, or nobody for a passive."""
        if said.lower() == "according to":
            return _via(self.cast.resolve(_phrase_after(rest)), "according")
        if said in _PARTICIPLE_SET:
            return _via(self.participle(lead_in, sentence, whole), "participle")
        passive = _is_passive(said, rest)
        if passive or (_BEEN.search(lead_in) and said != "quoted"):
            # "was welcomed by First Minister Jack McConnell as 'a confident modern
            # Scotland'": the agent after "by" said it. Otherwise a passive names no one;
            # and after "been" ("Bern had been called on to ...", "a 'durable peace' had
            # been agreed") the words are someone else's, to be found elsewhere.
            agent = _AGENT.match(rest)
            speaker = self.cast.resolve(_phrase_after(agent.group(1))) if agent else _NOBODY
            if speaker.name:
                return _via(speaker, "passive-agent")
            why = f'"{said}": passive, its speaker not given'
            # "Trudeau was then asked: '...?'": the question put to them is another's.
            put_to = said in ("asked", "told") and not re.match(r"\s*[^\W\d_]", rest)
            return _Speaker("", evidence=why, settled=True) if passive or put_to else _NOBODY
        quoted_as = _QUOTED_AS.match(rest) if said in ("quoted", "quotes", "cited") else None
        if quoted_as:
            # "Gokhale quoted Modi as telling Xi": the one quoted, not who quotes them.
            return _via(self.cast.resolve(_phrase_after(quoted_as.group(1))), "quoted-as")
        return None

    def resolve_subject(self, reference: _Reference | None, sentence: str) -> _Speaker:
        """Who a speech verb's subject names. "Myanmar's ministry issued a statement saying
        it objected": inside a sentence, "it" is likelier the sentence's own body than the
        one the story followed; only as the sentence's subject does it surely continue the
        story."""
        if (
            reference is not None
            and reference.kind == "pronoun"
            and reference.words[0].lower() in ("it", "they")
            and not _OPENS_WITH_IT.match(sentence.lstrip(_BLANK + " "))
        ):
            return _Speaker(
                "",
                evidence=f'"{reference.words[0]}": its sentence names a nearer antecedent',
                settled=True,
            )
        return self.cast.resolve(reference)

    def inverted(self, rest: str, sentence: str, whole: bool, opens: bool) -> _Speaker:
        """Inversion, "said Lavrov", only straight after a quote or a comma: after a noun,
        "told the Security Council" names the audience, not the speaker. Before a quote the
        name must stand right against it: in "and said Medvedev understood that", Medvedev
        is the subject of the reported clause."""
        issued = _ISSUED_BY.match(rest)
        if issued:
            # "said a declaration issued by the North Atlantic Council": its issuer.
            return _via(self.cast.resolve(_phrase_after(issued.group(1))), "issued-by")
        after = _phrase_after_alone(rest) if not whole else _phrase_after(rest)
        set_off = _ROLE_THEN_NAME.match(rest) if after is None else None
        if set_off:
            # "said the Russian President's press secretary, Dmitry Peskov.": the name
            # after the role's comma.
            named = _phrase_after_alone(set_off.group(1))
            after = named if named is not None and named.kind == "name" else None
        if after is None and not whole and opens:
            return _via(self.coordinated("", sentence), "coordinated")
        return _via(self.cast.resolve(after), "inverted")

    def infinitive(self, lead_in: str, sentence: str) -> _Speaker:
        """Who speaks in "allowing Tony Blair to declare" (the one allowed, named just
        before "to") and in "He went on to warn" (the clause's subject)."""
        allowed = _phrase_before(_TO_OR_MODAL.sub("", lead_in.rstrip() + " "), whole=False)
        if allowed is not None and allowed.kind == "name" and not _CONTACTED.search(lead_in):
            return self.cast.resolve(allowed)
        return self.coordinated(lead_in, sentence)

    def coordinated(self, lead_in: str, sentence: str) -> _Speaker:
        """The subject of the clause a coordinated speech verb hangs on."""
        subject = _subject_of(lead_in) or _subject_of(sentence)
        if subject is None:
            return _NOBODY
        return self.speaker_as_subject(subject, "the subject the speech verb is coordinated with")

    def participle(self, lead_in: str, sentence: str, whole: bool) -> _Speaker:
        # "..., saying the coalition ..." -- the participle's speaker is the sentence's
        # subject, unless someone known stands right before it ("Lavrov was quoted as
        # saying"): a place does ("just outside Watford saying") and is no speaker.
        stripped = lead_in.rstrip()
        own = self.participles_own_subject(stripped)
        if own is not None:
            return own
        if stripped and not stripped.endswith(","):
            reference = _phrase_before(lead_in, whole)
            if (
                reference is not None
                and self.is_known(reference)
                # "Costa thanked Christodoulides conceding ...": the one thanked is no speaker.
                and (reference.kind != "name" or not _object_before(reference, stripped))
            ):
                return _via(self.cast.resolve(reference), "participle-adjacent")
        pronoun = re.search(r"\b(he|she)\b[^,]*,?\s*$", lead_in)
        if pronoun:
            # "... where he tore into Russia, saying": the nearest clause's subject.
            return _via(self.cast.pronoun(pronoun.group(1)), "participle-clause")
        return self.participle_subject(lead_in, sentence)

    def participles_own_subject(self, lead_in: str) -> _Speaker | None:
        """A participle with a subject of its own, not the sentence's: "criticised Macron
        for saying" (the one blamed) and "with experts describing it as" (who stands after
        "with"). If that subject cannot be named, no one can."""
        blamed = _BLAMED_FOR.search(lead_in)
        absolute = None if blamed else _ABSOLUTE.search(lead_in)
        if blamed is None and absolute is None:
            return None
        if blamed:
            reference = _phrase_before(blamed.group(1), whole=False)
            route, why = "participle-blamed", "said by whoever is blamed for it"
        else:
            assert absolute is not None
            reference = _phrase_before(absolute.group(1), whole=True)
            route, why = "participle-with", f'"{absolute.group(1)}": the participle\'s own subject'
        speaker = self.cast.resolve(reference) if reference is not None else _NOBODY
        if speaker.name:
            return _via(speaker, route)
        return _Speaker("", evidence=why, settled=True)

    def participle_subject(self, lead_in: str, sentence: str) -> _Speaker:
        """The subject a participle hangs on: the sentence's, unless another person acts in
        between ("NATO leaders presented a plan, hours after Zelenskyy expressed his
        opposition, calling it 'absurd'") -- the nearest such person, or nobody if they
        cannot be named -- or the subject is several people ("Kishida, Biden and Yoon held a
        summit, declaring ..."), when a proposal naming one of them would be wrong."""
        at = sentence.find(lead_in) if lead_in.strip() else -1
        actor = _ACTOR_BETWEEN.search(sentence[: at + len(lead_in)] if at >= 0 else lead_in)
        if actor and _LOOKING_ON.search(actor.group(0)):
            # "Modi attacked Pakistan as Khan listened, saying ...": one who only looks on
            # does not take the participle from the sentence's subject.
            actor = None
        joint = _coordinated_subject(sentence)
        if actor:
            speaker = self.cast.resolve(_read_phrase(_phrase_ending(_tokens(actor.group(1)))))
            if speaker.person is not None:
                return replace(
                    speaker,
                    evidence=f"{speaker.evidence}; the nearest person who acts before it",
                    confidence=min(speaker.confidence, _SURE["subject"]),
                    route="participle-nearest",
                )
            unclear = f'"{actor.group(1).strip()}" acts between the subject and the participle'
        elif joint:
            unclear = f"{joint}: the participle's subject is several people"
        else:
            speaker = self.cast.resolve(_subject_of(sentence), weak=True)
            return _via(speaker, "participle-subject")
        return _Speaker(
            "",
            evidence=unclear,
            settled=True,
            route="participle-joint" if joint else "participle-unclear",
        )

    def is_known(self, reference: _Reference) -> bool:
        if reference.kind in ("pronoun", "role", "group", "owned"):
            return True
        return bool(self.cast.find(reference.words)) or (
            self.cast.roster.named(reference.words)[0] is not None
        )

    def speaker_in(self, sentence: str) -> _Speaker:
        """The speaker of any speech verb in the sentence's own (unquoted) words; failing
        that, why a speech verb's own speaker could not be named."""
        unresolved = _NOBODY
        by_participle = _NOBODY
        for verb in reversed(_speech_verbs(sentence)):
            if _EARLIER_EVENT.search(sentence, 0, verb.start()):
                # "NATO presented a plan '...', hours after Zelenskyy expressed his anger":
                # the verb tells of another moment, not of the words in this sentence.
                continue
            speaker = self.speaker_at(sentence, verb, sentence, whole=False)
            if speaker.route == "participle-nearest":
                # The person acting just before a participle is its speaker; a quote
                # elsewhere in the sentence may be the sentence subject's.
                speaker = _Speaker(
                    "", evidence=f"probably {speaker.name} (a participle's)", settled=True
                )
            if speaker.name and verb.group() in _PARTICIPLE_SET and not by_participle.name:
                # "Turkey would 'expand cooperation' ..., Erdogan said, adding that ...": a
                # finite verb earlier in the sentence names its speaker more surely than the
                # participle's subject, which is the sentence's.
                by_participle = speaker
                continue
            if speaker.name:
                return speaker
            if speaker.settled and not unresolved.settled:
                unresolved = speaker
        return by_participle if by_participle.name else unresolved

    def register(self, sentence: str) -> list[_Person]:
        """Introduce the people the sentence names, with any title they are given."""
        if self.reading_headlines:
            return []
        tokens = _tokens(sentence)
        found: list[tuple[int, int, _Reference | None]] = []
        index = 0
        while index < len(tokens):
            if tokens[index].lower() not in _DETERMINERS and not _fits_noun_phrase(tokens[index]):
                index += 1
                continue
            phrase = _phrase_starting(tokens[index : index + 12])
            if phrase:
                reference = _read_phrase(phrase)
                if reference is None and _is_possessive(phrase[-1]):
                    # "slammed Tony Abbott's remarks": the possessor is named all the same.
                    reference = _read_phrase(_drop_possessive(phrase))
                found.append((index, index + len(phrase), reference))
                index += len(phrase)
            else:
                index += 1
        met = []
        for start, end, reference in found:
            if reference is not None and reference.kind == "name":
                titled = bool(reference.role or reference.honorific)
                role = (*_nation_given(tokens, start, end), *reference.role)
                person = self.cast.meet(reference.words, role, single=titled)
                if person is not None:
                    _keep_initials(person, sentence)
                    if reference.honorific.lower() in _FEMININE | _MASCULINE:
                        person.gender = "f" if reference.honorific.lower() in _FEMININE else "m"
                    met.append(person)
        # Appositions give titles too: "Angela Merkel, the German chancellor, said". An
        # apposition is closed by punctuation or the sentence's end; a title followed by its
        # own verb is a new clause's subject: "Asked about Mr Trump, the Russian leader said".
        for (_, first_end, first), (second_start, second_end, second) in pairwise(found):
            if first is None or second is None or tokens[first_end:second_start] != [","]:
                continue
            if second_end < len(tokens) and _is_word(tokens[second_end]):
                continue
            kinds = {first.kind: first, second.kind: second}
            if set(kinds) == {"name", "role"} and kinds["role"].definite:
                self.cast.meet(kinds["name"].words, kinds["role"].role)
        self.named_since.extend(met)
        return met

    def note_issuer(self, sentence: str) -> None:
        """ "G8 leaders ... in a final communique", "NATO issued a statement": a text the
        sentence's subject issued, for "the communique said" later on."""
        documents = {_bare(t) for t in _tokens(sentence)} & _DOCUMENTS
        if not documents:
            return
        subject = _subject_of(sentence)
        if subject is None or subject.kind in ("pronoun", "document", "role"):
            return
        issuer = self.cast.resolve(subject, weak=True)
        if issuer.name:
            for document in documents:
                self.cast.issued[document] = issuer

    def follow_sentence(self, sentence: str, speakers: list[_Speaker], met: list[_Person]) -> None:
        named = [speaker for speaker in speakers if speaker.name]
        for earlier in named[:-1]:
            # "May has said '...' - but Corbyn said '...'": both have spoken.
            if earlier.person is not None and earlier.person not in self.cast.spoken:
                self.cast.spoken.append(earlier.person)
        speaker = named[-1] if named else self.speaker_in(sentence)
        if speaker.name:
            self.heard(speaker)
        elif speakers and speakers[-1].settled and speakers[-1].route.endswith("-verb"):
            # "A Downing Street spokesperson said: '...'": a source the article does not
            # name has the floor now, and the quotes that go on after it are theirs, not the
            # last named speaker's.
            self.heard(speakers[-1])
            self.cast.give_floor_to_unnamed(speakers[-1])
        spoke = bool(speaker.name)
        if not speaker.name:
            subject = _subject_of(sentence)
            if subject is not None and subject.kind != "pronoun":
                speaker = self.cast.resolve(subject, weak=True)
        if not speaker.name and met:
            speaker = _Speaker(met[0].name, met[0], guessed=True)
        if not speaker.name:
            return
        self.cast.follow(speaker)
        if spoke:
            # "The foreign minister said his government ...": a speaker's own words say
            # who "he" is. A sentence merely about someone does not ("Merkel has sought to
            # use his visit": Li's).
            self.learn_gender(speaker, sentence)

    def learn_gender(self, speaker: _Speaker, sentence: str) -> None:
        person = speaker.person
        if person is not None and not person.gender and not speaker.guessed:
            # "The foreign minister said his government ..." tells us who "he" can be.
            his = re.search(r"\b(?:his|himself)\b", sentence, re.IGNORECASE)
            her = any(
                not (found.group(1) and found.group(1).lower() in _TOLD_HER and found.group(2))
                for found in re.finditer(
                    r"(?:\b([a-z]+)\s+)?\b(?:her|hers|herself)\b(\s+(?:to|that|for|on|at)\b|[,.;:]|$)?",
                    sentence,
                    re.IGNORECASE,
                )
            )
            if his and not her:
                person.gender = "m"
            elif her and not his:
                person.gender = "f"

    def paraphrase(
        self, paragraph: str, start: int, end: int, offset: int, shown: str = ""
    ) -> list[Proposal]:
        """Reported speech in a sentence without quotes: "Medvedev said Russia would ...".
        `shown` is the paragraph as the proposal quotes it, if it differs from the one
        read (a nickname blanked)."""
        words = (shown or paragraph)[start:end]
        # Read without its asides ("Joko Widodo (Jokowi) stated that ..."); the proposal
        # keeps them, at the same offsets.
        sentence = _without_asides(paragraph[start:end])
        self.cast.begin_sentence(sentence, start)
        met = self.register(sentence)
        self.note_issuer(sentence)
        self.follow_subject(sentence)
        found = self.reported(sentence)
        if found is None:
            self.follow_sentence(sentence, [], met)
            if _ASKED.match(sentence) or _TAKES_THE_FLOOR.search(sentence):
                # "POTUS was asked about Syria and Brexit.", "Petrov, however, disagreed.",
                # "Berg was more cautious:": the quotes that follow with no attribution are
                # that person's.
                answering = self.subject_speaker(sentence)
                if answering.person is not None:
                    self.heard(answering)
            elif _SOURCES_OBJECT.match(sentence):
                # "But critics were unconvinced.": the quote after is theirs, whoever they are.
                self.heard(_Speaker("", evidence="others the article does not name", settled=True))
            return []
        speaker, clause_start, clause_end = found
        self.heard(speaker)
        self.cast.follow(speaker)
        self.learn_gender(speaker, sentence)
        text = words[clause_start:clause_end].strip(" ,;:")
        if len(text.split()) < _SHORTEST_PARAPHRASE:
            return []
        at = (
            start
            + clause_start
            + (len(words[clause_start:]) - len(words[clause_start:].lstrip(" ,;:")))
        )
        return [_proposal(_reporting(speaker), "paraphrase", text, words, offset + at)]

    def reported_around(
        self, paragraph: str, blanked: str, start: int, end: int, offset: int
    ) -> list[Proposal]:
        found = self.reported(blanked[start:end])
        if found is None:
            return []
        speaker, clause_start, clause_end = found
        text = paragraph[start + clause_start : start + clause_end]
        stripped = text.strip(" ,;:")
        if len(stripped.split()) < _SHORTEST_PARAPHRASE:
            return []
        at = start + clause_start + text.index(stripped)
        return [
            _proposal(
                _reporting(speaker), "paraphrase", stripped, paragraph[start:end], offset + at
            )
        ]

    def reported(self, sentence: str) -> tuple[_Speaker, int, int] | None:
        """The speaker and the span of the reported clause, if the sentence reports speech."""
        according = re.match(r"\s*According to ([^,]{2,80}),\s*", sentence)
        if according:
            # "According to the State Department, Blinken said ...": the one who said it.
            inner = self.reported_after_verb(sentence[according.end() :])
            if inner is not None and inner[0].person is not None:
                speaker, clause_start, clause_end = inner
                return speaker, according.end() + clause_start, according.end() + clause_end
            speaker = self.cast.resolve(_phrase_after(according.group(1)))
            return (speaker, according.end(), len(sentence)) if speaker.name else None
        for tail in _TAIL.finditer(sentence):
            if _LEAD_OPENER.fullmatch(sentence[: tail.start()] + ", ") or sentence.startswith(
                " that", tail.end(2)
            ):
                continue  # "Earlier this week, Ostrow said that ...": an opener, not a tail
            # "..., Cameron has warned." and "..., Cameron has warned, amid fears ...": the
            # attribution comes after the reported words.
            speaker = self.subject_named(tail.group(1))
            if not speaker.name:
                speaker = self.cast.resolve(_phrase_after_alone(sentence[tail.end(2) :]))
            if speaker.name:
                # "The talks, Hale said, will resume next week.": the reported words go on
                # after the attribution, so the sentence is proposed whole.
                goes_on = _GOES_ON.match(sentence, tail.end(2))
                return speaker, 0, len(sentence) if goes_on else tail.start()
            source = _phrase_before(tail.group(1), whole=True)
            if (
                speaker.settled
                or _names_no_one(tail.group(1))
                or (source is not None and source.kind == "role")
            ):
                # "..., a senior administration official said.", "..., the prime minister's
                # spokesman says.": the words are the unnamed source's, not those of whoever
                # "agreed" inside them; and the "he" who "insists" next is that source too.
                self.cast.give_floor_to(_strip_to_speaker(tail.group(1)).lower())
                return None
        inverted = self.reported_inverted(sentence)
        if inverted is not None:
            return inverted
        return self.reported_after_verb(sentence) or self.reported_by_participle(sentence)

    def reported_inverted(self, sentence: str) -> tuple[_Speaker, int, int] | None:
        """ "Relations must rest on mutual respect, said Xi." and "..., said Commission
        chief Jean Ping at the opening on Sunday.": the speaker stands after an inverted
        verb at the sentence's end, alone or followed by when and where he said it."""
        tails = []
        for tail in _INVERTED_TAIL.finditer(sentence):
            rest = sentence[tail.end() :]
            circumstance = _CIRCUMSTANCE.search(rest)
            tails.append((tail.start(), rest[: circumstance.start()] if circumstance else rest))
        according = _ACCORDING_TAIL.search(sentence)
        if according:
            # "The sides will exchange views, according to spokeswoman Hua Chunying."
            tails.append((according.start(), according.group(1)))
        for start, named in tails:
            speaker = self.cast.resolve(_phrase_after_alone(named))
            if speaker.name:
                return speaker, 0, start
        return None

    def reported_by_participle(self, sentence: str) -> tuple[_Speaker, int, int] | None:
        """ "Sheikh Tamim opened the summit, slamming Israel's strikes as ...", "Lowe opened
        the talks with a call for ...": a speech act hung on the clause's subject after a
        comma, or named by a noun after "with a". The subject must be a person the article
        names; several people, or another person acting in between, and it is no one's."""
        act = _SPEECH_ACT.search(sentence)
        if act is None:
            return None
        speaker = self.participle_subject(sentence[: act.start()], sentence)
        if speaker.person is None or speaker.resolved == "pronoun":
            return None
        return speaker, act.start(1), len(sentence)

    def two_speakers(self, lead_in: str) -> str:
        """The "X and Y" that ends `lead_in` if it names two different people the story
        knows ("Abe and Trump"), else "" ("Benghazi and Cameron", "Thai Prime Minister and
        APEC chair Prayuth")."""
        joint = _JOINT_BEFORE.search(lead_in)
        if joint is None:
            return ""
        references = [_phrase_before(part, whole=True) for part in joint.groups()]
        if any(reference is None or reference.kind != "name" for reference in references):
            return ""  # "Chairman and CEO Peter Seligmann": one person's two titles
        pair = [self.cast.resolve(reference, weak=True).person for reference in references]
        if None in pair or pair[0] is pair[1]:
            return ""
        return joint.group(0)

    def subject_named(self, text: str) -> _Speaker:
        """The speaker `text` names whole: one person or body, or two joined by "and"."""
        speaker = self.cast.resolve(_phrase_before(text, whole=True))
        joint = _JOINT.fullmatch(_strip_to_speaker(text).strip())
        apposition = _APPOSITION.search(text)
        if apposition and not (speaker.name or speaker.settled or joint):
            # "Enda Kenny, the Irish prime minister, said": the name before its apposition.
            subject = _phrase_before(text[: apposition.start()], whole=True)
            if subject is not None and subject.kind == "name":
                return self.cast.resolve(subject, weak=True)
        if speaker.name or speaker.settled or joint is None:
            return speaker
        # "Obama and Medvedev said": both speak; each must be someone the story knows.
        pair = [
            self.cast.resolve(_phrase_before(part, whole=True), weak=True)
            for part in joint.groups()
        ]
        if not all(one.name and one.person is not None for one in pair):
            return speaker
        return _Speaker(
            " and ".join(one.name for one in pair),
            evidence=" and ".join(one.evidence for one in pair) + "; both speak",
            confidence=min(one.confidence for one in pair),
        )

    def reported_after_verb(self, sentence: str) -> tuple[_Speaker, int, int] | None:
        for verb in _REPORTING.finditer(sentence):
            lead_in = _lead_clause(sentence[: verb.start()])
            speaker = _NOBODY
            if lead_in is not None:
                speaker = self.subject_named(lead_in)
            lead = sentence[: verb.start()].split()
            if not speaker.name and lead and lead[-1] in ("he", "she", "they"):
                # "At the same time he stressed ...": a nominative pronoun is the subject.
                speaker = self.cast.pronoun(lead[-1])
            elif not speaker.name and lead and lead[-1] in ("and", "but"):
                # "Modi addressed the summit, and said that ...": the clause's subject.
                speaker = self.coordinated(" ".join(lead[:-1]), sentence)
            if not speaker.name:
                # "... a tense affair after Mrs May vowed to ...": the subject of the clause
                # a subordinator opens.
                clause = _SUBORDINATE.search(sentence, 0, verb.start())
                if clause is None:
                    continue
                # ", but Trump said": the comma matches first; the conjunction is no part
                # of the subject.
                subject = _LEADING_CONJUNCTION.sub("", clause.group(1))
                speaker = self.cast.resolve(_phrase_before(subject, whole=True))
                joined = re.search(r"([\w\u2019'-]+)\s+and\s*$", sentence[: clause.start(1)])
                if joined and _is_name_word(joined.group(1)) and speaker.person is None:
                    continue  # "the leaders of France and Italy disputed": one noun phrase
                if not speaker.name:
                    continue
            rest = sentence[verb.end() :]
            inserted = re.match(r"\s*,\s+", rest)
            if inserted and sentence[: verb.start()].rstrip().endswith(","):
                # "With the world watching, he said, they made ...": the words after it.
                return speaker, verb.end() + inserted.end(), len(sentence)
            if verb.group() in _APPEALS:
                # "called for a speedy agreement": without its verb the appeal reads as a claim.
                return speaker, verb.start(), len(sentence)
            # "told the leaders that" names an audience; "said the US continues to" does not.
            audience = (_AUDIENCE if verb.group() in _ADDRESSING else _SAID_AUDIENCE).match(rest)
            return speaker, verb.end() + (audience.end() if audience else 0), len(sentence)
        return None


_CAPITALISED_NAME = r"((?:[A-Z][\w\u2019'.-]*\s+){0,3}[A-Z][\w\u2019'.-]*)"
_JOINT = re.compile(_CAPITALISED_NAME + " and " + _CAPITALISED_NAME)
_JOINT_BEFORE = re.compile(r"(?<![\w\u2019'.-])" + _JOINT.pattern + r"\s*$")
_SUBORDINATE = re.compile(
    r"(?:,|\b(?:after|as|when|because|since|while|before|and|but|then|where))"
    r"\s+((?:[\w\u2019'.-]+\s+){0,6}?[\w\u2019'.-]+)\s*$"
)
# A phrase set off by commas at the end of a reporting verb's subject: ", the Irish prime
# minister,".
_APPOSITION = re.compile(r",[^,]{2,80},?\s*$")
_LEADING_CONJUNCTION = re.compile(
    r"^(?:(?:and|but|yet|so|then|while|whereas|as|when|after|because|since)\s+)+"
)
# The subject may carry an apposition or a relative clause between commas: ", Olaf Scholz,
# the German chancellor, said."
_TAIL = re.compile(
    r",\s+([^,]{2,60}?(?:,[^,]{2,80},)?)\s+("
    + _REPORTING.pattern
    + r")(?=[^,]{0,40}[.!?]?$|[^,]{0,20},\s)"
)
# The reported words going on after a mid-sentence attribution with their verb: ", will
# resume next week", ", gave him the chance" (not ", amid fears that ...", ", adding ...").
_GOES_ON = re.compile(
    r",\s+(?!(?:amid|as|after|before|while|with|in|on|at|during|following|despite|because"
    r"|since|when|where|which|who|whom|whose|but|and|or|though|although|according|ahead"
    r"|to|for|from|by|over|under|than|then|the|a|an|its|his|her|their)\b)[a-z]+(?<!ing)\s"
)
# An inverted reporting verb after the reported words: ", said Xi.", ", added the minister".
_INVERTED_TAIL = re.compile(
    r",\s+(?:said|says|added|adds|noted|stressed|stated|declared|insisted|warned|explained)"
    r"\s+(?=\S)"
)
_ACCORDING_TAIL = re.compile(r",\s+according\s+to\s+([^,]{2,80}?)\s*[.!?]?\s*$")
# When, where or how a speaker after an inverted verb spoke: "said Ping at the opening".
_CIRCUMSTANCE = re.compile(
    r"\s*(?:,|\s(?:on|at|in|during|after|before|as|when|while|following|from|to|via)\s)"
)
# A verb read as passive: straight after it, the agent ("by") or, for verbs of judging, what
# the subject is judged for ("praised for", "criticised over").
_PASSIVE = re.compile(r"\s+(?:by|for|over)\s")
_JUDGING = frozenset(
    """
    praised criticised criticized hailed slammed blasted lambasted condemned mocked derided
    applauded welcomed thanked
    """.split()
)


# A form of "to be" straight before a speech verb: "Bern had been called on to ...".
# "Juncker rang Angela Merkel to warn her": one who calls or meets someone in order to
# speak is the one speaking; one allowed or urged to speak ("allowing Blair to declare") is not.
_CONTACTED = re.compile(
    r"\b(?:rang|phoned|telephoned|called|met|visited|contacted|emailed|wrote\s+to)\s+"
    r"(?:[\w\u2019'.-]+\s+){0,5}[\w\u2019'.-]+\s*$"
)
_BEEN = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:(?:[a-z]+ly|then|also|later|again|once)\s+)?$"
)
# The agent of a passive speech verb: "welcomed by First Minister Jack McConnell as ...".
_AGENT = re.compile(
    r"\s+by\s+((?:[\w\u2019'.-]+\s+){0,6}?[\w\u2019'.-]+?)"
    r"(?=\s+(?:as|for|at|in|on|during|after|who|which|to)\b|\s*[,.;:]|\s*$)"
)


def _is_passive(verb: str, rest: str) -> bool:
    """ "Tusk praised for 'short, concise' EU summit", "Cameron told by Merkel": the one
    before the verb is spoken of, not speaking."""
    return (
        verb.endswith(("ed", "told"))
        and _PASSIVE.match(rest) is not None
        and (verb in _JUDGING or not rest.lstrip().startswith(("for", "over")))
    )


# What stands between a reporting verb and the reported clause: "told reporters that".
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WHEN_SAID = r"(?:" + _WEEKDAY + r"|yesterday|today)"
_AUDIENCE = re.compile(
    r"(?:\s+(?:on\s+\w+|in\s+a\s+\w+|"
    + _WHEN_SAID
    + r"|to\s+(?:[A-Z]\w*|reporters|journalists|him|her|them)"
    r"|reporters|journalists|leaders|him|her|them|us"
    r"|(?:the|his|her|fellow|world)\s+\w+(?:\s+\w+)?(?=\s+(?:that|to)\b)))*"
    r"(?:\s+that\b)?"
)
_SAID_AUDIENCE = re.compile(
    r"(?:\s+(?:on\s+\w+|in\s+a\s+\w+|"
    + _WHEN_SAID
    + r"|to\s+(?:[A-Z]\w*|reporters|journalists|him|her|them)))*"
    r"(?:\s+that\b)?"
)
# A speech act after a comma, as a participle, or as a noun after "with a": what it says
# is reported speech of the clause's subject.
_SPEECH_ACT = re.compile(
    r"(?:,\s+|\bwith\s+an?\s+)((?:saying|adding|slamming|urging|warning|calling\s+(?:for|on)"
    r"|stressing|insisting|accusing|condemning|welcoming|praising|describing|noting|arguing"
    r"|declaring|voicing|expressing|appealing|pledging|vowing|reiterating"
    r"|call\s+(?:for|to|on)|appeal\s+(?:for|to)|plea\s+(?:for|to)|warning\s+that)\b.*)"
)
_SAYING = frozenset("said says say added adds noted notes stressed stresses".split())
# Verbs whose object is the one addressed, skipped before the reported words ("told the
# leaders that"); after "welcomed" or "praised" the object is what is reported ("welcomed
# the decision to admit Finland").
_ADDRESSING = frozenset(
    """
    told tells warned warns urged urges assured assures reminded reminds asked asks pressed
    informed informs promised promises pledged
    """.split()
)
_APPEALS = frozenset(("called for", "called on", "calls for", "calls on"))
_LEAD_OPENER = re.compile(
    r"^(?:(?:In|At|On|For|After|Before|During|Despite|With|Ahead of|Earlier|Later|Speaking"
    r"|This|Last|Talking|Addressing|Opening|Responding|Asked|Following|Since|Until|Over"
    r"|About|Regarding|Concerning|As for|Turning to)"
    r"\b[^,]{0,60},\s+"
    # "Speaking to reporters at the airport before his departure for the meeting, Erdogan
    # said": a participle's phrase, however long, before its subject.
    r"|[A-Z][a-z]+ing\b[^,]{0,140},\s+"
    r"|(?:And|But|Yet|So|Still|Meanwhile|However|Later|Earlier|Separately|Also|Ultimately"
    r"|Furthermore|Additionally|Besides|Likewise|Similarly|Nevertheless|Nonetheless"
    r"|Instead|Indeed|Now|Then|Finally|Recently|Moreover|Still|even|only|Today|Yesterday"
    r"|today|yesterday|tonight),?\s+)"
)
_WHEN = re.compile(r"\s+(?:on\s+)?(?:" + _WEEKDAY + r"|once again)$")


_WORDS_OF_REACH = 4
# A noun for someone's words straight after the quote: "Macron's 'brain death' comment".
_WORDS_NOUN = re.compile(
    r"\s*(?:comments?|remarks?|jibes?|claims?|warnings?|quip|slur|outburst|description"
    r"|label|words|pledge|promise|vow|speech|tweet|post)\b",
    re.IGNORECASE,
)
# "Trump's outspoken criticism of China for 'bad trade deals'": a word or two may qualify
# the noun.
_WORDS_OF = re.compile(
    r"['\u2019]s\s+(?:[a-z]+\s+){0,2}?(?:words|remarks|comments|phrase"
    r"|description|promise|pledge|assurances?|warnings?|claims?|language|assessment|vow"
    r"|insistence|criticisms?|complaints?|accusations?|demands?|threats?|boasts?|jibes?"
    r"|characteri[sz]ation|rhetoric|mantra|slogan|catchphrase)\b"
)
_ISSUED_BY = re.compile(
    r"\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(_DOCUMENTS) + r")\s+"
    r"(?:issued|released|published|put out|sent)\s+by\s+(.{2,80})"
)
_ISSUED_BEFORE = re.compile(
    r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(_DOCUMENTS) + r")\s+"
    r"(?:issued|released|published|adopted|agreed|signed|put out)\s+by\s+(.{2,80}?)"
    r"(?:,?\s+(?:at|on|in|after|during|following|late|early)\s+[^,]{0,60})?,?\s*$",
    re.IGNORECASE,
)
_OFFICE_OF = re.compile(r"^(?:the\s+)?office\s+of\s+", re.IGNORECASE)
_ABSOLUTE = re.compile(r"\bwith\s+((?:[\w\u2019'-]+\s+){0,4}[\w\u2019'-]+)$")
# A quote that opens with a verb in the third person goes on from a subject it speaks of.
_SAID_OF = re.compile(
    r"(?i:has|is|was|will|won[\u2019']t|would|can|can[\u2019']t|cannot|could|must|should|may"
    r"|might|does|doesn[\u2019']t|did|didn[\u2019']t|needs|wants|isn[\u2019']t|wasn[\u2019']t"
    r"|hasn[\u2019']t|had|faces|risks)\b"
)
# Between "says" and a second speech verb, that verb's subject and no break: "says the G7
# has agreed".
_REPORTED_CLAUSE = re.compile(r"\s+(?:the\s+)?[A-Z][^,;:\u2014\u2013]{0,60}$")
# Between two speech verbs, "that" and the second's subject: the second is reported.
_REPORTED_THAT = re.compile(r"(?:\s+[\w\u2019'.-]+){0,3}?\s+that\s+[^,;:]*$")
# A subject told what to do, just before the quote: "Turnbull must 'step up'".
_TOLD_TO = re.compile(r"\b(?:must|should|ought\s+to|needs?\s+to|has\s+to|have\s+to)\s+\S*$")
# After an inverted verb, a role and then, set off by a comma, its holder's name.
_ROLE_THEN_NAME = re.compile(r"\s*(?:the|a|an)\s[^,]{2,80},\s*([^,]{2,60}?)[.,]?\s*$")
_HEADLINE_CREDIT = re.compile(r"^\s*[:\u2014\u2013]\s*(.{1,60})$")
_DASH_CREDIT = re.compile(r"^[.,]?\s*(?:[\u2014\u2013]|-(?=\s))\s*(.+)$")


def _nation_given(tokens: list[str], start: int, end: int) -> tuple[str, ...]:
    """The nation the text ties a name to: "Britain's Tony Blair", "President Xi of China"."""
    if start and _is_possessive(tokens[start - 1]):
        nation = _bare(tokens[start - 1])
        if nation in _NATIONS:
            return (nation,)
    if tokens[end : end + 1] == ["of"] and end + 1 < len(tokens):
        nation = tokens[end + 1].lower()
        if nation in _NATIONS and not _is_nation_adjective(nation):
            return (nation,)
    return ()


_INSERTED_RELATIVE = re.compile(
    r"\s*(?:[\u2014\u2013]|\s-{1,2}\s|,)\s*(?:who|which)\b[^\u2014\u2013,]{0,200}"
    r"(?:[\u2014\u2013]|\s-{1,2}\s|,)\s*$"
)


def _unclosed_apposition(lead_in: str) -> _Reference | None:
    """ "'...,' Idriss Deby, outgoing chairperson of African Union said": agency copy may
    leave an apposition's closing comma out; the name before it is the verb's subject."""
    found = re.fullmatch(r"\s*([^,]{2,60}),\s+([^,]{2,80})", lead_in)
    if found is None:
        return None
    name = _read_phrase(_phrase_starting(_tokens(found.group(1))))
    described = _read_phrase(_phrase_starting(_tokens(found.group(2))))
    if (
        name is None
        or name.kind != "name"
        or len(name.words) < _SHORTEST_FULL_NAME
        or " ".join(_tokens(found.group(1))) != " ".join(name.words)
        or described is None
        or described.kind not in ("role", "organisation")
    ):
        return None
    return name


def _lead_clause(text: str) -> str | None:
    """The words before a reporting verb if they are only its subject, openers dropped."""
    # "Macron -- who surprised the others by meeting Zarif -- said": a relative clause set
    # off by dashes or commas describes the subject and is no part of it.
    clause = _INSERTED_RELATIVE.sub("", text).strip()
    while True:
        shorter = _LEAD_OPENER.sub("", clause, count=1)
        shorter = _WHEN.sub("", shorter)
        if shorter == clause:
            break
        clause = shorter
    if len(clause.split()) > _LONGEST_SUBJECT_CLAUSE:
        return None
    return clause


def _reporting(speaker: _Speaker) -> _Speaker:
    """The speaker of reported speech: an account of words is surer of less than a quote."""
    return _Speaker(
        speaker.name,
        speaker.person,
        evidence=f"{speaker.evidence}; reported speech",
        confidence=round(speaker.confidence * _PARAPHRASE_DISCOUNT, 2),
        participant=speaker.participant,
    )


def _proposal(speaker: _Speaker, kind: str, text: str, context: str, start: int) -> Proposal:
    evidence = speaker.evidence or ("no attribution found" if not speaker.name else speaker.name)
    route = "/".join(part for part in (speaker.route, speaker.resolved) if part)
    return Proposal(
        speaker=speaker.name,
        kind=kind,
        text=text,
        context=context,
        start=start,
        confidence=round(speaker.confidence if speaker.name else 0.0, 2),
        evidence=evidence,
        participant=speaker.participant,
        route=route,
    )


# A subordinate clause with its own subject and a finite verb between a sentence's subject
# and its participle: "..., hours after Ukrainian President Volodymyr Zelenskyy strongly
# expressed his opposition, calling it".
_LOOKING_ON = re.compile(
    r"\b(?:listened|watched|looked\s+on|stood\s+by|sat|waited|smiled|nodded|arrived|left"
    r"|was\s+present|looked\s+away)\b"
)
# A sentence saying someone was asked (no quote in it): "POTUS was asked about Syria."
_ASKED = re.compile(
    r"\s*(?:[A-Z][\w.\u2019'-]*\s+){1,4}(?:was|were)\s+(?:then\s+|later\s+|also\s+)?asked\b"
)
# A sentence in which someone speaks up without words of their own, before a quote:
# "Petrov, however, disagreed.", "Berg was more cautious:".
_TAKES_THE_FLOOR = re.compile(
    r"^[^,]{2,60}?(?:,[^,]{1,50},)?\s+(?:disagreed|responded|replied|countered|retorted"
    r"|objected|demurred|hit back|shot back|pushed back|took the floor|was (?:more|less) \w+"
    r"|was (?:blunt|defiant|upbeat|cautious|scathing|unrepentant|unmoved))\b[^,;]{0,40}[.:]\s*$"
)
# A sentence whose subject is people copy leaves unnamed: "But critics were unconvinced."
_SOURCES_OBJECT = re.compile(
    r"^\s*(?:But\s+|And\s+|Yet\s+)?(?:some\s+|many\s+|other\s+)?(?:"
    + "|".join(sorted(_SOURCES - {"reports"}))
    + r")\b"
)
# A subject with its article and nothing else, as after a quote: "the summit secretariat".
_UNNAMED_SUBJECT = re.compile(r"(?:the|a|an|its|their|his|her)\s+(?:[\w'\u2019-]+\s+){0,4}[\w-]+")
# What follows a speech verb that credits the quote before it: the end, or where and when
# ("said in a message", "vowed on Monday"), not a clause of its own ("said talks should").
_CREDIT_ENDS = re.compile(
    r"\s*(?:$|[,.;:!?\u2014-]|(?:in|on|at|during|after|before|to|from|with|via|through|"
    r"yesterday|today|tonight|later|afterwards|earlier|last|this|late|early|reporters"
    r"|journalists|him|her|them|us)\b)"
)
# Nouns that name a person, not a body, when no title does: "the politician said".
_PERSON_NOUNS = frozenset(
    "politician statesman stateswoman man woman lawmaker legislator veteran".split()
)
# A noun phrase with its article, just before a verb: "the eight nations", "the bloc".
_DETERMINED_PHRASE = re.compile(r"\b(?:the|The)\s+(?:[\w-]+\s+){0,3}[\w-]+\s*$")
_ACTOR_BETWEEN = re.compile(
    r"\b(?:after|when|while|before|because|since|once|until|as)\s+((?:[\w\u2019'.-]+\s+){0,6}?"
    r"[A-Z][\w\u2019'.-]*)\s+(?:[a-z]+ly\s+)?(?:[a-z]{3,}ed|had|has|was|did)\b[^,]*,?\s*$"
)


# "It", "They" as a sentence's subject, after any conjunction or opening phrase and comma.
_OPENS_WITH_IT = re.compile(
    r"(?:(?:And|But|Yet|So)\s+)?(?:[A-Z][\w\u2019'-]*(?:\s+[\w\u2019'-]+){0,5},\s+)?"
    r"(?:It|it|They|they)\b"
)


# One blamed or praised for words: "criticised Macron for saying", "accused him of calling".
_BLAMED_FOR = re.compile(r"^(.*\S)\s+(?:for|of)$")
# A clause of another moment that a speech verb ends: "hours after Zelenskyy expressed".
_EARLIER_EVENT = re.compile(r"\b(?:after|before|until|since)\s+(?:[\w\u2019'.-]+\s+){1,7}$")
# A clause opened by a conjunction, its subject then a verb: ", as the G7 leaders renewed".
_NEW_CLAUSE = re.compile(
    r"(?:,\s*|\b)(?:as|while|whereas|when|and|but|after)\s+((?:the\s+)?[A-Z][\w\u2019'.-]*"
    r"(?:\s+[\w\u2019'.-]+){0,5}?)\s+[a-z]+ed\b"
)


def _coordinated_subject(sentence: str, headline: bool = False) -> str:
    """The sentence's subject when it is several people named one after another ("Fumio
    Kishida, Joe Biden and Yoon Suk Yeol held ..."; in a headline "Biden, Xi hold ..."),
    else ""."""
    tokens = _tokens(sentence.strip().lstrip(_BLANK))
    first = _phrase_starting(tokens)
    rest = tokens[len(first) :]
    if not first or rest[:1] not in (["and"], [","]):
        return ""
    reference = _read_phrase(first)
    second = _read_phrase(_phrase_starting(rest[1:]))
    if reference is None or second is None or {reference.kind, second.kind} != {"name"}:
        return ""
    after = rest[1 + len(_phrase_starting(rest[1:])) :]
    if rest[0] == "," and after[:1] != ["and"] and not (headline and after[:1] != [","]):
        return ""  # "Lowe, Marsh's deputy, said": an apposition, not a second subject
    return f"{' '.join(reference.words)} and others"


_MOST_OPENERS = 3
# Words set off by commas between an opener and the subject.
_ASIDES = frozenset(
    "however though meanwhile moreover indeed nevertheless nonetheless instead also still "
    "too then later earlier".split()
)
_POSSESSIVE_OPENERS = frozenset(("His", "Her", "Their", "Its"))


def _subject_of(sentence: str) -> _Reference | None:
    """Who the sentence is about: the speaker of "..., saying" and of "X was blunt: ..."."""
    tokens = _tokens(sentence.strip().lstrip(_BLANK))
    for _ in range(_MOST_OPENERS):
        # "Earlier, addressing the summit, Modi made ...": openers one after another.
        while tokens and (tokens[0] in _CONJUNCTIONS or _is_adverb(tokens[0])):
            tokens = tokens[1:]
        if tokens[1:2] == [","] and tokens[0].lower() in _ASIDES:
            tokens = tokens[2:]  # "During his press conference, however, Obama did ..."
        reach = _LONGEST_PARTICIPLE_OPENER if _is_participle(tokens) else _LONGEST_OPENER
        comma = tokens.index(",") if "," in tokens[:reach] else -1
        opener = tokens and (
            tokens[0] in _OPENING_ADVERBIALS
            or _is_participle(tokens)
            or (comma > 0 and tokens[comma - 1].lower() in _TIME_PHRASE_ENDS)
            # "Picked up by a stray microphone, Trudeau ...", "Flanked by aides, Modi ...";
            # not "United Nations ...".
            or (comma > 1 and tokens[0].endswith("ed") and tokens[1].islower())
        )
        if opener and comma >= 0:
            tokens = tokens[comma + 1 :]
        elif opener and _is_participle(tokens):
            return None  # "Opening his press conference at Carbis Bay Mr Johnson ..."
        else:
            break

    if tokens and tokens[0].lower() in ("he", "she"):
        return _Reference("pronoun", (tokens[0].lower(),))
    qualified = _qualified_subject(tokens)
    if qualified is not None:
        return qualified
    phrase = _phrase_starting(tokens)
    if len(phrase) == 1 and _is_possessive(phrase[0]):
        # "Obama's top Russia adviser Mike McFaul put it plainly": the possessor qualifies
        # the subject; the titled name after it is the subject.
        owned = _read_phrase(_phrase_starting(tokens[1:]))
        if owned is not None and owned.kind == "name" and owned.role:
            return owned
    reference = _read_phrase(phrase)
    if phrase and (reference is None or reference.kind in ("role", "organisation")):
        named = _name_set_off(tokens[len(phrase) :]) or _name_after_title(tokens)
        if named is not None:
            return named
    return reference


def _object_before(reference: _Reference, text: str) -> bool:
    """Whether `text` ends with the named `reference` as the object of a verb of address
    (unlike _word_before_name, only at the end: "quoted Trump as telling" is Trump's)."""
    name = r"\s+".join(re.escape(word) for word in reference.words[-2:])
    found = re.search(rf"\b([a-z]+)\s+(?:[A-Z][\w.\u2019'-]*\s+)*{name}$", text)
    return found is not None and found.group(1) in _TOLD_HER


def _possessor_opening(sentence: str) -> _Reference | None:
    """The person whose thing opens the sentence: "Mr Brown's own rhetoric" is Brown."""
    tokens = _tokens(sentence.strip().lstrip(_BLANK))
    phrase = _phrase_starting(tokens)
    if not phrase or not _is_possessive(phrase[-1]) or phrase[0].lower().endswith("ing"):
        # "Condemning Russia's actions, he vowed": a participle, not a name.
        return None
    owner = _read_phrase(_drop_possessive(phrase))
    return owner if owner is not None and owner.kind == "name" else None


def _qualified_subject(tokens: list[str]) -> _Reference | None:
    """A name behind the words that open a sentence before it: an adjective ("An affable
    Putin also sought") or a possessive ("His US counterpart Antony Blinken made")."""
    if tokens[:1] and tokens[0] in ("A", "An", "The"):
        # A subject's description is short: "An affable Putin also sought".
        return _described_name(tokens, _DESCRIBED_SUBJECT_REACH)
    if tokens[:1] and tokens[0] in _POSSESSIVE_OPENERS:
        owned = _read_phrase(_phrase_starting(tokens[1:]))
        return owned if owned is not None and owned.kind == "name" and owned.role else None
    return None


_LONGEST_ROLE_TAIL = 8


# Words that end a title: after them comes no name the title belongs to.
_TITLE_BREAKS = frozenset(
    "of in at by with for to on from after as and or but that which who than has have had "
    "is was were will would".split()
)


_LONGEST_LOWER_TITLE = 3


def _name_after_title(tokens: list[str]) -> _Reference | None:
    """The full name a title with lower-case words of its own leads to: "New EU council
    chief Donald Tusk has broken with ...". The name must be followed by a lower-case word,
    its verb."""
    lower = 0
    for index in range(1, min(len(tokens), _LONGEST_SUBJECT_CLAUSE)):
        token = tokens[index - 1]
        lower += token.islower()
        following = tokens[index]
        if (token in ("of", "for") and (following[:1].isupper() or following == "the")) or (
            token == "the" and following[:1].isupper()
        ):
            # "Minister for the Pacific Alex Hawke": an office's own words.
            lower -= 1
            continue
        if (
            token.lower() in _TITLE_BREAKS
            or not _is_word(token)
            or lower > _LONGEST_LOWER_TITLE
            or (token.islower() and (token in _SPEECH_WORDS or token.endswith(("ed", "ing"))))
        ):
            return None
        phrase = _phrase_starting(tokens[index:])
        after = tokens[index + len(phrase) : index + len(phrase) + 1]
        reference = (
            _read_phrase(phrase) if after and (after[0].islower() or after == [","]) else None
        )
        if reference is not None and reference.kind == "name" and len(reference.words) > 1:
            return reference
    return None


# Words that carry a role on to the comma before its holder's name: "The head of the
# Russian delegation, Sergei Ryabkov".
_ROLE_TAIL_OPENERS = frozenset("of for at in to from on with".split())


def _name_set_off(tokens: list[str]) -> _Reference | None:
    """The name a role's apposition gives: in "The head of the Russian delegation, Deputy
    Foreign Minister Sergei Ryabkov, was more cautious" the sentence is about Ryabkov."""
    if "," not in tokens[: _LONGEST_ROLE_TAIL + 1]:
        return None
    if tokens[0] != "," and tokens[0].lower() not in _ROLE_TAIL_OPENERS:
        # "The US President appeared to criticise his predecessor, Theresa May, saying":
        # a verb before the comma, so the name after it is its object's apposition.
        return None
    start = tokens.index(",") + 1
    phrase = _phrase_starting(tokens[start:])
    closing = tokens[start + len(phrase) : start + len(phrase) + 1]
    reference = _read_phrase(phrase) if phrase and closing == [","] else None
    return reference if reference is not None and reference.kind == "name" else None


def _is_adverb(token: str) -> bool:
    return token.endswith("ly") and token[:1].isupper() and token not in ("Italy", "Reilly")


def _is_participle(tokens: list[str]) -> bool:
    return len(tokens) > 1 and tokens[0].endswith("ing") and tokens[1][:1].islower()


def _reporting_verb(clause: str, verbs: list[re.Match[str]]) -> re.Match[str]:
    """The verb that reports the words the clause leads into: the last, unless it stands in
    a clause another verb reports ("he said, adding that the leaders reaffirmed their
    commitment to '...'": his words, not the leaders')."""
    index = len(verbs) - 1
    if re.match(r"(?:\s+[\w\u2019'-]+){0,3}\s*:\s*$", clause[verbs[-1].end() :]):
        # "Hale said Petrov told him: '...'": a colon hands the quote to the verb before it.
        return verbs[-1]
    while index and (
        _REPORTED_THAT.match(clause, verbs[index - 1].end(), verbs[index].start())
        or (
            # "Trudeau says the G7 has agreed to an 'ambitious' communique": "that" left out.
            verbs[index - 1].group() in _SAYING
            and _REPORTED_CLAUSE.match(clause, verbs[index - 1].end(), verbs[index].start())
        )
    ):
        index -= 1
    return verbs[index]


_TITLE_FUNCTION_WORDS = frozenset("of the for and a an in on to at with by de".split())


def _is_title_of_thing(text: str) -> bool:
    """Whether quoted text is a name in title case ("America First", "Funafuti Declaration
    for Urgent Climate Change Action Now", "New START"), not words someone said."""
    words = text.strip(" ,.;:").split()
    if len(words) < _SHORTEST_FULL_NAME or text.rstrip()[-1:] in "!?" or words[0] == "I":
        return False
    return all(w[:1].isupper() or w in _TITLE_FUNCTION_WORDS for w in words) and any(
        w[:1].isupper() for w in words[1:]
    )


def _first_verb_start(text: str, start: int) -> int:
    """Where the first lower-case word at or after `start` begins: a clause's verb."""
    word = re.compile(r"\b[a-z]").search(text, start)
    return word.start() if word else len(text)


def _first_verb(after: str) -> re.Match[str] | None:
    for verb in _speech_verbs(after):
        words = [t for t in _tokens(after[: verb.start()]) if _is_word(t)]
        if len(words) <= _ATTRIBUTION_REACH:
            return verb
        return None
    return None
