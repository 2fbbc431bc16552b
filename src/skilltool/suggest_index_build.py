"""Building and loading the compiled suggestion index (``suggest_index.SuggestIndex``).

``build_index`` turns the reference data (occupations, skills, sectors, weights, regulated professions,
tightness) into the index's plain lists, dicts and small slotted classes, running ``suggest_checks``
first (as ``data validate``); ``load_index`` caches the result by the data files' content, so a warm
``suggest`` starts fast. ``candidate_of`` makes one occupation's candidate record (also for an
occupation outside the shortage sectors, ``outside_candidate``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skilltool import suggest_compact, suggest_not_practised, textnorm, tightness
from skilltool.datafiles import cache_path, cache_read, cache_write, read_data_bytes, read_optional_bytes
from skilltool.models import CEFR_ORDER, Occupation, SuggestWeights
from skilltool.suggest_checks import check_regulated, check_sectors, check_weights
from skilltool.suggest_fit import distinctive_skills, entry_below, residual_groups
from skilltool.suggest_index import (
    INDEX_FORMAT,
    Candidate,
    CertInfo,
    LicenceRules,
    RegInfo,
    SuggestIndex,
    norm,
    skill_id,
)
from skilltool.suggest_keys import longest_prefix, order_key

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData


def band_of(weights: SuggestWeights, isco: str) -> tuple[str, int, int, int]:
    band = weights.level_by_isco_major[isco[:1]]
    level = int(band.isco_skill_level[-1])
    return band.isco_skill_level, level, band.nlqf_min, band.nlqf_max


def build_index(ref: ReferenceData) -> SuggestIndex:
    """Compile the candidates and lookup tables from the reference data (checked on the way)."""
    weights = ref.suggest_weights
    sectors = ref.sectors
    regulated = ref.regulated_nl
    check_sectors(ref)
    check_weights(ref)
    check_regulated(ref)
    not_practised = suggest_not_practised.compile_table(ref, norm)  # never suggested: no candidate
    dutch_prefix = {p: CEFR_ORDER[v] for p, v in weights.dutch_needed.by_isco.items()}
    reg_by_prefix: dict[str, str] = {}
    reg_by_label: dict[str, str] = {}
    reg_related: dict[str, list[str]] = {}
    reg_info: dict[str, RegInfo] = {}
    interim_by_label: dict[str, list[str]] = {}
    for prof in regulated.professions:
        nm, rt, au, r = prof.name, prof.route, (prof.authority.nl, prof.authority.en), prof
        reg_info[prof.id] = RegInfo(
            nm.nl, nm.en, au, rt.nl, rt.en, r.learn_work, (), *(r.by_exam, r.title_only, r.closed_abroad),
            r.nationality, tuple(textnorm.clean(x) for x in r.dutch_diploma),
            (r.dutch_route.nl, r.dutch_route.en) if r.dutch_route else ("", ""), r.dutch_needed or "",
            r.training_title, r.dutch_diploma_nlqf or 0,
            (u.nl, u.en) if (u := r.untrained_route) else ("", ""),
        )  # fmt: skip
        reg_by_prefix.update(dict.fromkeys(prof.isco, prof.id))
        reg_by_label.update(dict.fromkeys(prof.esco_en, prof.id))
        for label in prof.interim_esco_en:
            interim_by_label.setdefault(label, []).append(prof.id)
        for p in prof.related_isco:
            reg_related.setdefault(p, []).append(prof.id)
    reg_by_uri: dict[str, str] = {}
    for occ in ref.occupations.occupations:
        rid = reg_by_label.get(occ.label.get("en"))
        if rid is None and (hit := longest_prefix(reg_by_prefix, occ.isco)):
            rid = hit[1]
        if rid is not None:
            reg_by_uri[occ.uri] = rid
        for owner in interim_by_label.get(occ.label.get("en") or "", ()):
            reg_info[owner].interim += (occ.uri,)
    reg_dutch = {p.id: CEFR_ORDER[p.dutch_needed] for p in regulated.professions if p.dutch_needed}
    reg_mbo = {p.id for p in regulated.professions if p.mbo_bbl}
    cert_prefix: dict[str, int] = {}
    certs: list[CertInfo] = []
    for n, rule in enumerate(weights.certificate_rules):  # a rule by ESCO labels is for them only
        certs.append(
            CertInfo(tuple(rule.driving_licences), tuple(rule.certificates), rule.note.nl, rule.note.en)
        )
        cert_prefix.update(dict.fromkeys([f"en:{x}" for x in rule.esco_en] + rule.esco_uri or rule.isco, n))
    skill_by_id = ref.skill_by_id
    cands: list[Candidate] = []
    occ_isco: dict[str, str] = {}
    occ_essential: dict[str, tuple[str, ...]] = {}
    skill_labels: dict[str, tuple[str, str]] = {}
    by_label: dict[str, list[int]] = {}
    # one string object per skill id: the pickle stores each once, every table that names it shares it
    ids: dict[str, str] = {}
    occ_optional_by_uri: dict[str, tuple[str, ...]] = {}
    outside: list[Occupation] = []
    for occ in sorted(ref.occupations.occupations, key=lambda o: o.uri):
        occ_isco[occ.uri] = occ.isco
        occ_essential[occ.uri] = tuple(ids.setdefault(s, s) for s in occ.essential)
        occ_optional_by_uri[occ.uri] = tuple(ids.setdefault(s, s) for s in occ.optional)
        for sid in occ_essential[occ.uri]:
            if sid not in skill_labels:
                skill = skill_by_id.get(sid)
                skill_labels[sid] = (skill.label("nl"), skill.label("en")) if skill else (sid, sid)
        if not occ.isco or occ.isco[:1] not in weights.level_by_isco_major:
            continue
        if occ.uri in not_practised.texts:
            outside.append(occ)  # never a candidate, but someone's own trade all the same
            continue
        sector = sectors.sector_of(occ.isco)  # outside the shortage sectors: a candidate all the same
        reg_id = reg_by_uri.get(occ.uri)
        named = cert_prefix.get(f"en:{occ.label.get('en')}", cert_prefix.get(occ.uri))
        cert = ("", named) if named is not None else longest_prefix(cert_prefix, occ.isco)
        cands.append(
            candidate_of(
                ref,
                weights,
                occ,
                sector=sector.id if sector else "",
                dutch_by_prefix=dutch_prefix,
                regulated=reg_id,
                regulated_dutch=reg_dutch.get(reg_id) if reg_id else None,
                cert_rule=cert[1] if cert else -1,
            )
        )
        cands[-1].mbo_route = reg_id is not None and reg_id in reg_mbo
    # Number the candidates in their tie-break order (better-known first, then ESCO code, then
    # URI), so that a ranking entry is just (-score, index) and sorts right.
    cands.sort(key=lambda c: (c.code_key, c.uri))
    suggest_compact.share_tightness(cands)
    occ_by_uri = ref.occupation_by_uri
    fit = weights.routes.fit
    distinctive = distinctive_skills(
        occ_essential, occ_essential, max_occupations=fit.distinctive_max_occupations
    )
    for idx, c in enumerate(cands):
        c.essential = occ_essential[c.uri]  # the same tuple (same content), shared
        c.distinctive = distinctive[c.uri]
        occ = occ_by_uri[c.uri]
        labels = [occ.label.nl, occ.label.en, *occ.alt.nl, *occ.alt.en]
        for text in {norm(t) for t in labels if t}:
            by_label.setdefault(text, []).append(idx)
    inv_e: dict[str, list[int]] = {}
    inv_o: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    group_keys: dict[tuple[object, ...], int] = {}
    groups: list[list[int]] = []
    for idx, c in enumerate(cands):
        for sid in c.essential:
            inv_e.setdefault(sid, []).append(idx)
        for sid in occ_optional_by_uri[c.uri]:
            inv_o.setdefault(sid, []).append(idx)
        for n in (2, 3, 4):
            by_prefix.setdefault(c.isco[:n], []).append(idx)
        key = (c.sector, c.band, c.dutch_needed, c.tight_points, c.regulated or "", c.cert_rule)
        if key not in group_keys:
            group_keys[key] = len(groups)
            groups.append([])
        c.group = group_keys[key]
        groups[c.group].append(idx)
    ordered = [tuple(m) for m in groups]  # already in index (= tie-break) order
    return SuggestIndex(
        weights=weights,
        cands=cands,
        by_uri={c.uri: i for i, c in enumerate(cands)},
        occ_isco=occ_isco,
        occ_essential=occ_essential,
        occ_optional=[
            tuple(ids.setdefault(k, k) for k in map(skill_id, occ_optional_by_uri[c.uri])) for c in cands
        ],
        inv_essential=suggest_compact.rows(inv_e),
        inv_optional=suggest_compact.rows(inv_o),
        by_prefix=suggest_compact.shared(by_prefix),
        by_label=suggest_compact.shared(by_label),
        groups=ordered,
        skill_labels=skill_labels,
        sector_names={s.id: (s.name.nl, s.name.en) for s in sectors.sectors},
        sector_order=[s.id for s in sectors.sectors],
        regulated=reg_info,
        certs=certs,
        not_practised=not_practised,
        outside={
            occ.uri: (
                candidate_of(
                    ref,
                    weights,
                    occ,
                    sector="",
                    dutch_by_prefix=dutch_prefix,
                    regulated=None,
                    regulated_dutch=None,
                    cert_rule=-1,
                    distinctive=distinctive[occ.uri],
                ),
                tuple(ids.setdefault(k, k) for k in map(skill_id, occ.optional)),
            )
            for occ in outside
        },
        dutch_by_prefix=dutch_prefix,
        reg_by_prefix=reg_by_prefix,
        reg_by_uri=reg_by_uri,
        reg_related={k: tuple(v) for k, v in reg_related.items()},
        residual=residual_groups(ref.occupations.isco_groups),
        group_labels={g.code: (g.label.get("nl"), g.label.get("en")) for g in ref.occupations.isco_groups},
        entry_below=entry_below(ref.isco_descriptions, weights),
        licences=LicenceRules(
            frozenset((ex := regulated.licence_exchange).eu_eea),
            {k: frozenset(v) for k, v in ex.agreements.items()},
            frozenset(ex.temporary_protection.countries if ex.temporary_protection else ()),
        ),
    )


_INDEX_FILES = tuple(
    f"{n}.yaml" for n in ("occupations", "skills", "sectors", "suggest_weights", "regulated_nl")
)


def load_index(ref: ReferenceData) -> SuggestIndex:
    """The compiled index: from the on-disk cache when the data files are unchanged, else built."""
    raw = b"\0".join([INDEX_FORMAT.encode(), *(read_data_bytes(ref.path(n)) for n in _INDEX_FILES)])
    raw += b"\0" + read_optional_bytes(ref.path("isco_descriptions.yaml"))  # suggest_fit.entry_below
    at = cache_path(raw, SuggestIndex)
    cached = cache_read(at)
    if isinstance(cached, SuggestIndex):
        return cached
    index = build_index(ref)
    cache_write(at, index)
    return index


def candidate_of(
    ref: ReferenceData,
    weights: SuggestWeights,
    occ: Occupation,
    *,
    sector: str,
    dutch_by_prefix: dict[str, int],
    regulated: str | None,
    regulated_dutch: int | None,
    cert_rule: int,
    distinctive: tuple[str, ...] = (),
) -> Candidate:
    """The candidate record of ``occ``: level band, Dutch needed (the regulated profession's
    level, else an ISCO prefix's, else the skill level's), tightness and its points, skills."""
    band, level, nmin, nmax = band_of(weights, occ.isco)
    if regulated_dutch is not None:
        dutch, basis = regulated_dutch, f"regulated:{regulated}"
    elif over := longest_prefix(dutch_by_prefix, occ.isco):
        dutch, basis = over[1], f"isco:{over[0]}"
    else:
        dutch = CEFR_ORDER[weights.dutch_needed.by_isco_skill_level[str(level)]]
        basis = f"skill_level:{level}"
    tight = tightness.ref_of(ref.tightness(occ))
    tight_now, tight_fc = tightness.points(weights, tight)
    return Candidate(
        uri=occ.uri,
        isco=occ.isco,
        code_key=order_key(occ),
        label_nl=occ.label.get("nl"),
        label_en=occ.label.get("en"),
        sector=sector,
        band=band,
        skill_level=level,
        nlqf_min=nmin,
        nlqf_max=nmax,
        dutch_needed=dutch,
        dutch_basis=basis,
        tight=tight,
        tight_now=tight_now,
        tight_fc=tight_fc,
        tight_points=tight_now + tight_fc,
        regulated=regulated,
        cert_rule=cert_rule,
        essential=tuple(occ.essential),
        n_optional=len(occ.optional),
        essential_points=weights.skills.essential / len(occ.essential) if occ.essential else 0.0,
        optional_points=weights.skills.optional / len(occ.optional) if occ.optional else 0.0,
        distinctive=distinctive,
    )


def outside_candidate(ref: ReferenceData, index: SuggestIndex, uri: str) -> Candidate:
    """The candidate record of an occupation that is not a candidate: the index's (not practised
    here), else built from the occupation records (loaded then)."""
    if (compiled := index.outside.get(uri)) is not None:
        return compiled[0]
    occ = ref.occupation_by_uri[uri]
    return candidate_of(
        ref,
        index.weights,
        occ,
        sector="",
        dutch_by_prefix=index.dutch_by_prefix,
        regulated=None,
        regulated_dutch=None,
        cert_rule=-1,
    )
