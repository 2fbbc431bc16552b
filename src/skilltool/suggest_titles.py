"""Why a regulated profession's recognition comes first, by what the law protects: the work (Wet BIG
article 3, ...), a title only (the architect's, a sworn interpreter's), or a training title (Wet BIG
article 34: the pharmacy's assistant, the dietitian), whose work is open under supervision without it."""

from __future__ import annotations

from skilltool.models import Text, Words
from skilltool.suggest_index import RegInfo
from skilltool.suggest_texts import x as _x


def recognition_reason(reg: RegInfo, name: Words, who: Words, job: Words | str) -> Text:
    """The recognition step's reason. A protected title only: the work is open, not "cannot be
    practised". A training title (art. 34): the person may not use the title without recognition, the
    work is not reserved to it (twenty-third review: the plan of an assistant in a pharmacy said the
    work "mag niet zelfstandig worden uitgeoefend")."""
    if reg.title_only:
        return _x("s_recognition_reason_title", authority=who, label=job)
    if reg.by_exam:  # Dutch exams (CBR, SVPB, Kiwa), no foreign papers assessed (twenty-fifth review)
        return _x("s_recognition_reason_exam", name=name, authority=who, label=job)
    if reg.training_title:
        return _x("s_recognition_reason_training", name=name, authority=who, label=job)
    return _x("s_recognition_reason", name=name, authority=who, label=job)
