"""skilltool: skills profiles, diploma indications and shortage-sector suggestions."""

__version__ = "0.1.0"

ESCO_ACKNOWLEDGEMENT = "This service uses the ESCO classification of the European Commission."
