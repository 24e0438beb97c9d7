"""msdecide: explained, research-backed options to discuss in multiple sclerosis care."""

from .api import default_rulebook, evaluate
from .profile import Profile, ProfileError, parse_profile
from .report import Report
from .rulebook.loader import RulebookError, load_rulebook
from .rulebook.model import Rulebook

__all__ = ["Profile", "ProfileError", "Report", "Rulebook", "RulebookError", "default_rulebook", "evaluate",
           "load_rulebook", "parse_profile"]
__version__ = "0.1.0"
