"""Option and caution ids: the profile contract's (they never change meaning) and msdecide's additions
(fenebrutinib, immunoglobulin-review, diagnosis-review; caution ids such as washout)."""

CATALOGUE_IDS: tuple[str, ...] = (
    # immunotherapy
    "interferon-beta", "glatiramer-acetate", "teriflunomide", "dimethyl-fumarate", "diroximel-fumarate",
    "fingolimod", "siponimod", "ozanimod", "ponesimod", "cladribine", "natalizumab", "ocrelizumab",
    "ofatumumab", "ublituximab", "alemtuzumab", "rituximab", "ahsct", "tolebrutinib", "fenebrutinib",
    "dmt-de-escalation",
    # safety
    "vaccination-review", "immunoglobulin-review",
    # neuroprotection-repair
    "remyelination-trial", "simvastatin", "high-dose-biotin", "alpha-lipoic-acid",
    # personalised-medicine
    "snfl-monitoring", "jcv-testing", "cyp2c9-genotyping", "pre-treatment-screening", "vitamin-d",
    "pregnancy-planning",
    # imaging
    "mri-monitoring", "mri-pml-surveillance", "advanced-mri-markers", "diagnosis-review",
    # lifestyle
    "exercise-programme", "smoking-cessation", "weight-management", "healthy-diet", "ketogenic-diet",
    # mental-health
    "depression-care", "urgent-self-harm-review", "anxiety-care", "fatigue-management",
    "cognitive-rehabilitation",
)

HISTORY_ONLY_IDS: tuple[str, ...] = ("mitoxantrone", "azathioprine", "methotrexate", "cyclophosphamide",
                                     "mycophenolate")

CAUTION_IDS: tuple[str, ...] = (
    "pml-risk", "pregnancy", "cyp2c9", "vzv-vaccinate-first", "hbv-reactivation", "lymphopenia",
    "cardiac-first-dose", "macular-edema", "infection-risk", "secondary-autoimmunity",
    "hypogammaglobulinaemia", "liver-monitoring", "rebound-on-stopping", "not-licensed", "trial-only",
    "negative-trial", "diet-contraindication", "depression-risk", "malignancy-risk", "infusion-reaction",
    "hypercalcaemia-risk",
)

THEMES: tuple[str, ...] = ("immunotherapy", "neuroprotection-repair", "personalised-medicine", "imaging",
                           "lifestyle", "mental-health", "safety")

KINDS: tuple[str, ...] = ("dmt", "off-label", "investigational", "monitoring", "lifestyle", "psychological",
                          "referral")

# Jurisdictions whose labels the rulebook can apply (msdecide's addition to the contract).
REGIONS: tuple[str, ...] = ("EU", "US", "UK")
