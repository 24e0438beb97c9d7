Feature: Imaging - MRI monitoring, PML surveillance and advanced MRI markers
  MRI follows the 2021 MAGNIMS-CMSC-NAIMS recommendations: a yearly scan on a DMT, a new reference
  scan 3-6 months after a start or switch, follow-up intervals in CIS and RIS, no gadolinium in
  pregnancy. PML surveillance depends on the drug, the JCV result and the time on treatment.
  Advanced markers help with diagnostic uncertainty but never decide a treatment on their own.

  Rule: On a DMT, MRI is repeated at least yearly

    Scenario Outline: Time since the last MRI on a DMT
      Given a patient with:
        | what                              | value           |
        | Type of MS                        | RRMS            |
        | Current disease-modifying therapy | interferon-beta |
        | Months on the current therapy     | 70              |
        | Relapses in the last 12 months    | 0               |
        | New or enlarging T2 lesions in the last 12 months | 0 |
        | Gadolinium-enhancing lesions on the latest scan   | 0 |
        | Months since the last MRI         | <months>        |
      When the options are evaluated
      Then "mri-monitoring" is <outcome>

      Examples:
        | months | outcome    |
        | 14     | offered because "last MRI 14 months ago: the yearly monitoring MRI is overdue" |
        | 7      | not listed |

    Scenario: Date of the last MRI not recorded
      Given a patient with:
        | what                              | value              |
        | Type of MS                        | RRMS               |
        | Current disease-modifying therapy | glatiramer-acetate |
        | Months on the current therapy     | 40                 |
        | Relapses in the last 12 months    | 0                  |
      When the options are evaluated
      Then "mri-monitoring" is offered because "date of the last MRI not recorded"

    Scenario: A recent start needs a new reference scan
      Given a patient with:
        | what                              | value       |
        | Type of MS                        | RRMS        |
        | Current disease-modifying therapy | ocrelizumab |
        | Months on the current therapy     | 3           |
        | Months since the last MRI         | 5           |
      When the options are evaluated
      Then "mri-monitoring" is offered because "a new reference (re-baseline) MRI about 3-6 months after the start"

    Scenario: A new drug among the options plans a reference scan
      Given a patient with:
        | what                                            | value |
        | Type of MS                                      | RRMS  |
        | Age                                             | 28    |
        | Relapses in the last 12 months                  | 2     |
        | Gadolinium-enhancing lesions on the latest scan | 2     |
        | Current disease-modifying therapy               | none  |
        | Months since the last MRI                       | 1     |
      When the options are evaluated
      Then "mri-monitoring" is offered because "if one is started, a new reference MRI about 3-6 months after the start"

    Scenario Outline: CIS and RIS follow-up
      Given a patient with:
        | what                                            | value       |
        | Type of MS                                      | <phenotype> |
        | Gadolinium-enhancing lesions on the latest scan | <gd>        |
      When the options are evaluated
      Then "mri-monitoring" is offered because "<text>"

      Examples:
        | phenotype | gd | text                                                                  |
        | CIS       | 1  | 1 Gd-enhancing lesion(s) on the latest scan: a higher-risk feature     |
        | RIS       | 0  | otherwise at 12-24 months                                             |

    Scenario: No gadolinium in pregnancy
      Given a patient with:
        | what                              | value       |
        | Type of MS                        | RRMS        |
        | Sex                               | female      |
        | Age                               | 32          |
        | Pregnancy                         | pregnant    |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 20          |
        | Months since the last MRI         | 15          |
      When the options are evaluated
      Then "mri-monitoring" carries the caution "pregnancy" mentioning "MRI without gadolinium"

  Rule: PML surveillance follows the drug, the JCV result and the time on treatment

    Scenario Outline: Natalizumab surveillance intervals
      Given a patient with:
        | what                              | value       |
        | Type of MS                        | RRMS        |
        | Current disease-modifying therapy | natalizumab |
        | Previous therapies                | none        |
        | Months on the current therapy     | <months>    |
        | Anti-JCV antibody                 | <jcv>       |
        | JCV index                         | <index>     |
      When the options are evaluated
      Then "mri-pml-surveillance" is offered because "<text>"
      And "mri-pml-surveillance" carries the caution "pml-risk"

      Examples:
        | months | jcv      | index | text                                                    |
        | 30     | positive | 0.7   | every 3-4 months                                        |
        | 10     | positive | 1.8   | High PML risk stratum                                   |
        | 10     | positive | 0.5   | yearly MRI with FLAIR and DWI until 18 months           |
        | 30     | negative | 0.1   | JCV antibody negative: a yearly MRI including FLAIR and DWI |

    Scenario: Leaving natalizumab because of PML risk
      Given a patient with:
        | what                              | value       |
        | Type of MS                        | RRMS        |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 30          |
        | Relapses in the last 12 months    | 0           |
        | New or enlarging T2 lesions in the last 12 months | 0 |
        | Gadolinium-enhancing lesions on the latest scan   | 0 |
        | Anti-JCV antibody                 | positive    |
        | JCV index                         | 2.1         |
      When the options are evaluated
      Then "mri-pml-surveillance" is offered because "before the first dose of the next drug to exclude PML"

    Scenario: Severe lymphopenia on a fumarate
      Given a patient with:
        | what                              | value             |
        | Type of MS                        | RRMS              |
        | Current disease-modifying therapy | dimethyl-fumarate |
        | Months on the current therapy     | 48                |
        | Absolute lymphocyte count         | 0.42              |
        | Months with lymphocytes below 0.5 | 8                 |
      When the options are evaluated
      Then "mri-pml-surveillance" is offered because "PML has occurred with fumarates in lymphopenia"

    Scenario: Natalizumab without a JCV result
      Given a patient with:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 30          |
      When the options are evaluated
      Then the data needed include "jcv_status"

    Scenario: No PML-risk therapy
      Given a patient with:
        | what                              | value              |
        | Type of MS                        | RRMS               |
        | Current disease-modifying therapy | glatiramer-acetate |
        | Months on the current therapy     | 40                 |
      When the options are evaluated
      Then "mri-pml-surveillance" is not listed

  Rule: Advanced MRI markers support the diagnosis and prognosis, never a treatment decision alone

    Scenario Outline: Diagnostic uncertainty
      Given a patient with:
        | what       | value       |
        | Type of MS | <phenotype> |
      When the options are evaluated
      Then "advanced-mri-markers" is offered because "<phenotype>: the diagnosis is still open"
      And "advanced-mri-markers" is offered because "never on their own the reason to start or change"

      Examples:
        | phenotype |
        | RIS       |
        | CIS       |

    Scenario: Central vein sign and rim lesions, unconfirmed thresholds flagged through their evidence
      Given a patient with:
        | what                                        | value |
        | Type of MS                                  | RRMS  |
        | Fraction of lesions with a central vein sign | 0.6   |
        | Paramagnetic rim lesions                    | 5     |
      When the options are evaluated
      Then "advanced-mri-markers" is offered because "Central vein sign in a fraction of 0.6 of lesions"
      And "advanced-mri-markers" is offered because "Published thresholds differ"
      And "advanced-mri-markers" is offered because "5 paramagnetic rim lesions (4 or more)"
      And the report warns "marked unverified in the evidence file"

    Scenario: Markers not measured in established MS are not asked for
      Given a patient with:
        | what       | value |
        | Type of MS | RRMS  |
      When the options are evaluated
      Then "advanced-mri-markers" is not listed
      And the data needed do not include "central_vein_sign_fraction"
      And the data needed do not include "paramagnetic_rim_lesions"

  Rule: Leaving natalizumab changes the surveillance plan whatever the JCV result

    Scenario: Breakthrough on natalizumab with a negative JCV test
      Given a patient with:
        | what                                              | value       |
        | Type of MS                                        | RRMS        |
        | Age                                               | 30          |
        | Current disease-modifying therapy                 | natalizumab |
        | Months on the current therapy                     | 14          |
        | Relapses in the last 12 months                    | 2           |
        | New or enlarging T2 lesions in the last 12 months | 3           |
        | Gadolinium-enhancing lesions on the latest scan   | 1           |
        | Anti-JCV antibody                                 | negative    |
      When the options are evaluated
      Then "mri-pml-surveillance" is offered because "before the first dose of the next drug"
      And "mri-pml-surveillance" is offered because "the yearly interval no longer applies"

    Scenario: Pregnant on glatiramer acetate with an overdue MRI
      Given a patient with:
        | what                              | value              |
        | Sex                               | female             |
        | Age                               | 32                 |
        | Pregnancy                         | pregnant           |
        | Type of MS                        | RRMS               |
        | Current disease-modifying therapy | glatiramer-acetate |
        | Months on the current therapy     | 30                 |
        | Months since the last MRI         | 14                 |
      When the options are evaluated
      Then "mri-monitoring" is offered because "last MRI 14 months ago"
      And "mri-monitoring" carries the caution "pregnancy" mentioning "without gadolinium"

