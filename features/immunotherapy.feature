Feature: Immunotherapy - platform therapies, S1P modulators and cladribine
  Disease-modifying therapies are options to discuss with the person and the MS team, never orders.
  Each reason names the label it relies on (EU or US) and the patient's own values; a contraindication
  always wins over an offer, and a safety question that cannot be answered yet is said so.

  Rule: The worked example demo-001 - breakthrough on dimethyl fumarate

    Background:
      Given a patient with:
        | what                   | value             |
        | age                    | 34                |
        | sex                    | female            |
        | pregnancy              | none              |
        | phenotype              | RRMS              |
        | years_since_onset      | 3                 |
        | edss                   | 2.0               |
        | relapses_12m           | 2                 |
        | relapses_24m           | 3                 |
        | new_t2_lesions_12m     | 4                 |
        | gd_enhancing_lesions   | 2                 |
        | jcv_status             | positive          |
        | jcv_index              | 1.8               |
        | vzv_igg                | positive          |
        | hbsag                  | negative          |
        | hbv_core_antibody      | negative          |
        | treatment.current      | dimethyl-fumarate |
        | months_on_current      | 14                |
        | smoking                | current           |
        | exercise_min_per_week  | 30                |
        | phq9                   | 11                |
        | phq9_item9             | 0                 |
        | routes                 | oral, infusion    |
        | family_planning_2y     | no                |

    Scenario: Higher-efficacy oral options are discussed, with the label each one relies on
      When the options are evaluated
      Then "fingolimod" is offered because "EU label: fingolimod is licensed for highly active RRMS"
      And "siponimod" is not listed
      And "ozanimod" is offered
      And "ponesimod" is offered
      And "cladribine" is offered because "2 relapses in the last 12 months"
      And "teriflunomide" is offered because "moderate efficacy; higher-efficacy options are usually discussed for highly active disease"
      And "teriflunomide" is offered because "would replace Dimethyl fumarate"

    Scenario: The failing fumarate, its twin and the injectables are not offered, each with its reason
      When the options are evaluated
      Then "dimethyl-fumarate" is not offered because "breakthrough disease"
      And "diroximel-fumarate" is not offered because "same active metabolite"
      And "interferon-beta" is not offered because "Route injection"
      And "glatiramer-acetate" is not offered because "is not among your acceptable routes"

    Scenario: What is still missing is asked for, not assumed normal
      When the options are evaluated
      Then the data needed include "effective_contraception"
      And the data needed include "lymphocytes_10e9_l"
      And the data needed do not include "cyp2c9_genotype"
      And "teriflunomide" carries the caution "pregnancy" mentioning "accelerated elimination"

  Rule: Interferon beta is never offered with severe depression or thoughts of self-harm

    Scenario Outline: Severe depression or suicidal ideation on the PHQ-9
      Given a patient with:
        | what                 | value   |
        | age                  | 29      |
        | sex                  | male    |
        | pregnancy            | none    |
        | phenotype            | RRMS    |
        | relapses_12m         | 1       |
        | gd_enhancing_lesions | 1       |
        | treatment.current    | none    |
        | phq9                 | <total> |
        | phq9_item9           | <item9> |
      When the options are evaluated
      Then "interferon-beta" is not offered because "contraindicated in severe depression and/or suicidal ideation (EU label"
      And "glatiramer-acetate" is offered

      Examples:
        | total | item9 |
        | 8     | 1     |
        | 16    | 2     |
        | 21    | 0     |

    Scenario: Moderate depressive symptoms need a mood review, not a bar
      Given a patient with:
        | what                 | value |
        | age                  | 29    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | treatment.current    | none  |
        | phq9                 | 12    |
        | phq9_item9           | 0     |
      When the options are evaluated
      Then "interferon-beta" is offered
      And "interferon-beta" carries the caution "depression-risk" mentioning "PHQ-9 12"

    Scenario: Without a PHQ-9 the depression question cannot be judged yet
      Given a patient with:
        | what                 | value |
        | age                  | 29    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | CIS   |
        | t2_lesion_count      | 4     |
        | treatment.current    | none  |
      When the options are evaluated
      Then "interferon-beta" is offered because "CIS with 4 T2 lesions"
      And "interferon-beta" carries the caution "depression-risk" mentioning "Cannot be judged yet"
      And the data needed include "phq9_item9"

  Rule: Pregnancy, breastfeeding and contraception follow the labels (evidence table 2.9)

    Scenario Outline: Teriflunomide and fingolimod are not offered when a pregnancy is possible
      Given a patient with:
        | what                    | value           |
        | age                     | 31              |
        | sex                     | female          |
        | pregnancy               | <pregnancy>     |
        | effective_contraception | <contraception> |
        | family_planning_2y      | <plans>         |
        | phenotype               | RRMS            |
        | relapses_12m            | 2               |
        | new_t2_lesions_12m      | 2               |
        | treatment.current       | none            |
      When the options are evaluated
      Then "teriflunomide" is not offered because "accelerated elimination procedure and two plasma levels below 0.02 mg/L"
      And "fingolimod" is not offered because "contraindicated in pregnancy"
      And "glatiramer-acetate" is offered

      Examples:
        | pregnancy | contraception | plans |
        | planning  | yes           | yes   |
        | none      | no            | no    |
        | none      | yes           | yes   |
        | pregnant  | no            | no    |

    Scenario: The injectables can be continued in pregnancy and breastfeeding
      Given a patient with:
        | what                 | value         |
        | age                  | 33            |
        | sex                  | female        |
        | pregnancy            | breastfeeding |
        | phenotype            | RRMS          |
        | relapses_12m         | 1             |
        | new_t2_lesions_12m   | 1             |
        | gd_enhancing_lesions | 0             |
        | treatment.current    | none          |
        | phq9                 | 4             |
        | phq9_item9           | 0             |
      When the options are evaluated
      Then "interferon-beta" is offered because "usable in pregnancy and breastfeeding"
      And "glatiramer-acetate" carries the caution "pregnancy" mentioning "compatible with breastfeeding"
      And "ozanimod" is not offered because "Breastfeeding: not recommended"

    Scenario: A stable woman planning pregnancy on teriflunomide needs a switch
      Given a patient with:
        | what                    | value         |
        | age                     | 31            |
        | sex                     | female        |
        | pregnancy               | planning      |
        | effective_contraception | yes           |
        | family_planning_2y      | yes           |
        | phenotype               | RRMS          |
        | relapses_12m            | 0             |
        | relapses_24m            | 0             |
        | new_t2_lesions_12m      | 0             |
        | gd_enhancing_lesions    | 0             |
        | treatment.current       | teriflunomide |
        | months_on_current       | 36            |
        | phq9                    | 3             |
        | phq9_item9              | 0             |
      When the options are evaluated
      Then "teriflunomide" is not offered because "accelerated elimination"
      And "glatiramer-acetate" is offered because "Switch needed: pregnancy planned"
      And "interferon-beta" is offered because "needs no washout before conception"

    Scenario: Cladribine needs contraception in men as well as women
      Given a patient with:
        | what                    | value |
        | age                     | 30    |
        | sex                     | male  |
        | pregnancy               | none  |
        | effective_contraception | no    |
        | phenotype               | RRMS  |
        | relapses_12m            | 2     |
        | gd_enhancing_lesions    | 1     |
        | treatment.current       | none  |
      When the options are evaluated
      Then "cladribine" is not offered because "women and in men of reproductive potential"
      And "ozanimod" is offered

  Rule: Fumarates follow the lymphocyte count

    Scenario: Lymphocytes below 0.5 for 8 months on dimethyl fumarate
      Given a patient with:
        | what                 | value             |
        | age                  | 45                |
        | sex                  | male              |
        | pregnancy            | none              |
        | phenotype            | RRMS              |
        | relapses_12m         | 0                 |
        | relapses_24m         | 0                 |
        | new_t2_lesions_12m   | 0                 |
        | gd_enhancing_lesions | 0                 |
        | lymphocytes_10e9_l   | 0.42              |
        | lymphopenia_months   | 8                 |
        | treatment.current    | dimethyl-fumarate |
        | months_on_current    | 48                |
      When the options are evaluated
      Then "dimethyl-fumarate" is not offered because "the fumarate labels say stop"
      And "diroximel-fumarate" is not offered because "not started with lymphocytes below 0.5"
      And "glatiramer-acetate" is offered because "Switch needed: lymphocytes below 0.5"
      And "ozanimod" carries the caution "lymphopenia" mentioning "Latest count 0.42"

    Scenario: A low-normal count on dimethyl fumarate is watched, not stopped
      Given a patient with:
        | what                 | value             |
        | age                  | 45                |
        | sex                  | male              |
        | pregnancy            | none              |
        | phenotype            | RRMS              |
        | relapses_12m         | 0                 |
        | new_t2_lesions_12m   | 0                 |
        | gd_enhancing_lesions | 0                 |
        | lymphocytes_10e9_l   | 0.7               |
        | treatment.current    | dimethyl-fumarate |
        | months_on_current    | 30                |
      When the options are evaluated
      Then "dimethyl-fumarate" is offered because "continuing is an option"
      And "dimethyl-fumarate" carries the caution "lymphopenia" mentioning "Lymphocytes 0.7"
      And "dimethyl-fumarate" carries the caution "pml-risk" mentioning "mild lymphopenia"

  Rule: Siponimod is for active SPMS and depends on the CYP2C9 genotype

    Scenario: SPMS without activity is outside the siponimod licence
      Given a patient with:
        | what                 | value |
        | age                  | 55    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | SPMS  |
        | relapses_12m         | 0     |
        | relapses_24m         | 0     |
        | new_t2_lesions_12m   | 0     |
        | gd_enhancing_lesions | 0     |
        | cyp2c9_genotype      | *1/*1 |
        | treatment.current    | none  |
      When the options are evaluated
      Then "siponimod" is not offered because "licensed only for SPMS with active disease"
      And "siponimod" is not offered because "EXPAND"

    Scenario Outline: Active SPMS with a known genotype
      Given a patient with:
        | what                 | value      |
        | age                  | 52         |
        | sex                  | male       |
        | pregnancy            | none       |
        | phenotype            | SPMS       |
        | relapses_12m         | 0          |
        | relapses_24m         | 1          |
        | new_t2_lesions_12m   | 0          |
        | gd_enhancing_lesions | 1          |
        | cyp2c9_genotype      | <genotype> |
        | treatment.current    | none       |
      When the options are evaluated
      Then "siponimod" is offered because "EU label: siponimod is licensed for SPMS with active disease evidenced by relapses or imaging features"
      And "siponimod" carries the caution "cyp2c9" mentioning "CYP2C9 <genotype>: the label requires a reduced maintenance dose"

      Examples:
        | genotype |
        | *1/*3    |
        | *2/*3    |

    Scenario: CYP2C9 *3/*3 is a contraindication
      Given a patient with:
        | what                 | value |
        | age                  | 52    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | SPMS  |
        | relapses_24m         | 1     |
        | gd_enhancing_lesions | 1     |
        | cyp2c9_genotype      | *3/*3 |
        | treatment.current    | none  |
      When the options are evaluated
      Then "siponimod" is not offered because "CYP2C9 *3/*3: poor metaboliser"

  Rule: S1P modulators share their heart, eye and infection rules

    Scenario Outline: Heart block without a pacemaker
      Given a patient with:
        | what                 | value |
        | age                  | 40    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 2     |
        | gd_enhancing_lesions | 1     |
        | treatment.current    | none  |
      And the patient has heart_block recorded
      When the options are evaluated
      Then "<s1p>" is not offered because "heart block (or sick sinus syndrome) recorded without a pacemaker"

      Examples:
        | s1p        |
        | fingolimod |
        | ozanimod   |
        | ponesimod  |

    Scenario: Bradyarrhythmia and diabetes keep ozanimod, with a cardiology decision and eye checks
      Given a patient with:
        | what                 | value    |
        | age                  | 40       |
        | sex                  | male     |
        | pregnancy            | none     |
        | phenotype            | RRMS     |
        | relapses_12m         | 2        |
        | gd_enhancing_lesions | 1        |
        | vzv_igg              | negative |
        | treatment.current    | none     |
      And the patient has bradyarrhythmia, diabetes recorded
      When the options are evaluated
      Then "ozanimod" carries the caution "cardiac-first-dose" mentioning "Specialist decision: Bradyarrhythmia recorded: cardiology advice"
      And "ozanimod" carries the caution "macular-edema" mentioning "Diabetes recorded"
      And "ozanimod" carries the caution "vzv-vaccinate-first" mentioning "VZV IgG negative: vaccinate first"
      And "fingolimod" carries the caution "cardiac-first-dose" mentioning "at least 6 hours"

  Rule: Children and adolescents get only the DMTs licensed at their age

    Scenario: Age 15 with active relapsing MS
      Given a patient with:
        | what                 | value |
        | age                  | 15    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | treatment.current    | none  |
        | phq9                 | 3     |
        | phq9_item9           | 0     |
      When the options are evaluated
      Then "teriflunomide" is offered because "EU label from 10 years"
      And "dimethyl-fumarate" is offered because "EU label from 13 years"
      And "fingolimod" is not listed
      And "ozanimod" is not offered because "Age 15: not licensed under 18"
      And "cladribine" is not offered because "not licensed under 18"
      And the report warns "under 18"

    Scenario: Age 11 is below the dimethyl fumarate and glatiramer acetate minimum ages
      Given a patient with:
        | what                 | value |
        | age                  | 11    |
        | sex                  | female |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | treatment.current    | none  |
      When the options are evaluated
      Then "dimethyl-fumarate" is not offered because "licensed from 13 years"
      And "glatiramer-acetate" is not offered because "licensed from 12 years"
      And "interferon-beta" carries the caution "not-licensed" mentioning "paediatric MS service"
      And "teriflunomide" is offered

  Rule: The person's acceptable routes are respected

    Scenario: Only tablets are acceptable
      Given a patient with:
        | what                 | value |
        | age                  | 30    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | treatment.current    | none  |
        | routes               | oral  |
      When the options are evaluated
      Then "glatiramer-acetate" is not offered because "Route injection (self-injection under the skin or into muscle) is not among your acceptable routes (acceptable: oral)"
      And "teriflunomide" is offered

  Rule: Relapsing-MS therapies are not started outside their label population

    Scenario Outline: PPMS, asking about a relapsing-MS therapy
      Given a patient with:
        | what              | value    |
        | age               | 47       |
        | sex               | male     |
        | pregnancy         | none     |
        | phenotype         | PPMS     |
        | treatment.current | none     |
        | interested_in     | <option> |
      When the options are evaluated
      Then "<option>" is not offered because "not for primary progressive MS"

      Examples:
        | option          |
        | teriflunomide   |
        | siponimod       |
        | interferon-beta |

  Rule: Stopping an S1P modulator is planned against rebound

    Scenario: Breakthrough on fingolimod - it is not continued, and the report says why stopping needs a plan
      Given a patient with:
        | what                 | value      |
        | age                  | 36         |
        | sex                  | male       |
        | pregnancy            | none       |
        | phenotype            | RRMS       |
        | relapses_12m         | 1          |
        | relapses_24m         | 1          |
        | gd_enhancing_lesions | 1          |
        | new_t2_lesions_12m   | 2          |
        | t2_lesion_count      | 14         |
        | treatment.current    | fingolimod |
        | months_on_current    | 24         |
      When the options are evaluated
      Then "fingolimod" is not offered because "breakthrough disease"
      And "fingolimod" is not offered because "severe rebound of disease activity after stopping"
      And "cladribine" is offered because "1 relapse(s) after 24 months on Fingolimod"

    Scenario: Planning a pregnancy on ozanimod - a switch, with rebound and washout named
      Given a patient with:
        | what                    | value    |
        | age                     | 30       |
        | sex                     | female   |
        | pregnancy               | planning |
        | effective_contraception | yes      |
        | phenotype               | RRMS     |
        | relapses_12m            | 0        |
        | relapses_24m            | 0        |
        | gd_enhancing_lesions    | 0        |
        | new_t2_lesions_12m      | 0        |
        | treatment.current       | ozanimod |
        | months_on_current       | 30       |
        | phq9                    | 2        |
        | phq9_item9              | 0        |
      When the options are evaluated
      Then "ozanimod" is not offered because "pregnancy: planning"
      And "ozanimod" is not offered because "stopped 3 months before conception"
      And "ozanimod" is not offered because "severe rebound"
      And "glatiramer-acetate" is offered because "Switch needed: pregnancy planned"
      And "interferon-beta" is offered because "needs no washout before conception"

  Rule: Fumarates - the twin molecule, organ function and pregnancy

    Scenario: Pregnant on dimethyl fumarate - diroximel fumarate is not a way out
      Given a patient with:
        | what                 | value             |
        | age                  | 32                |
        | sex                  | female            |
        | pregnancy            | pregnant          |
        | phenotype            | RRMS              |
        | relapses_12m         | 0                 |
        | relapses_24m         | 0                 |
        | gd_enhancing_lesions | 0                 |
        | new_t2_lesions_12m   | 0                 |
        | lymphocytes_10e9_l   | 1.3               |
        | treatment.current    | dimethyl-fumarate |
        | months_on_current    | 30                |
        | phq9                 | 3                 |
        | phq9_item9           | 0                 |
      When the options are evaluated
      Then "diroximel-fumarate" is not offered because "same active metabolite"
      And "dimethyl-fumarate" carries the caution "pregnancy" mentioning "Specialist decision"
      And "glatiramer-acetate" is offered because "Currently pregnant"
      And "teriflunomide" is not offered because "Currently pregnant"

    Scenario: Renal impairment is a nephrology question for the fumarates, not a liver one
      Given a patient with:
        | what                 | value |
        | age                  | 44    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 1     |
        | gd_enhancing_lesions | 1     |
        | lymphocytes_10e9_l   | 1.5   |
        | treatment.current    | none  |
      And the patient has renal_impairment recorded
      When the options are evaluated
      Then "dimethyl-fumarate" carries the caution "renal-monitoring" mentioning "Specialist decision: Renal impairment recorded"
      And "dimethyl-fumarate" does not carry the caution "liver-monitoring"
      And "teriflunomide" carries the caution "renal-monitoring" mentioning "nephrology"

  Rule: Cladribine needs a normal lymphocyte count before year 1 and at least 0.8 before year 2

    Scenario Outline: Lymphocyte count before a cladribine course
      Given a patient with:
        | what                 | value       |
        | age                  | 35          |
        | sex                  | male        |
        | pregnancy            | none        |
        | effective_contraception | yes      |
        | phenotype            | RRMS        |
        | relapses_12m         | <relapses>  |
        | relapses_24m         | 2           |
        | gd_enhancing_lesions | <gd>        |
        | new_t2_lesions_12m   | <gd>        |
        | lymphocytes_10e9_l   | <count>     |
        | treatment.current    | <current>   |
        | months_on_current    | <months>    |
      When the options are evaluated
      Then "cladribine" is not offered because "<reason>"

      Examples:
        | relapses | gd | count | current    | months | reason                                  |
        | 2        | 1  | 0.9   | none       | 0      | Lymphocytes 0.9 ×10^9/L                 |
        | 2        | 1  | 0.9   | none       | 0      | normal lymphocyte count before the first |
        | 0        | 0  | 0.7   | cladribine | 12     | at least 0.8 ×10^9/L                    |
        | 0        | 0  | 0.7   | cladribine | 12     | Lymphocytes 0.7 ×10^9/L after 12 months |

    Scenario: After both yearly courses a low count does not bar continuing the plan
      Given a patient with:
        | what                 | value      |
        | age                  | 38         |
        | sex                  | male       |
        | pregnancy            | none       |
        | phenotype            | RRMS       |
        | relapses_12m         | 0          |
        | relapses_24m         | 0          |
        | gd_enhancing_lesions | 0          |
        | new_t2_lesions_12m   | 0          |
        | lymphocytes_10e9_l   | 0.7        |
        | treatment.current    | cladribine |
        | months_on_current    | 24         |
      When the options are evaluated
      Then "cladribine" is offered because "continuing is an option"

    Scenario: Before cladribine, unknown blood tests are asked for, not assumed normal
      Given a patient with:
        | what                    | value |
        | age                     | 33    |
        | sex                     | male  |
        | pregnancy               | none  |
        | effective_contraception | yes   |
        | family_planning_2y      | no    |
        | phenotype               | RRMS  |
        | relapses_12m            | 2     |
        | relapses_24m            | 2     |
        | gd_enhancing_lesions    | 1     |
        | treatment.current       | none  |
      When the options are evaluated
      Then "cladribine" carries the caution "lymphopenia" mentioning "Cannot be judged yet"
      And "cladribine" carries the caution "hbv-reactivation" mentioning "Cannot be judged yet"
      And the data needed include "lymphocytes_10e9_l"
      And the data needed include "vzv_igg"
      And the data needed include "hbsag"

  Rule: Fingolimod names the label it relies on; its heart rules are stricter than the other S1P modulators

    Scenario Outline: EU wording for highly active RRMS, US label for relapsing forms
      Given labels of the <region> apply
      And a patient with:
        | what                 | value        |
        | age                  | 29           |
        | sex                  | male         |
        | pregnancy            | none         |
        | phenotype            | RRMS         |
        | relapses_12m         | <relapses>   |
        | relapses_24m         | <relapses>   |
        | gd_enhancing_lesions | <gd>         |
        | new_t2_lesions_12m   | 0            |
        | lymphocytes_10e9_l   | 1.8          |
        | vzv_igg              | positive     |
        | treatment.current    | none         |
      When the options are evaluated
      Then "fingolimod" is offered because "<label>"
      And "fingolimod" carries the caution "cardiac-first-dose" mentioning "at least 6 hours"

      Examples:
        | region | relapses | gd | label                                                    |
        | US     | 1        | 0  | US label: fingolimod is licensed for relapsing forms     |
        | US     | 2        | 1  | US label: fingolimod is licensed for relapsing forms     |
        | EU     | 2        | 1  | EU label: fingolimod is licensed for highly active RRMS  |

    Scenario: Long QTc bars fingolimod; the other S1P modulators go to cardiology
      Given a patient with:
        | what                 | value |
        | age                  | 41    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 2     |
        | relapses_24m         | 2     |
        | gd_enhancing_lesions | 1     |
        | lymphocytes_10e9_l   | 1.6   |
        | vzv_igg              | negative |
        | treatment.current    | none  |
      And the patient has long_qtc, diabetes recorded
      When the options are evaluated
      Then "fingolimod" is not offered because "QTc of 500 ms or more"
      And "ozanimod" carries the caution "cardiac-first-dose" mentioning "Specialist decision: Long QTc recorded"
      And "ozanimod" carries the caution "macular-edema" mentioning "Diabetes recorded"
      And "ponesimod" carries the caution "vzv-vaccinate-first" mentioning "VZV IgG negative"
      And "cladribine" carries the caution "vzv-vaccinate-first" mentioning "4-6 weeks"

    Scenario: Heart block with a pacemaker keeps the S1P modulators, with first-dose monitoring
      Given a patient with:
        | what                 | value |
        | age                  | 52    |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 2     |
        | relapses_24m         | 2     |
        | gd_enhancing_lesions | 1     |
        | lymphocytes_10e9_l   | 1.6   |
        | treatment.current    | none  |
      And the patient has heart_block, pacemaker recorded
      When the options are evaluated
      Then "fingolimod" is offered
      And "ozanimod" carries the caution "cardiac-first-dose" mentioning "Heart block recorded"

  Rule: Paediatric minimum ages (EU labels) for the platform therapies and fingolimod

    Scenario Outline: A child or adolescent with highly active relapsing MS
      Given a patient with:
        | what                 | value |
        | age                  | <age> |
        | sex                  | male  |
        | pregnancy            | none  |
        | phenotype            | RRMS  |
        | relapses_12m         | 2     |
        | relapses_24m         | 3     |
        | gd_enhancing_lesions | 1     |
        | treatment.current    | none  |
        | phq9                 | 2     |
        | phq9_item9           | 0     |
      When the options are evaluated
      Then "<offered>" is offered because "Age <age>"
      And "<barred>" is not offered because "<reason>"
      And the report warns "Age <age>: under 18"

      Examples:
        | age | offered            | barred             | reason                         |
        | 9   | interferon-beta    | fingolimod         | licensed from 10 years         |
        | 9   | interferon-beta    | teriflunomide      | licensed from 10 years         |
        | 11  | teriflunomide      | glatiramer-acetate | licensed from 12 years         |
        | 12  | glatiramer-acetate | dimethyl-fumarate  | licensed from 13 years         |
        | 13  | dimethyl-fumarate  | siponimod          | not licensed under 18          |
        | 16  | fingolimod         | cladribine         | not licensed under 18          |
