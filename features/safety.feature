Feature: Safety layer - PML risk, hepatitis B, immunoglobulins, pregnancy, heart and infections
  Every option is checked against the safety table before it is discussed: the PML risk on
  natalizumab is stated by stratum with the person's own values, hepatitis B serology and IgG are
  required before anti-CD20 therapy, pregnancy and heart conditions are weighed, and a
  contraindication always wins over a reason to offer. A missing result is never read as normal.

  Background:
    Given a patient with:
      | what                                              | value  |
      | Age                                               | 38     |
      | Sex                                               | female |
      | Pregnancy                                         | none   |
      | Wishes to conceive within 2 years                 | no     |
      | Type of MS                                        | RRMS   |
      | Relapses in the last 12 months                    | 0      |
      | Relapses in the last 24 months                    | 0      |
      | New or enlarging T2 lesions in the last 12 months | 0      |
      | Gadolinium-enhancing lesions on the latest scan   | 0      |

  Rule: The PML risk on natalizumab names the stratum and the person's values

    Scenario Outline: JCV strata for a person stable on natalizumab
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | <months>    |
        | Anti-JCV antibody                 | <status>    |
        | JCV index                         | <index>     |
        | Months since the JCV test         | 2           |
      When the options are evaluated
      Then "natalizumab" is offered because "continuing is an option"
      And "natalizumab" carries the caution "pml-risk" mentioning "<stratum>"
      And "natalizumab" carries the caution "pml-risk" mentioning "<band>"

      Examples:
        | status   | index | months | stratum                                      | band                                    |
        | negative | 0.2   | 14     | JCV antibody negative: PML risk is low       | retest every 6 months                   |
        | positive | 0.6   | 14     | index 0.6 (0.9 or less): the lowest          | 14 months on natalizumab so far         |
        | positive | 1.2   | 30     | index 1.2 (over 0.9 up to 1.5): intermediate | high-risk stratum by treatment duration |
        | positive | 1.8   | 30     | index 1.8 (above 1.5): high PML-risk stratum | the 25-48-month band applies (about 8.8 per 1000) |

    Scenario: A prior immunosuppressant puts the person in the highest stratum
      Given the patient also has:
        | what                              | value        |
        | Current disease-modifying therapy | natalizumab  |
        | Months on the current therapy     | 20           |
        | Anti-JCV antibody                 | positive     |
        | JCV index                         | 0.5          |
        | Previous therapies                | mitoxantrone |
      When the options are evaluated
      Then "natalizumab" carries the caution "pml-risk" mentioning "after a prior immunosuppressant (mitoxantrone): the highest PML-risk stratum"

    Scenario: Extended-interval dosing is always flagged as not licensed
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 30          |
        | Anti-JCV antibody                 | positive    |
        | JCV index                         | 1.8         |
      When the options are evaluated
      Then "natalizumab" carries the caution "not-licensed" mentioning "Extended-interval dosing (about every 6 weeks instead of 4) is not licensed"

    Scenario: An old JCV result and a missing one are asked for
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 20          |
        | Anti-JCV antibody                 | negative    |
        | Months since the JCV test         | 9           |
      When the options are evaluated
      Then "natalizumab" carries the caution "pml-risk" mentioning "Last JCV test 9 months ago: retest due"

    Scenario: Unknown JCV status is not read as negative
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 20          |
      When the options are evaluated
      Then the data needed include "jcv_status"
      And "natalizumab" carries the caution "pml-risk" mentioning "not assumed to be low"

  Rule: A high PML risk keeps natalizumab as the current drug and opens the switch options

    Scenario: JCV index 1.8 after 30 months on natalizumab
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 30          |
        | Anti-JCV antibody                 | positive    |
        | JCV index                         | 1.8         |
        | Previous therapies                | interferon-beta |
        | Hepatitis B surface antigen       | negative    |
        | Hepatitis B core antibody (anti-HBc) | negative |
        | Serum IgG                         | 9.0         |
      When the options are evaluated
      Then "natalizumab" is offered because "continuing is an option"
      And "natalizumab" carries the caution "pml-risk" mentioning "Switching (the alternatives are listed)"
      And "ocrelizumab" is offered because "relapses within 18 months of leaving natalizumab were 1.8% on rituximab vs 17.6% on fingolimod"
      And "ocrelizumab" is listed first
      And "ocrelizumab" carries the caution "pml-risk" mentioning "MRI to exclude PML before the first dose"
      And "glatiramer-acetate" carries the caution "rebound-on-stopping" mentioning "Leaving natalizumab"

    Scenario: A new start with a JCV index above 1.5 is an MS-team decision
      Given the patient also has:
        | what                                            | value    |
        | Relapses in the last 12 months                  | 2        |
        | Relapses in the last 24 months                  | 2        |
        | Gadolinium-enhancing lesions on the latest scan | 2        |
        | Current disease-modifying therapy               | none     |
        | Previous therapies                              | none     |
        | Anti-JCV antibody                               | positive |
        | JCV index                                       | 1.8      |
      When the options are evaluated
      Then "natalizumab" is offered
      And "natalizumab" carries the caution "pml-risk" mentioning "Specialist decision: New start with a JCV index above 1.5"
      And "natalizumab" carries the caution "pml-risk" mentioning "For a new start: about 1.2 per 1000 over the first 24 months"

  Rule: Hepatitis B serology is required before anti-CD20 therapy

    Background:
      Given the patient also has:
        | what                                            | value |
        | Relapses in the last 12 months                  | 2     |
        | Relapses in the last 24 months                  | 2     |
        | Gadolinium-enhancing lesions on the latest scan | 1     |
        | Current disease-modifying therapy               | none  |
        | Serum IgG                                       | 9.0   |

    Scenario: HBsAg positive rules anti-CD20 therapy out
      Given the patient also has:
        | what                                 | value    |
        | Hepatitis B surface antigen          | positive |
        | Hepatitis B core antibody (anti-HBc) | positive |
        | Options the person asks about        | ocrelizumab |
      When the options are evaluated
      Then "ocrelizumab" is not offered because "HBsAg positive"
      And "alemtuzumab" carries the caution "hbv-reactivation" mentioning "Specialist decision: HBsAg positive"

    Scenario: Past hepatitis B (anti-HBc positive, HBsAg negative) needs hepatology
      Given the patient also has:
        | what                                 | value    |
        | Hepatitis B surface antigen          | negative |
        | Hepatitis B core antibody (anti-HBc) | positive |
      When the options are evaluated
      Then "ofatumumab" carries the caution "hbv-reactivation" mentioning "Anti-HBc positive with HBsAg negative"

    Scenario: Missing hepatitis B serology cannot be judged
      When the options are evaluated
      Then "ocrelizumab" is offered
      And "ocrelizumab" carries the caution "hbv-reactivation" mentioning "Cannot be judged yet"
      And the data needed include "hbsag"
      And the data needed include "hbv_core_antibody"

  Rule: Low IgG is named with its value

    Scenario Outline: IgG before anti-CD20 therapy
      Given the patient also has:
        | what                                            | value   |
        | Relapses in the last 12 months                  | 2       |
        | Relapses in the last 24 months                  | 2       |
        | Gadolinium-enhancing lesions on the latest scan | 1       |
        | Current disease-modifying therapy               | none    |
        | Hepatitis B surface antigen                     | negative |
        | Hepatitis B core antibody (anti-HBc)            | negative |
        | Serum IgG                                       | <igg>   |
      When the options are evaluated
      Then "ocrelizumab" carries the caution "hypogammaglobulinaemia" mentioning "<text>"

      Examples:
        | igg | text                                   |
        | 5.8 | IgG 5.8 g/L is low (below 7)           |
        | 3.5 | IgG below 4 g/L: severe                |

  Rule: Pregnancy and pregnancy plans are weighed per drug

    Background:
      Given the patient also has:
        | what                                            | value    |
        | Relapses in the last 12 months                  | 2        |
        | Relapses in the last 24 months                  | 2        |
        | Gadolinium-enhancing lesions on the latest scan | 1        |
        | Current disease-modifying therapy               | none     |
        | Hepatitis B surface antigen                     | negative |
        | Hepatitis B core antibody (anti-HBc)            | negative |

    Scenario: Pregnant - anti-CD20 therapy is a specialist decision
      Given the patient's pregnancy is pregnant
      When the options are evaluated
      Then "ocrelizumab" carries the caution "pregnancy" mentioning "Specialist decision: Pregnancy (pregnant)"
      And "natalizumab" carries the caution "pregnancy" mentioning "specialists may continue natalizumab to about 34 weeks"

    Scenario Outline: Contraception after the last dose differs per drug
      Given the patient's family_planning_2y is yes
      When the options are evaluated
      Then "<drug>" carries the caution "pregnancy" mentioning "<months>"

      Examples:
        | drug        | months                                                   |
        | ocrelizumab | contraception until 4 months after the last dose (US label 6 months) |
        | ofatumumab  | contraception until 6 months after the last ofatumumab dose |
        | ublituximab | contraception until 4 months after the last ublituximab dose |

  Rule: Heart conditions and other contraindications win over a reason to offer

    Background:
      Given the patient also has:
        | what                                            | value    |
        | Relapses in the last 12 months                  | 2        |
        | Relapses in the last 24 months                  | 2        |
        | Gadolinium-enhancing lesions on the latest scan | 2        |
        | Current disease-modifying therapy               | none     |
        | Anti-JCV antibody                               | negative |

    Scenario: Ischaemic heart disease rules out alemtuzumab
      Given the patient has ischaemic_heart_disease recorded
      When the options are evaluated
      Then "alemtuzumab" is not offered because "Ischaemic heart disease recorded"

    Scenario: Heart block without a pacemaker rules out fingolimod
      Given the patient has heart_block recorded
      And the patient also has:
        | what                          | value      |
        | Options the person asks about | fingolimod |
      When the options are evaluated
      Then "fingolimod" is not offered because "heart block"

    Scenario: HIV rules out natalizumab and alemtuzumab; anti-CD20 needs co-care
      Given the patient has hiv recorded
      When the options are evaluated
      Then "natalizumab" is not offered because "HIV recorded"
      And "alemtuzumab" is not offered because "HIV recorded"
      And "ocrelizumab" carries the caution "infection-risk" mentioning "Specialist decision: HIV recorded"

    Scenario: An active malignancy rules out natalizumab and anti-CD20 therapy
      Given the patient has active_malignancy recorded
      When the options are evaluated
      Then "natalizumab" is not offered because "Active malignancy recorded"
      And "ublituximab" is not offered because "Active malignancy recorded"
      And "alemtuzumab" carries the caution "malignancy-risk" mentioning "Specialist decision"

    Scenario: Latent tuberculosis is treated first
      Given the patient has latent_tuberculosis recorded
      When the options are evaluated
      Then "natalizumab" carries the caution "infection-risk" mentioning "Latent tuberculosis recorded: treatment for latent TB first"

  Rule: Vaccines are reviewed before immunosuppressive therapy

    Scenario: VZV antibody negative
      Given the patient also has:
        | what                                            | value    |
        | Relapses in the last 12 months                  | 2        |
        | Relapses in the last 24 months                  | 2        |
        | Gadolinium-enhancing lesions on the latest scan | 1        |
        | Current disease-modifying therapy               | none     |
        | Varicella zoster IgG                            | negative |
      When the options are evaluated
      Then "vaccination-review" is offered because "complete vaccinations before starting"
      And "vaccination-review" carries the caution "vzv-vaccinate-first" mentioning "VZV IgG negative"

    Scenario: No immunosuppressive option, no vaccination review
      Given the patient also has:
        | what                              | value              |
        | Current disease-modifying therapy | glatiramer-acetate |
        | Months on the current therapy     | 40                 |
      When the options are evaluated
      Then "vaccination-review" is not listed

  Rule: Natalizumab after lymphocyte-depleting therapy and in pregnancy

    Scenario: JCV positive after cladribine - outside the label risk tables
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 12          |
        | Anti-JCV antibody                 | positive    |
        | JCV index                         | 0.7         |
        | Months since the JCV test         | 2           |
        | Previous therapies                | cladribine  |
      When the options are evaluated
      Then "natalizumab" is offered because "continuing is an option"
      And "natalizumab" carries the caution "pml-risk" mentioning "Specialist decision"
      And "natalizumab" carries the caution "pml-risk" mentioning "the risk may be higher"
      And "natalizumab" carries the caution "pml-risk" mentioning "index 0.7 (0.9 or less)"

    Scenario: JCV positive, index 0.7, 12 months - no switch is forced
      Given the patient also has:
        | what                              | value           |
        | Current disease-modifying therapy | natalizumab     |
        | Months on the current therapy     | 12              |
        | Anti-JCV antibody                 | positive        |
        | JCV index                         | 0.7             |
        | Months since the JCV test         | 2               |
        | Previous therapies                | interferon-beta |
      When the options are evaluated
      Then "natalizumab" carries the caution "pml-risk" mentioning "about 0.2 per 1000"
      And "ocrelizumab" is not listed

    Scenario: Pregnant on natalizumab
      Given the patient also has:
        | what                              | value       |
        | Pregnancy                         | pregnant    |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 20          |
        | Anti-JCV antibody                 | negative    |
      When the options are evaluated
      Then "natalizumab" is offered because "continuing is an option"
      And "natalizumab" carries the caution "pregnancy" mentioning "about 34 weeks"
