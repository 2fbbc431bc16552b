"""Base classes and shared field types of the schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints


class Strict(BaseModel):
    """Base for reference-data models: unknown keys are an error, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Record(BaseModel):
    """Base for records people build up (profiles, answers): unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


IscoCode = Annotated[str, StringConstraints(pattern=r"^\d{1,4}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Lang = Literal["nl", "en"]
CefrLevel = Literal["pre-A1", "A1", "A2", "B1", "B2", "C1", "C2"]
CEFR_ORDER: dict[str, int] = {"pre-A1": 0, "A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
