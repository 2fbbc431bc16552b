"""An engineer named in a client's language with the field of engineering: "mohandes" (Persian
مهندس), "muhandis" (Arabic مهندس), "mühendis" (Turkish), "inzhener" (Russian and Ukrainian
інженер) with a word of the field in the same language, either order ("elektrik mühendisi",
"inzhener-mekhanik"). The aliases file names a few of these pairs one by one; the words combine
freely, and an engineer's field is his unit group (2142 civil, 2144 mechanical, 2151 electrical),
so the pair is read as the Dutch or English label of the field's engineer. The engineer's word
alone, or with a word not listed here, is left to the labels.

The words are the common romanisations of each language's own word (Persian برق *bargh*
electricity, نفت *naft* oil, عمران *omran* and ساختمان *sakhteman* building, مکانیک *mekanik*, شیمی
*shimi* chemistry, کشاورزی *keshavarzi* agriculture, معدن *ma'dan* mine, صنایع *sanaye* industries,
مخابرات *mokhaberat* telecommunications, نرم‌افزار *narmafzar* software; Arabic كهرباء *kahraba*,
نفط *naft*, مدني *madani* civil, ميكانيكي *mikaniki*, كيميائي *kimiya'i*, زراعي *zira'i*, تعدين
*ta'din*, صناعي *sina'i*, اتصالات *ittisalat*, حاسوب *hasoob* computer; Turkish *elektrik*,
*petrol*, *inşaat*, *makine*, *kimya*, *ziraat*, *maden*, *endüstri*, *bilgisayar*, *elektronik*;
Russian and Ukrainian *elektrik*/*elektryk*, *neftyanik*, *stroitel*/*budivelnyk*,
*mekhanik*, *khimik*, *agronom*, *gornyi*/*hirnychyi*, *programmist*), folded as ``textnorm`` folds
them. An engineer of computers may build hardware or write software: its reading stays flagged
(the labels' engineer of hardware, 2152, leads).
"""

from __future__ import annotations

from skilltool.word_lists import word_set

_ENGINEER = word_set(
    """
    mohandes mohandis mohendes muhandis muhandes mhandes mohandesi muhendis muhendisi
    inzhener inzhenerka inzhenera inzener inzenier inshener injener
    """
)
"""The engineer's word of Persian, Arabic, Turkish (with its compound suffix), Russian and Ukrainian."""


def _fields(table: str) -> dict[str, tuple[str, str]]:
    """Lines "FIELD_NL | FIELD_EN | words..." (a line without "|" goes on with the words above) as
    each word's (Dutch label, English label)."""
    fields: dict[str, tuple[str, str]] = {}
    labels = ("", "")
    for line in table.strip().splitlines():
        words = line
        if "|" in line:
            dutch, english, words = (part.strip() for part in line.split("|"))
            labels = (dutch, english)
        for word in words.split():
            fields[word] = labels
    return fields


_FIELDS = _fields(
    """
    ingenieur elektriciteit | electrical engineer | bargh barq barg kahraba kahrabai kahrabaei
        elektrik elektryk elektrika
    elektronica-ingenieur | electronics engineer | elektronik electronik iliktruni elektroniki
    petroleumingenieur | petroleum engineer | naft nafti petrol betrol neft neftyanik naftgaz
    ingenieur civiele bouwkunde | civil engineer | omran madani insaat sakhteman sakhtemani
        stroitel budivelnyk
    werktuigbouwkundig ingenieur | mechanical engineer | mekanik mikaniki mechanik mekhanik
        makine makina mekaniki
    chemisch ingenieur | chemical engineer | shimi shimiai kimya kimyai kimiyai khimik
    landbouwkundig ingenieur | agricultural engineer | keshavarzi zirai ziraai ziraat agronom
    mijningenieur | mining engineer | madan maaden maden tadin gornyi hirnychyi
    bedrijfsingenieur | industrial engineer | sanaye sanayi sinai sinaai endustri
    ingenieur telecommunicatie | telecommunications engineer | mokhaberat ittisalat telekom
    computeringenieur | computer engineer | computer kompyuter kampyuter bilgisayar narmafzar
        hasoob hasib programmist
    """
)


def as_title(words: list[str], lang: str = "nl") -> str | None:
    """The field's engineer label (Dutch for ``lang`` "nl", else English) when ``words`` are an
    engineer's word and a field's word of ``_FIELDS``, in either order, and nothing else; else None."""
    if len(words) != 2 or _ENGINEER.isdisjoint(words):
        return None
    field = words[1] if words[0] in _ENGINEER else words[0]
    found = _FIELDS.get(field)
    if found is None:
        return None
    return found[0] if lang == "nl" else found[1]
