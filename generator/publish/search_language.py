"""What search knows of a portal's language: the stems of its words and the words a query may drop.

Stems come from Snowball (``snowballstemmer``: Catalan, Spanish, English, Basque, French,
Portuguese and many more); Galician has no Snowball stemmer, so it borrows the Portuguese one,
the closest (plural -s, -ção/-ción-like endings, verb endings shared with Portuguese). A language
Snowball does not know gets no stems: the browser still forgives endings and typos (search.js).
Stems are computed at build time for every indexed word and shipped with the index; the browser
stems only the query words the index does not hold, with the same algorithm in JavaScript
(``stemmer_scripts``).

Stop words are the words a question is made of (how, long, is, the, my...): dropped from a query
unless it has nothing else, so "cuanto dura la garantia" asks for "dura" and "garantia".
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from generator.text.folding import fold

SNOWBALL = {"ca": "catalan", "es": "spanish", "en": "english", "eu": "basque", "fr": "french", "pt": "portuguese",
            "gl": "portuguese", "it": "italian", "de": "german", "nl": "dutch", "oc": "catalan"}
"""Snowball's algorithm for a language code (Galician and Occitan borrow their closest neighbour's)."""


STEMMER_RUNTIME = "assets/stemmer-runtime.js"
"""What every browser stemmer needs first (templates/assets/, vendored by bench/vendor_stemmers.py)."""


def stemmer_scripts(lang: str) -> list[str]:
    """The portal's copies of the browser's stemmer for ``lang``, runtime first (none without a
    Snowball algorithm): search.js stems with it the query words the index does not hold."""
    algorithm = SNOWBALL.get(lang)
    return [STEMMER_RUNTIME, f"assets/stemmer-{algorithm}.js"] if algorithm else []

# The words of a question, a request and a possessive: pronouns, articles, the verbs people ask
# with (want, can, need, put, do, have, be). Kept short on purpose: the stop lists of
# stop-words and stopwords-iso (measured) also drop "fix", "parts", "back", "old" and "wont".
_STOP = {
    "ca": """a al als amb als com de del dels el els em en ens es està és hi ho i la les li lo m me meu meva
        mi mon ma na no o on per perquè pel pels puc que què quan quant quanta quants quantes qué se sa sense
        ses si sobre son sou sóc té tinc un una uns unes us vaig va ve vostra vostre cal fer he ha han hem
        molt més també tot tota necessito vull voldria
        jo tu ell ella nosaltres vosaltres ells elles seu seva seus seves teu teva aquest aquesta aquests
        aquestes aquell aquella això allò algun alguna cada altre altra
        vol volen volem vols voldríem puc pot poden podem pots podria necessita necessiten necessitem
        posar poso posa posen faig fa fan fem fas tinc tens tenim tenen sóc és són era estic estan
        haig hauria he hem heu""",
    "es": """a al como con cual cuales cuando cuanto cuanta cuantos cuantas de del donde el ella ellos en
        es esta este esto estoy fue ha han hay he la las le les lo los me mi mis muy no nos o para pero
        por porque puedo que quien se si sin sobre su sus te tengo tiene un una uno unos unas y ya yo
        hacer hago hace tan mas tambien todo toda necesito quiero queria
        tu el ella nosotros vosotros ellos ellas mio mia tuyo tuya suyo suya este esta estos estas ese esa
        esos esas aquel aquella eso algun alguna cada otro otra
        quiere quieren queremos quieres querria puede pueden podemos puedes podria necesita necesitan
        pongo pone ponen poner hace hacen hacemos haces tiene tienen tenemos tienes soy son era estoy
        estan esta estas debo debe""",
    "en": """a about am an and are as at be been but by can could did do does doing for from had has have
        how i if in into is it its me my no not of on or our should so than that the their them then there
        these they this to too us was we what when where which who why will with would you your long much
        many get got need want
        he she him her his hers its mine yours ours theirs those each every some any other such own
        wants wanted needs needed put make makes made dont""",
    "gl": """a ao aos as cando canto canta cantos cantas co coa como da das de do dos e é en está este esta
        eu me meu miña na nas no non nos o os ou para pero por porque que se sen seu súa un unha uns unhas""",
    "eu": """al bat baina bere da dago dira du dut edo eta ez gure hau hori ni nola nor non zer zein zu zure
        ote ere oso""",
    "fr": """à au aux avec ce ces comment combien dans de des du elle en est et il je la le les leur ma mais
        me mes mon ne nous on ou où par pas pour qu que qui quand sa se ses son sur ta te tes ton tu un une
        vos votre vous y ai a est-ce""",
    "pt": """a ao aos as com como da das de do dos e é em esta este eu me meu minha na nas no nos não o os
        ou para pela pelo por porque quando quanto quanta quantos quantas que se sem seu sua um uma uns
        umas""",
}


@lru_cache(maxsize=16)
def stop_words(lang: str) -> frozenset[str]:
    """The language's stop words, folded as the index folds words (none for an unknown language)."""
    return frozenset(fold(word) for word in _STOP.get(lang, "").split())


@lru_cache(maxsize=16)
def _stemmer(lang: str):
    algorithm = SNOWBALL.get(lang)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def stems(lang: str, words: list[str]) -> dict[str, str]:
    """word → its stem, for the words whose stem differs (all of them folded); {} without a stemmer."""
    stemmer = _stemmer(lang)
    if stemmer is None:
        return {}
    known = _STEMS.setdefault(lang, {})
    new = [word for word in words if word not in known]
    for word, stem in zip(new, stemmer.stemWords(new), strict=True):
        known[word] = fold(stem)
    return {word: known[word] for word in words if known[word] != word and known[word]}


_STEMS: dict[str, dict[str, str]] = {}
"""Per language, every word stemmed so far in this process: the portals of one language share
most of their words, and an incremental build indexes the same words again."""
