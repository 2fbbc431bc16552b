"""A study, a course or a degree said in place of work ("student geneeskunde", "mbo
logistiek", "bachelor economie"), and a role said by its form (an agent ending, a plain
name of common work), which tells such an answer from a title ("verpleegkundige, 3 jr
opleiding"). ``coding_situations`` reads the answers that are no occupation with them."""

from __future__ import annotations

from skilltool import coding_activity, textnorm
from skilltool.word_lists import word_set

DEGREE = word_set(
    """
    bachelor master bsc msc ba ma phd diploma degree mbo hbo bachiller bachillerato baccalaureat
    baccalaureate bac tawjihi abitur matric attestat
    """
)
"""Degrees and school-leaving diplomas (the Spanish, French, Arab, German and post-Soviet ones by
their own names), read as a study, not a role, when the answer says no work was had ("bachelor"
and "bachiller" end like a role word)."""


STUDYING = word_set(
    """
    student studente studie studeerde studeer studeert studeren gestudeerd studying studied
    cursus cursussen taalcursus course courses classes lessen taalles taallessen taalschool
    inburgering inburgeringscursus masterstudent bachelorstudent
    """
)
_TRAINING = word_set("opleiding opleidingen vooropleiding")
"""A training, a study when the answer opens with it ("opleiding verpleegkunde gestart", "mbo-opleiding
...": after a degree word); after a title it is the title's schooling ("verpleegkundige, 3 jr
opleiding"), coded."""
_TEACHING = word_set("gaf geef geeft gegeven geven lesgeven gave give gives given giving taught teaching")
"""A course given is teaching ("Engelse les gegeven", "gave computer classes"): a job, coded."""
_PLACEMENT = word_set(
    """
    stage stages stagiair stagiaire stagiairs intern interns internship internships trainee
    traineeship practical praktijk mentorship program programme affairs officer executive
    coordinator development training werkstudent bijbaan
    """
)
"""A job for students ("stagiair, student bouwkunde", "internship for an accounting student",
an officer for the students' affairs): a placement or a role, coded; only a study said alone is a status."""


def studying(words: list[str], index: coding_activity.Words, said: str = "") -> bool:
    """A study or a course, said with its field, year or place ("student geneeskunde", "geneeskunde
    gestudeerd, niet afgemaakt", "medicine student, fourth year", "taalschool, daarna inburgering"): a
    status, not paid work, unless another word names a role (``coding_activity.role_word``: a
    "student tutor" or a "student researcher" has a job; coded, flagged), the course was given, or
    the answer as read (``said``: normalised, its filler verbs too) says work was done."""
    if len(words) == 1:
        return study_compound(words[0])
    if STUDYING.isdisjoint(words) and not _training_first(words) and not any(map(study_compound, words)):
        return False
    if words[0] not in STUDYING and not (_TEACHING.isdisjoint(words) and _PLACEMENT.isdisjoint(words)):
        return False  # (the study word first: as before, a status unless a role follows)
    if not _WORKED.isdisjoint(said.split()):  # "... gestudeerd, werkte in een kliniek": work done too
        return False
    rest = (w for w in words if w not in STUDYING and w not in DEGREE and not study_compound(w))
    return not any(w.endswith(_HELPER_ENDS) or _role(w, index) for w in rest)


_STUDENT_ENDS = ("student", "studente", "studenten")


def study_compound(word: str) -> bool:
    """A Dutch compound that names a student by the field ("rechtenstudent", "geneeskundestudente"):
    a study like "student rechten", unless it names a student's job (*werkstudent*: ``_PLACEMENT``)
    or the field is too short to be one."""
    if not word.endswith(_STUDENT_ENDS):  # most words: one call in C, no generator
        return False
    return word not in _PLACEMENT and any(
        word.endswith(end) and len(word) - len(end) >= 4 for end in _STUDENT_ENDS
    )


_WORKED = word_set("werkte werkten gewerkt worked working ervaring werkervaring experience")
"""Work said beside a study, where no word names the role ("werkte in een kraamkliniek", "ervaring
 op de IC"): coded.
(An answer that says it never worked is read before, by ``not_an_occupation``.)"""


def _role(word: str, index: coding_activity.Words) -> bool:
    """``coding_activity.role_word``, an agent ending only after a stem of three letters or more: in
    an answer about a study, "door" (by) and "sent" end like a role and name none."""
    return word in index.exact or word in textnorm.ROLE_WORDS or _agent(word)


_NOT_FIRST = frozenset(("master", "ma"))
"""Degrees that open roles too: a master craftsman, a ship's master, "master data" work."""


def _training_first(words: list[str]) -> bool:
    """Whether the answer opens with a training (``_TRAINING``) or a degree (``DEGREE`` but
    ``_NOT_FIRST``: "hbo logistiek, tweede jaar", "bachelor economie", "bsc civil
    engineering"): a study when no word after it names a role ("hbo verpleegkundige" is coded)."""
    return (words[0] in DEGREE and words[0] not in _NOT_FIRST) or words[0] in _TRAINING


_HELPER_ENDS = ("assistent", "assistente", "assistant", "hulp", "helper", "medewerker")
"""A student's paid job: "student-assistent", "student helper" (a role word by its head)."""


_ROLE_ENDINGS = (*coding_activity.ROLE_ENDINGS, "ant", "ent", "kundige", "kundigen")
_PLAIN_ROLES = word_set(
    """
    kok cook chef arts guard nurse boer smid imam agent soldaat militair politie police monteur
    chauffeur kapper cleaner bewaker
    """
)


def named_role(word: str) -> bool:
    """A role by its form, without the coder's labels (``coding_activity.role_word`` with them): an
    agent ending (``_agent``), a role word that takes a subject, or one of the plain names of common work."""
    return word in textnorm.ROLE_WORDS or word in _PLAIN_ROLES or _agent(word)


def _agent(word: str) -> bool:
    """An agent ending (``_ROLE_ENDINGS``) after a stem of three letters or more: *docent*, *kapper*,
    *bouwer*, not the short words that only end like one ("door", "sent", "went", "over")."""
    return any(word.endswith(end) and len(word) - len(end) >= 3 for end in _ROLE_ENDINGS)
