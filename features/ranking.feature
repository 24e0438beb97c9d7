Feature: Ranking - the option that fits best comes first, urgent items above everything
  In a 15-minute visit the clinician reads the top of the list. Urgent safety items (thoughts of
  self-harm, moderately severe depression, a drug that must be stopped now) come before any drug.
  Then the treatment that guidelines put first for this situation: efficacy matched to disease
  activity, escalation after breakthrough (never a sideways move on top), anti-CD20 therapy when
  leaving natalizumab, drugs that can continue into pregnancy when a pregnancy is planned. Options
  that are reasonable but second line follow as alternatives; licensed options that are not a
  natural choice here come last.

  Background:
    Given a patient with:
      | what                              | value  |
      | Age                               | 32     |
      | Sex                               | female |
      | Pregnancy                         | none   |
      | Uses effective contraception      | yes    |
      | Wishes to conceive within 2 years | no     |
      | Type of MS                        | RRMS   |
      | Acceptable routes                 | oral, injection, infusion |
      | Hepatitis B surface antigen       | negative |
      | Hepatitis B core antibody (anti-HBc) | negative |
      | PHQ-9 total                       | 3      |
      | PHQ-9 item 9 (thoughts of self-harm) | 0   |

  Rule: Disease activity decides the efficacy class that comes first

    Scenario: Untreated, highly active relapsing MS: high-efficacy therapy first
      Given the patient also has:
        | what                                              | value    |
        | Relapses in the last 12 months                    | 2        |
        | Relapses in the last 24 months                    | 3        |
        | Gadolinium-enhancing lesions on the latest scan   | 2        |
        | New or enlarging T2 lesions in the last 12 months | 5        |
        | Current disease-modifying therapy                 | none     |
        | Anti-JCV antibody                                 | negative |
      When the options are evaluated
      Then the first treatment option is one of "natalizumab, ocrelizumab, ofatumumab, ublituximab, cladribine"
      And "Natalizumab" is recommended for this profile
      And every high-efficacy option ranks above "Interferon beta"
      And "Teriflunomide" is also possible for this profile
      And the summary recommends "Ocrelizumab"

    Scenario: Untreated RRMS with one relapse: a platform drug or an anti-CD20 antibody first
      Given the patient also has:
        | what                                              | value |
        | Relapses in the last 12 months                    | 1     |
        | Relapses in the last 24 months                    | 1     |
        | Gadolinium-enhancing lesions on the latest scan   | 0     |
        | New or enlarging T2 lesions in the last 12 months | 0     |
        | Current disease-modifying therapy                 | none  |
      When the options are evaluated
      Then "Dimethyl fumarate" is recommended for this profile
      And "Ocrelizumab" is recommended for this profile
      And "Ozanimod" is alternative for this profile

    Scenario: Breakthrough on a platform drug: escalation first, no sideways move above it
      Given the patient also has:
        | what                                              | value              |
        | Relapses in the last 12 months                    | 1                  |
        | Relapses in the last 24 months                    | 2                  |
        | Gadolinium-enhancing lesions on the latest scan   | 1                  |
        | New or enlarging T2 lesions in the last 12 months | 3                  |
        | Current disease-modifying therapy                 | glatiramer-acetate |
        | Months on the current therapy                     | 30                 |
        | Anti-JCV antibody                                 | negative           |
      When the options are evaluated
      Then the first treatment option is one of "natalizumab, ocrelizumab, ofatumumab, ublituximab, cladribine"
      And every high-efficacy option ranks above "Teriflunomide"
      And every high-efficacy option ranks above "Dimethyl fumarate"
      And "Teriflunomide" is also possible for this profile
      And "Glatiramer acetate" is not offered because "breakthrough disease"

    Scenario: Active again after interferon beta and glatiramer acetate: no sideways move on top
      Given the patient also has:
        | what                                              | value                              |
        | Relapses in the last 12 months                    | 1                                  |
        | Relapses in the last 24 months                    | 1                                  |
        | Gadolinium-enhancing lesions on the latest scan   | 1                                  |
        | New or enlarging T2 lesions in the last 12 months | 1                                  |
        | Current disease-modifying therapy                 | none                               |
        | Previous therapies                                | interferon-beta, glatiramer-acetate |
        | Anti-JCV antibody                                 | negative                           |
      When the options are evaluated
      Then the first treatment option is one of "natalizumab, ocrelizumab, ofatumumab, ublituximab, cladribine"
      And "Teriflunomide" is also possible for this profile
      And "Dimethyl fumarate" is also possible for this profile

    Scenario: A first attack (CIS) under the EU labels: interferon beta or glatiramer acetate first
      Given labels of the EU apply
      And the patient also has:
        | what                                              | value |
        | Type of MS                                        | CIS   |
        | T2 lesions on the latest scan                     | 6     |
        | Relapses in the last 12 months                    | 1     |
        | Gadolinium-enhancing lesions on the latest scan   | 0     |
        | New or enlarging T2 lesions in the last 12 months | 0     |
        | Current disease-modifying therapy                 | none  |
      When the options are evaluated
      Then the report applies the EU labels
      And the first treatment option is one of "interferon-beta, glatiramer-acetate"
      And "Interferon beta" is recommended for this profile
      And "Glatiramer acetate" is recommended for this profile

  Rule: PML risk puts natalizumab below options without it

    Scenario: JCV positive with a high index: anti-CD20 therapy above natalizumab
      Given the patient also has:
        | what                                              | value    |
        | Relapses in the last 12 months                    | 2        |
        | Relapses in the last 24 months                    | 2        |
        | Gadolinium-enhancing lesions on the latest scan   | 1        |
        | New or enlarging T2 lesions in the last 12 months | 2        |
        | Current disease-modifying therapy                 | none     |
        | Anti-JCV antibody                                 | positive |
        | JCV index                                         | 2.4      |
      When the options are evaluated
      Then "Ocrelizumab" ranks above "Natalizumab"
      And "Ofatumumab" ranks above "Natalizumab"
      And "Natalizumab" is also possible for this profile
      And "Natalizumab" carries the caution "pml-risk" mentioning "2.4"

    Scenario: High PML risk after 30 months on natalizumab: anti-CD20 therapy first
      Given the patient also has:
        | what                                              | value       |
        | Relapses in the last 12 months                    | 0           |
        | Relapses in the last 24 months                    | 0           |
        | Gadolinium-enhancing lesions on the latest scan   | 0           |
        | New or enlarging T2 lesions in the last 12 months | 0           |
        | Current disease-modifying therapy                 | natalizumab |
        | Months on the current therapy                     | 30          |
        | Anti-JCV antibody                                 | positive    |
        | JCV index                                         | 2.1         |
      When the options are evaluated
      Then the first treatment option is one of "ocrelizumab, ofatumumab, ublituximab, rituximab"
      And "Ocrelizumab" ranks above "Natalizumab"
      And "Natalizumab" is alternative for this profile
      And "Fingolimod" is also possible for this profile

  Rule: Urgent items come before any drug

    Scenario: Thoughts of self-harm on PHQ-9 item 9
      Given the patient also has:
        | what                                 | value |
        | PHQ-9 total                          | 8     |
        | PHQ-9 item 9 (thoughts of self-harm) | 1     |
        | Relapses in the last 12 months       | 1     |
        | Current disease-modifying therapy    | none  |
      When the options are evaluated
      Then "Same-day suicide-risk review" comes before any drug
      And "Same-day suicide-risk review" is listed first

    Scenario: Moderately severe depression (PHQ-9 16)
      Given the patient also has:
        | what                              | value |
        | PHQ-9 total                       | 16    |
        | Relapses in the last 12 months    | 1     |
        | Current disease-modifying therapy | none  |
      When the options are evaluated
      Then "Depression assessment and treatment (e.g. CBT)" comes before any drug

    Scenario: Pregnant on fingolimod: the switch and the counselling are urgent
      Given the patient also has:
        | what                                              | value      |
        | Pregnancy                                         | pregnant   |
        | Current disease-modifying therapy                 | fingolimod |
        | Months on the current therapy                     | 24         |
        | Relapses in the last 12 months                    | 0          |
        | Relapses in the last 24 months                    | 0          |
        | Gadolinium-enhancing lesions on the latest scan   | 0          |
        | New or enlarging T2 lesions in the last 12 months | 0          |
      When the options are evaluated
      Then the summary says a switch is needed from "fingolimod"
      And "Pregnancy and family-planning counselling" comes before any drug
      And the first treatment option is one of "interferon-beta, glatiramer-acetate"

  Rule: A forced switch lists the safe alternatives

    Scenario: Persistent lymphopenia on dimethyl fumarate: switch, and drugs that need recovered lymphocytes rank low
      Given the patient also has:
        | what                                              | value             |
        | Sex                                               | male              |
        | Age                                               | 45                |
        | Current disease-modifying therapy                 | dimethyl-fumarate |
        | Months on the current therapy                     | 48                |
        | Absolute lymphocyte count                         | 0.42              |
        | Months with lymphocytes below 0.5                 | 8                 |
        | Relapses in the last 12 months                    | 0                 |
        | Relapses in the last 24 months                    | 0                 |
        | Gadolinium-enhancing lesions on the latest scan   | 0                 |
        | New or enlarging T2 lesions in the last 12 months | 0                 |
      When the options are evaluated
      Then the summary says a switch is needed from "dimethyl-fumarate"
      And "Glatiramer acetate" is recommended for this profile
      And "Ozanimod" is also possible for this profile
      And "Natalizumab" is not listed

    Scenario: Planning a pregnancy on teriflunomide: drugs that can continue into pregnancy first
      Given the patient also has:
        | what                                              | value         |
        | Pregnancy                                         | planning      |
        | Current disease-modifying therapy                 | teriflunomide |
        | Months on the current therapy                     | 36            |
        | Relapses in the last 12 months                    | 0             |
        | Relapses in the last 24 months                    | 0             |
        | Gadolinium-enhancing lesions on the latest scan   | 0             |
        | New or enlarging T2 lesions in the last 12 months | 0             |
      When the options are evaluated
      Then the summary says a switch is needed from "teriflunomide"
      And the first treatment option is one of "interferon-beta, glatiramer-acetate"
      And "Glatiramer acetate" ranks above "Dimethyl fumarate"
      And "Pregnancy and family-planning counselling" is recommended for this profile

  Rule: Progressive MS

    Scenario: SPMS with a relapse: siponimod or an anti-CD20 antibody first
      Given the patient also has:
        | what                                              | value |
        | Type of MS                                        | SPMS  |
        | Age                                               | 50    |
        | Relapses in the last 12 months                    | 1     |
        | Relapses in the last 24 months                    | 1     |
        | Current disease-modifying therapy                 | none  |
      When the options are evaluated
      Then the first treatment option is one of "siponimod, ocrelizumab, ofatumumab, ublituximab"

    Scenario: SPMS without activity: no relapsing-MS drug is recommended
      Given the patient also has:
        | what                                              | value |
        | Type of MS                                        | SPMS  |
        | Age                                               | 50    |
        | Relapses in the last 12 months                    | 0     |
        | Relapses in the last 24 months                    | 0     |
        | Gadolinium-enhancing lesions on the latest scan   | 0     |
        | New or enlarging T2 lesions in the last 12 months | 0     |
        | Current disease-modifying therapy                 | none  |
      When the options are evaluated
      Then no disease-modifying therapy is recommended
