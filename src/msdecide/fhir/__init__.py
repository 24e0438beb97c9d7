"""FHIR R4 input: a patient's record as a contract profile, by a code mapping kept as data."""

from .mapping import Mapping, MappingError, load_mapping
from .reader import FhirInputError, FhirProfile, Unmapped, is_fhir, read_bundle, read_resources

__all__ = ["FhirInputError", "FhirProfile", "Mapping", "MappingError", "Unmapped", "is_fhir", "load_mapping",
           "read_bundle", "read_resources"]
