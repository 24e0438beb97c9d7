Feature: High-efficacy immunotherapy - natalizumab, anti-CD20 therapy, alemtuzumab, aHSCT, tolebrutinib and stopping DMT
  Which high-efficacy options can be discussed depends on the type of MS, its activity, the
  licence (EU or US wording, named in the reason), the drugs already used and the person's age.
  Investigational and negative-trial agents are never offered outside a trial. Options are things
  to discuss with the MS team, never orders.

  Rule: Natalizumab follows the EU label for highly active RRMS, the US label for relapsing forms

    Scenario Outline: Natalizumab by label branch
      Given labels of the <region> apply
      And a patient with:
        | what                                            | value       |
        | Age                                             | 30          |
        | Type of MS                                      | <type>      |
        | Relapses in the last 12 months                  | <relapses>  |
        | Relapses in the last 24 months                  | <relapses>  |
        | Gadolinium-enhancing lesions on the latest scan | 1           |
        | Current disease-modifying therapy               | none        |
        | Anti-JCV antibody                               | negative    |
      When the options are evaluated
      Then "natalizumab" is offered because "<reason>"
      And "natalizumab" carries the caution "pml-risk" mentioning "JCV antibody negative"
      And "natalizumab" carries the caution "rebound-on-stopping"

      Examples:
        | region | type | relapses | reason                                                  |
        | EU     | RRMS | 2        | Highly active RRMS (EU label                            |
        | US     | RRMS | 2        | US label: natalizumab is licensed for relapsing forms   |
        | US     | RRMS | 1        | US label: natalizumab is licensed for relapsing forms   |
        | US     | SPMS | 1        | US label: natalizumab is licensed for relapsing forms   |

    Scenario: Natalizumab is not licensed under 18
      Given a patient with RRMS aged 15
      And the patient also has:
        | what                                            | value |
        | Relapses in the last 12 months                  | 2     |
        | Gadolinium-enhancing lesions on the latest scan | 1     |
        | Current disease-modifying therapy               | none  |
      When the options are evaluated
      Then "natalizumab" is not offered because "Age 15: natalizumab is not licensed under 18"
      And the report warns "under 18"

  Rule: Ocrelizumab in PPMS follows the EU wording, or ORATORIO-HAND as an MS-team decision

    Scenario Outline: PPMS and ocrelizumab
      Given a patient with:
        | what                                              | value     |
        | Age                                               | <age>     |
        | Type of MS                                        | PPMS      |
        | EDSS score                                        | <edss>    |
        | Years since onset                                 | <years>   |
        | Relapses in the last 12 months                    | 0         |
        | Gadolinium-enhancing lesions on the latest scan   | <gd>      |
        | New or enlarging T2 lesions in the last 12 months | 0         |
        | Current disease-modifying therapy                 | none      |
      When the options are evaluated
      Then "ocrelizumab" is offered because "<reason>"

      Examples:
        | age | edss | years | gd | reason                                   |
        | 47  | 4.5  | 4     | 1  | Early PPMS with inflammatory activity - age 47, EDSS 4.5 |
        | 60  | 6.5  | 8     | 0  | Within the ORATORIO-HAND entry           |
        | 68  | 6.0  | 20    | 1  | MRI shows inflammatory activity          |

    Scenario: Within ORATORIO-HAND but outside the EU wording is an MS-team decision
      Given a patient with:
        | what                                              | value |
        | Age                                               | 60    |
        | Type of MS                                        | PPMS  |
        | EDSS score                                        | 6.5   |
        | Years since onset                                 | 8     |
        | Gadolinium-enhancing lesions on the latest scan   | 0     |
        | New or enlarging T2 lesions in the last 12 months | 0     |
        | Current disease-modifying therapy                 | none  |
      When the options are evaluated
      Then "ocrelizumab" carries the caution "not-licensed" mentioning "Specialist decision: PPMS at age 60, EDSS 6.5"

    Scenario: PPMS outside the licence and every trial population, without MRI activity
      Given a patient with:
        | what                                              | value |
        | Age                                               | 70    |
        | Type of MS                                        | PPMS  |
        | EDSS score                                        | 8.5   |
        | Years since onset                                 | 25    |
        | Gadolinium-enhancing lesions on the latest scan   | 0     |
        | New or enlarging T2 lesions in the last 12 months | 0     |
        | Current disease-modifying therapy                 | none  |
      When the options are evaluated
      Then "ocrelizumab" is not offered because "outside the EU licence and every trial population"
      And "tolebrutinib" is not offered because "PERSEUS"

    Scenario: PPMS needs age, EDSS, duration and MRI activity before ocrelizumab can be judged
      Given a patient with:
        | what                              | value |
        | Type of MS                        | PPMS  |
        | Current disease-modifying therapy | none  |
      When the options are evaluated
      Then the data needed include "edss"
      And the data needed include "years_since_onset"
      And the data needed include "age"
      And the data needed include "gd_enhancing_lesions"

    Scenario: Other anti-CD20 therapies are not for PPMS
      Given a patient with:
        | what                          | value      |
        | Age                           | 45         |
        | Type of MS                    | PPMS       |
        | Options the person asks about | ofatumumab |
      When the options are evaluated
      Then "ofatumumab" is not offered because "PPMS: Ofatumumab is licensed or studied in phase 3 for relapsing MS only"

  Rule: Alemtuzumab follows the 2020 EU restriction

    Scenario: Highly active RRMS with autoimmune thyroid disease
      Given a patient with:
        | what                                            | value             |
        | Age                                             | 34                |
        | Type of MS                                      | RRMS              |
        | Relapses in the last 12 months                  | 2                 |
        | Gadolinium-enhancing lesions on the latest scan | 2                 |
        | Current disease-modifying therapy               | dimethyl-fumarate |
        | Months on the current therapy                   | 14                |
        | Comorbidities                                   | autoimmune_thyroid_disease |
      When the options are evaluated
      Then "alemtuzumab" is not offered because "autoimmune disorders other than MS"
      And "ocrelizumab" is offered because "Breakthrough disease after 14 months on Dimethyl fumarate"

  Rule: aHSCT is discussed after a high-efficacy therapy has failed

    Scenario Outline: aHSCT and previous high-efficacy therapy
      Given a patient with:
        | what                                            | value       |
        | Age                                             | 32          |
        | Type of MS                                      | RRMS        |
        | EDSS score                                      | 3.5         |
        | Relapses in the last 12 months                  | 2           |
        | Gadolinium-enhancing lesions on the latest scan | 1           |
        | Current disease-modifying therapy               | <current>   |
        | Months on the current therapy                   | 18          |
        | Previous therapies                              | none        |
        | Open to clinical trials                         | yes         |
      When the options are evaluated
      Then "ahsct" is <result> because "<reason>"

      Examples:
        | current           | result      | reason                                                   |
        | natalizumab       | offered     | Highly active relapsing MS despite high-efficacy therapy |
        | natalizumab       | offered     | BEAT-MS, RAM-MS, STAR-MS                                 |
        | dimethyl-fumarate | not offered | No failure of a high-efficacy therapy recorded           |

  Rule: Tolebrutinib is investigational and only for non-relapsing SPMS within a trial

    Background:
      Given a patient with:
        | what                                                     | value |
        | Age                                                      | 54    |
        | Type of MS                                               | SPMS  |
        | EDSS score                                               | 5.5   |
        | Relapses in the last 12 months                           | 0     |
        | Relapses in the last 24 months                           | 0     |
        | Confirmed worsening without relapse in the last 24 months | yes  |

    Scenario: Non-relapsing SPMS, open to trials
      Given the patient's open_to_trials is yes
      When the options are evaluated
      Then "tolebrutinib" is offered because "HERCULES population"
      And "tolebrutinib" carries the caution "trial-only"
      And "tolebrutinib" carries the caution "liver-monitoring" mentioning "ALT rose above 3x the upper limit of normal in 4.1%"

    Scenario: Non-relapsing SPMS, not open to trials
      Given the patient's open_to_trials is no
      When the options are evaluated
      Then "tolebrutinib" is not offered because "not FDA-approved (complete response letter, December 2025"

    Scenario: Relapsing MS is the population of the negative GEMINI trials
      Given a patient with RRMS aged 30
      When the options are evaluated
      Then "tolebrutinib" is not offered because "GEMINI 1 and 2"

  Rule: Stopping DMT can be discussed when older and stable for years (DISCOMS)

    Scenario Outline: Stopping DMT
      Given a patient with:
        | what                                              | value              |
        | Age                                               | <age>              |
        | Type of MS                                        | RRMS               |
        | Relapses in the last 12 months                    | 0                  |
        | Years since the last relapse                      | 9                  |
        | New or enlarging T2 lesions in the last 12 months | 0                  |
        | Gadolinium-enhancing lesions on the latest scan   | 0                  |
        | Years since the last new lesion                   | 6                  |
        | Months since the last MRI                         | 7                  |
        | Current disease-modifying therapy                 | <current>          |
        | Months on the current therapy                     | 150                |
      When the options are evaluated
      Then "dmt-de-escalation" is offered because "DISCOMS: new activity in 12.2% of those who stopped vs 4.7%"
      And "dmt-de-escalation" <rebound> the caution "rebound-on-stopping"

      Examples:
        | age | current            | rebound             |
        | 58  | glatiramer-acetate | does not carry      |
        | 60  | fingolimod         | carries             |

    Scenario: Under 55 stopping is not suggested
      Given a patient with:
        | what                              | value              |
        | Age                               | 44                 |
        | Type of MS                        | RRMS               |
        | Years since the last relapse      | 9                  |
        | Years since the last new lesion   | 6                  |
        | Months since the last MRI         | 7                  |
        | Current disease-modifying therapy | glatiramer-acetate |
      When the options are evaluated
      Then "dmt-de-escalation" is not listed

  Rule: Rituximab is off-label

    Scenario: Rituximab always carries the not-licensed caution
      Given a patient with:
        | what                                            | value |
        | Age                                             | 30    |
        | Type of MS                                      | RRMS  |
        | Relapses in the last 12 months                  | 1     |
        | Gadolinium-enhancing lesions on the latest scan | 1     |
        | Current disease-modifying therapy               | none  |
      When the options are evaluated
      Then "rituximab" is offered because "used off-label where local policy allows"
      And "rituximab" carries the caution "not-licensed" mentioning "Rituximab is not licensed for MS"

  Rule: Leaving natalizumab - anti-CD20 therapy first, with a PML check before the first dose

    Scenario: Relapse on natalizumab
      Given a patient with:
        | what                                            | value           |
        | Age                                             | 34              |
        | Type of MS                                      | RRMS            |
        | EDSS score                                      | 3.0             |
        | Relapses in the last 12 months                  | 1               |
        | Gadolinium-enhancing lesions on the latest scan | 1               |
        | Current disease-modifying therapy               | natalizumab     |
        | Months on the current therapy                   | 18              |
        | Previous therapies                              | interferon-beta |
        | Anti-JCV antibody                               | positive        |
        | JCV index                                       | 0.5             |
      When the options are evaluated
      Then "natalizumab" is not offered because "after 18 months on this drug: breakthrough disease"
      And "ocrelizumab" is offered because "anti-CD20 therapy is the first choice to discuss"
      And "ocrelizumab" carries the caution "pml-risk" mentioning "carry-over PML has been reported"
      And "ahsct" is offered because "Highly active relapsing MS despite high-efficacy therapy"

    Scenario: A 16-year-old already on natalizumab
      Given a patient with RRMS aged 16
      And the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 12          |
        | Relapses in the last 12 months    | 0           |
        | New or enlarging T2 lesions in the last 12 months | 0 |
        | Gadolinium-enhancing lesions on the latest scan   | 0 |
        | Anti-JCV antibody                 | negative    |
      When the options are evaluated
      Then "natalizumab" is offered because "continuing is an option"
      And "natalizumab" carries the caution "not-licensed" mentioning "decision for the paediatric MS service"
      And the report warns "under 18"

  Rule: Ocrelizumab in PPMS - the reason says which part of the EU wording is not met

    Scenario Outline: Outside the EU wording, within ORATORIO-HAND
      Given a patient with:
        | what                                              | value   |
        | Age                                               | <age>   |
        | Type of MS                                        | PPMS    |
        | EDSS score                                        | <edss>  |
        | Years since onset                                 | <years> |
        | Gadolinium-enhancing lesions on the latest scan   | <gd>    |
        | New or enlarging T2 lesions in the last 12 months | 0       |
        | Current disease-modifying therapy                 | none    |
      When the options are evaluated
      Then "ocrelizumab" is offered because "Within the ORATORIO-HAND entry"
      And "ocrelizumab" carries the caution "not-licensed" mentioning "<why>"

      Examples:
        | age | edss | years | gd | why                                                   |
        | 45  | 4.0  | 5     | 0  | No new or enhancing lesions (0 new T2, 0 Gd-enhancing) |
        | 60  | 6.0  | 8     | 1  | Age 60: above the ORATORIO entry (up to 55)           |
        | 52  | 7.5  | 12    | 1  | EDSS 7.5: above the ORATORIO entry (up to 6.5)        |

    Scenario: MRI activity not recorded - ocrelizumab stays, the EU question stays open
      Given a patient with:
        | what                              | value |
        | Age                               | 50    |
        | Type of MS                        | PPMS  |
        | EDSS score                        | 5.0   |
        | Years since onset                 | 6     |
        | Current disease-modifying therapy | none  |
      When the options are evaluated
      Then "ocrelizumab" is offered because "cannot be judged until new T2 and Gd-enhancing lesions are known"
      And "ocrelizumab" carries the caution "not-licensed" mentioning "Cannot be judged yet"
      And the data needed include "gd_enhancing_lesions"
      And the data needed include "new_t2_lesions_12m"

    Scenario: Already on ocrelizumab for PPMS, now beyond the early-PPMS wording
      Given a patient with:
        | what                                              | value       |
        | Age                                               | 62          |
        | Type of MS                                        | PPMS        |
        | EDSS score                                        | 6.0         |
        | Years since onset                                 | 12          |
        | Relapses in the last 12 months                    | 0           |
        | Gadolinium-enhancing lesions on the latest scan   | 0           |
        | New or enlarging T2 lesions in the last 12 months | 0           |
        | Current disease-modifying therapy                 | ocrelizumab |
        | Months on the current therapy                     | 48          |
      When the options are evaluated
      Then "ocrelizumab" is offered because "continuing is an option"
      And "ocrelizumab" carries the caution "not-licensed" mentioning "continuing or stopping is an MS-team decision"
      And "dmt-de-escalation" is offered because "outside its licence population"

  Rule: aHSCT keeps to the ECTRIMS-EBMT and NMSS profile (age up to 50, EDSS up to 6.0)

    Scenario Outline: aHSCT asked about outside the profile
      Given a patient with:
        | what                                            | value       |
        | Age                                             | <age>       |
        | Type of MS                                      | RRMS        |
        | EDSS score                                      | <edss>      |
        | Relapses in the last 12 months                  | 2           |
        | Gadolinium-enhancing lesions on the latest scan | 2           |
        | Current disease-modifying therapy               | ocrelizumab |
        | Months on the current therapy                   | 24          |
        | Options the person asks about                   | ahsct       |
      When the options are evaluated
      Then "ahsct" is not offered because "<reason>"

      Examples:
        | age | edss | reason         |
        | 52  | 4.0  | (patient: 52)  |
        | 35  | 7.0  | (patient: 7.0) |

  Rule: Stopping is not suggested with activity or on a course-based drug

    Scenario Outline: Stopping DMT asked about
      Given a patient with:
        | what                                              | value     |
        | Age                                               | 58        |
        | Type of MS                                        | RRMS      |
        | Relapses in the last 12 months                    | 0         |
        | Years since the last relapse                      | 8         |
        | New or enlarging T2 lesions in the last 12 months | <new>     |
        | Gadolinium-enhancing lesions on the latest scan   | 0         |
        | Years since the last new lesion                   | <lesion>  |
        | Months since the last MRI                         | 6         |
        | Current disease-modifying therapy                 | <current> |
        | Months on the current therapy                     | 30        |
        | Options the person asks about                     | dmt-de-escalation |
      When the options are evaluated
      Then "dmt-de-escalation" is not offered because "<reason>"

      Examples:
        | new | lesion | current            | reason                                        |
        | 1   | 0.5    | glatiramer-acetate | stopping DMT is not appropriate now           |
        | 0   | 6      | cladribine         | given in short courses with lasting effect    |
