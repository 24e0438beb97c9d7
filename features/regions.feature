Feature: Whose labels apply - EU, US or UK
  The clinician chooses the region; its labels decide which drugs can be offered for CIS, SPMS and
  PPMS, and every reason says which label it relies on. The UK follows the EU labels (MHRA). The
  other region's label is named only where it changes the discussion. Options are things to
  discuss with the MS team, never orders.

  Background:
    Given a patient with:
      | what                    | value |
      | sex                     | male  |
      | pregnancy               | none  |
      | phq9                    | 3     |
      | phq9_item9              | 0     |
      | treatment.current       | none  |

  Rule: A first attack (CIS) with lesions suggestive of MS

    Scenario: CIS under the EU labels: interferon beta or glatiramer acetate, nothing stronger
      Given labels of the EU apply
      And the patient also has:
        | what                 | value |
        | age                  | 29    |
        | phenotype            | CIS   |
        | t2_lesion_count      | 5     |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | new_t2_lesions_12m   | 0     |
      When the options are evaluated
      Then the report applies the EU labels
      And the first treatment option is one of "interferon-beta, glatiramer-acetate"
      And "interferon-beta" is recommended for this profile
      And "glatiramer-acetate" is offered because "EU label"
      And "fingolimod" is not listed
      And "ozanimod" is not listed
      And "natalizumab" is not listed
      And "ocrelizumab" is not listed
      And "ofatumumab" is not listed
      And "teriflunomide" is not listed

    Scenario: CIS under the EU labels, asking about an anti-CD20 antibody
      Given labels of the EU apply
      And the patient also has:
        | what            | value       |
        | age             | 29          |
        | phenotype       | CIS         |
        | t2_lesion_count | 5           |
        | relapses_12m    | 1           |
        | interested_in   | ocrelizumab |
      When the options are evaluated
      Then "ocrelizumab" is not offered because "not licensed for CIS under the EU label"
      And "ocrelizumab" is not offered because "ECTRIMS/EAN 2018 recommends interferon beta or glatiramer acetate"

    Scenario: CIS under the UK labels follows the EU labels
      Given labels of the UK apply
      And the patient also has:
        | what            | value |
        | age             | 29    |
        | phenotype       | CIS   |
        | t2_lesion_count | 5     |
        | relapses_12m    | 1     |
      When the options are evaluated
      Then the report applies the UK labels
      And the first treatment option is one of "interferon-beta, glatiramer-acetate"
      And "ocrelizumab" is not listed
      And "fingolimod" is not listed

    Scenario: CIS under the US labels: relapsing forms include CIS, interferon beta or glatiramer acetate still first
      Given labels of the US apply
      And the patient also has:
        | what                 | value |
        | age                  | 29    |
        | phenotype            | CIS   |
        | t2_lesion_count      | 5     |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | new_t2_lesions_12m   | 0     |
      When the options are evaluated
      Then the report applies the US labels
      And the first treatment option is one of "interferon-beta, glatiramer-acetate"
      And "interferon-beta" is offered because "US label: interferon beta is licensed for relapsing forms of MS, including CIS"
      And "teriflunomide" is offered because "US label"
      And "ocrelizumab" is alternative for this profile
      And "ofatumumab" is alternative for this profile
      And "fingolimod" is alternative for this profile
      And "natalizumab" is also possible for this profile
      And "Interferon beta" ranks above "Ocrelizumab"
      And "cladribine" is not listed

  Rule: SPMS with and without activity

    Scenario Outline: Active SPMS: siponimod or an anti-CD20 antibody first under either label
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value |
        | age                  | 51    |
        | phenotype            | SPMS  |
        | relapses_12m         | 1     |
        | relapses_24m         | 1     |
        | gd_enhancing_lesions | 0     |
        | new_t2_lesions_12m   | 0     |
        | cyp2c9_genotype      | *1/*1 |
      When the options are evaluated
      Then the first treatment option is one of "siponimod, ocrelizumab, ofatumumab, ublituximab"
      And "siponimod" is offered because "<siponimod>"

      Examples:
        | region | siponimod                                                               |
        | EU     | EU label: siponimod is licensed for SPMS with active disease            |
        | US     | US label: siponimod is licensed for relapsing forms of MS, which include active SPMS |

    Scenario: Active SPMS under the EU labels: fingolimod, natalizumab and teriflunomide are outside their EU labels
      Given labels of the EU apply
      And the patient also has:
        | what                 | value                                  |
        | age                  | 51                                     |
        | phenotype            | SPMS                                   |
        | relapses_12m         | 1                                      |
        | relapses_24m         | 1                                      |
        | gd_enhancing_lesions | 0                                      |
        | new_t2_lesions_12m   | 0                                      |
        | interested_in        | teriflunomide, fingolimod, natalizumab |
      When the options are evaluated
      Then "teriflunomide" is not offered because "the EU label of teriflunomide covers relapsing-remitting MS only"
      And "fingolimod" is not offered because "EU label: fingolimod is licensed for highly active RRMS, not for SPMS"
      And "natalizumab" is not offered because "EU label: natalizumab is licensed for highly active RRMS, not for SPMS"

    Scenario: Active SPMS under the US labels: relapsing forms include active SPMS
      Given labels of the US apply
      And the patient also has:
        | what                 | value                      |
        | age                  | 51                         |
        | phenotype            | SPMS                       |
        | relapses_12m         | 1                          |
        | relapses_24m         | 1                          |
        | gd_enhancing_lesions | 0                          |
        | new_t2_lesions_12m   | 0                          |
        | interested_in        | teriflunomide, fingolimod  |
      When the options are evaluated
      Then "teriflunomide" is offered because "US label: teriflunomide is licensed for relapsing forms of MS"
      And "fingolimod" is offered because "US label: fingolimod is licensed for relapsing forms of MS"
      And "natalizumab" is offered because "US label"

    Scenario Outline: SPMS without activity: no relapsing-MS drug is started under either label
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value                  |
        | age                  | 56                     |
        | phenotype            | SPMS                   |
        | relapses_12m         | 0                      |
        | relapses_24m         | 0                      |
        | gd_enhancing_lesions | 0                      |
        | new_t2_lesions_12m   | 0                      |
        | interested_in        | siponimod, ocrelizumab |
      When the options are evaluated
      Then the report applies the <region> labels
      And no disease-modifying therapy is recommended
      And "siponimod" is not offered because "<siponimod>"
      And "ocrelizumab" is not offered because "not for SPMS without activity"
      And "interferon-beta" is not listed
      And "teriflunomide" is not listed

      Examples:
        | region | siponimod                                               |
        | EU     | EU label: siponimod is licensed only for SPMS with active disease |
        | US     | which include active SPMS but not SPMS without activity |

  Rule: Fingolimod in relapsing-remitting MS that is not highly active

    Scenario Outline: One relapse, untreated, asking about fingolimod
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value      |
        | age                  | 33         |
        | phenotype            | RRMS       |
        | relapses_12m         | 1          |
        | gd_enhancing_lesions | 0          |
        | new_t2_lesions_12m   | 1          |
        | interested_in        | fingolimod |
      When the options are evaluated
      Then "fingolimod" is <outcome> because "<reason>"

      Examples:
        | region | outcome     | reason                                                                 |
        | EU     | not offered | EU label: fingolimod is licensed for highly active RRMS                |
        | UK     | not offered | EU label: fingolimod is licensed for highly active RRMS                |
        | US     | offered     | US label: fingolimod is licensed for relapsing forms of MS             |

  Rule: Ocrelizumab in PPMS - the EU label is early PPMS with inflammatory imaging, the US label adult PPMS

    Scenario Outline: PPMS at 60 without MRI activity (within ORATORIO-HAND)
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value |
        | age                  | 60    |
        | phenotype            | PPMS  |
        | edss                 | 6.0   |
        | years_since_onset    | 8     |
        | relapses_12m         | 0     |
        | gd_enhancing_lesions | 0     |
        | new_t2_lesions_12m   | 0     |
      When the options are evaluated
      Then "ocrelizumab" is offered because "<reason>"

      Examples:
        | region | reason                                                          |
        | EU     | the US label covers adult PPMS; an MS-team decision             |
        | US     | US label: ocrelizumab is licensed for adults with PPMS          |

    Scenario: PPMS at 60 without MRI activity under the EU labels is a specialist decision
      Given labels of the EU apply
      And the patient also has:
        | what                 | value |
        | age                  | 60    |
        | phenotype            | PPMS  |
        | edss                 | 6.0   |
        | years_since_onset    | 8     |
        | relapses_12m         | 0     |
        | gd_enhancing_lesions | 0     |
        | new_t2_lesions_12m   | 0     |
      When the options are evaluated
      Then "ocrelizumab" carries the caution "not-licensed" mentioning "outside the EU licence wording"

    Scenario Outline: PPMS at 70 with EDSS 8.5 and no MRI activity (outside every trial population)
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value       |
        | age                  | 70          |
        | phenotype            | PPMS        |
        | edss                 | 8.5         |
        | years_since_onset    | 25          |
        | relapses_12m         | 0           |
        | gd_enhancing_lesions | 0           |
        | new_t2_lesions_12m   | 0           |
        | interested_in        | ocrelizumab |
      When the options are evaluated
      Then "ocrelizumab" is <outcome> because "<reason>"

      Examples:
        | region | outcome     | reason                                                        |
        | EU     | not offered | outside the EU licence and every trial population             |
        | US     | offered     | benefit has not been tested at this age, EDSS or duration     |

    Scenario: PPMS at 70 under the US label: licensed, but not a natural choice
      Given labels of the US apply
      And the patient also has:
        | what                 | value |
        | age                  | 70    |
        | phenotype            | PPMS  |
        | edss                 | 8.5   |
        | years_since_onset    | 25    |
        | relapses_12m         | 0     |
        | gd_enhancing_lesions | 0     |
        | new_t2_lesions_12m   | 0     |
      When the options are evaluated
      Then "ocrelizumab" is also possible for this profile

    Scenario Outline: Early PPMS with an enhancing lesion is within both labels
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value |
        | age                  | 47    |
        | phenotype            | PPMS  |
        | edss                 | 4.5   |
        | years_since_onset    | 4     |
        | relapses_12m         | 0     |
        | gd_enhancing_lesions | 1     |
        | new_t2_lesions_12m   | 0     |
      When the options are evaluated
      Then "ocrelizumab" is recommended for this profile
      And "ocrelizumab" is offered because "<reason>"

      Examples:
        | region | reason                                                   |
        | EU     | EU label: ocrelizumab is licensed for early PPMS         |
        | US     | US label: ocrelizumab is licensed for adults with PPMS   |

  Rule: Children and adolescents - paediatric ages are EU labels; US labels of the platform drugs are for adults

    Scenario Outline: Age 14 with active relapsing-remitting MS
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value |
        | age                  | 14    |
        | phenotype            | RRMS  |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | new_t2_lesions_12m   | 1     |
      When the options are evaluated
      Then "teriflunomide" is <outcome> because "<reason>"

      Examples:
        | region | outcome     | reason                                      |
        | EU     | offered     | EU label from 10 years                      |
        | US     | not offered | the US label of Teriflunomide is for adults |

  Rule: The report names whose labels it applied

    Scenario: No region chosen: the rulebook default (EU) applies
      Given the patient also has:
        | what         | value |
        | age          | 33    |
        | phenotype    | RRMS  |
        | relapses_12m | 1     |
      When the options are evaluated
      Then the report applies the EU labels

  Rule: A stable person who must leave a drug for safety gets the options of the chosen label

    Scenario Outline: Persistent lymphopenia on dimethyl fumarate, no recorded activity
      Given labels of the <region> apply
      And the patient also has:
        | what                 | value             |
        | age                  | 45                |
        | phenotype            | RRMS              |
        | treatment.current    | dimethyl-fumarate |
        | months_on_current    | 48                |
        | lymphocytes_10e9_l   | 0.42              |
        | lymphopenia_months   | 8                 |
        | relapses_12m         | 0                 |
        | relapses_24m         | 0                 |
        | gd_enhancing_lesions | 0                 |
        | new_t2_lesions_12m   | 0                 |
        | interested_in        | fingolimod        |
      When the options are evaluated
      Then "Glatiramer acetate" is recommended for this profile
      And "fingolimod" is <fingolimod> because "<reason>"

      Examples:
        | region | fingolimod  | reason                                                   |
        | EU     | not offered | EU label: fingolimod is licensed for highly active RRMS  |
        | US     | offered     | US label: fingolimod is licensed for relapsing forms     |

    Scenario: Leaving natalizumab for PML risk under the EU labels keeps fingolimod, ranked below anti-CD20 therapy
      Given labels of the EU apply
      And the patient also has:
        | what                 | value       |
        | age                  | 38          |
        | phenotype            | RRMS        |
        | treatment.current    | natalizumab |
        | months_on_current    | 30          |
        | jcv_status           | positive    |
        | jcv_index            | 2.1         |
        | relapses_12m         | 0           |
        | relapses_24m         | 0           |
        | gd_enhancing_lesions | 0           |
        | new_t2_lesions_12m   | 0           |
      When the options are evaluated
      Then "fingolimod" is offered because "Leaving natalizumab, which the EU label also reserves for highly active RRMS"
      And "Ocrelizumab" ranks above "Fingolimod"
