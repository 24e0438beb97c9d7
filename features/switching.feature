Feature: Forced switches - when a stable person must leave the current drug
  Any absolute contraindication or label stop of the current disease-modifying therapy that is not about
  efficacy (malignancy, immunodeficiency, a serious infection, pregnancy, PML risk, persistent lymphopenia,
  low IgG with recurrent infections) makes the report say "Switch needed", shows the current drug as not
  offered with the reason, and lists the alternatives that are safe for this person - each alternative's
  own contraindications still apply - with the washout or recovery the next drug needs.

  Background:
    Given a patient with:
      | what                                              | value |
      | Age                                               | 42    |
      | Sex                                               | male  |
      | Pregnancy                                         | none  |
      | Type of MS                                        | RRMS  |
      | Relapses in the last 12 months                    | 0     |
      | Relapses in the last 24 months                    | 0     |
      | New or enlarging T2 lesions in the last 12 months | 0     |
      | Gadolinium-enhancing lesions on the latest scan   | 0     |
      | phq9                                              | 3     |
      | phq9_item9                                        | 0     |

  Rule: Every absolute contraindication of the current drug forces a switch

    Scenario: Active malignancy on fingolimod
      Given the patient also has:
        | what                              | value             |
        | Current disease-modifying therapy | fingolimod        |
        | Months on the current therapy     | 60                |
        | comorbidities                     | active_malignancy |
      When the options are evaluated
      Then "fingolimod" is not offered because "Active malignancy recorded: S1P modulators are contraindicated"
      And "fingolimod" is not offered because "severe rebound of disease activity after stopping"
      And "glatiramer-acetate" is offered because "Switch needed: active malignancy recorded on Fingolimod"
      And "interferon-beta" is offered because "Switch needed: active malignancy recorded on Fingolimod"
      And "ozanimod" is not offered because "Active malignancy recorded"
      And "natalizumab" is not offered because "contraindicated with active malignancy"
      And "ocrelizumab" is not offered because "contraindicated with active malignancy"
      And "pre-treatment-screening" is offered because "has to be left for a safety, pregnancy or PML-risk reason"

    Scenario: Immunodeficiency on ocrelizumab
      Given the patient also has:
        | what                              | value            |
        | Current disease-modifying therapy | ocrelizumab      |
        | Months on the current therapy     | 40               |
        | comorbidities                     | immunodeficiency |
      When the options are evaluated
      Then "ocrelizumab" is not offered because "contraindicated in a severely immunocompromised state"
      And "glatiramer-acetate" is offered because "Switch needed: immunodeficiency recorded on Ocrelizumab"
      And "interferon-beta" is offered because "Switch needed: immunodeficiency recorded on Ocrelizumab"
      And "ofatumumab" is not offered because "Immunodeficiency recorded"
      And "teriflunomide" is not offered because "Immunodeficiency recorded: teriflunomide is contraindicated"
      And "ozanimod" is not offered because "S1P modulators are contraindicated"

    Scenario: Serious active infection on ponesimod (US labels: natalizumab is licensed for relapsing MS)
      Given labels of the US apply
      And the patient also has:
        | what                              | value            |
        | Current disease-modifying therapy | ponesimod        |
        | Months on the current therapy     | 30               |
        | comorbidities                     | active_infection |
      When the options are evaluated
      Then "ponesimod" is not offered because "contraindicated in severe active infection"
      And "ponesimod" is not offered because "the next therapy is planned before it is stopped"
      And "glatiramer-acetate" is offered because "Switch needed: active infection recorded on Ponesimod"
      And "glatiramer-acetate" is offered because "a pause until it has resolved may be enough"
      And "teriflunomide" is not offered because "Active infection recorded"
      And "ocrelizumab" is not offered because "until the infection has resolved"
      And "natalizumab" carries the caution "medical-clearance" mentioning "treated and has resolved before Natalizumab is started"

    Scenario: Pregnancy planned on fingolimod
      Given the patient also has:
        | what                              | value      |
        | Sex                               | female     |
        | Age                               | 31         |
        | Pregnancy                         | planning   |
        | effective_contraception           | yes        |
        | Current disease-modifying therapy | fingolimod |
        | Months on the current therapy     | 48         |
      When the options are evaluated
      Then "fingolimod" is not offered because "contraindicated in pregnancy"
      And "fingolimod" is not offered because "severe rebound of disease activity after stopping"
      And "pregnancy-planning" is offered
      And "glatiramer-acetate" is offered because "Switch needed: pregnancy planned (now or within 2 years) on Fingolimod"
      And "interferon-beta" is offered because "Switch needed: pregnancy planned"
      And "teriflunomide" is not offered because "contraindicated in pregnancy"

    Scenario: High PML risk on natalizumab (continuing stays listed, with the high-risk caution)
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 30          |
        | Anti-JCV antibody                 | positive    |
        | JCV index                         | 1.8         |
        | Months since the JCV test         | 2           |
      When the options are evaluated
      Then "natalizumab" is offered because "continuing is an option"
      And "natalizumab" carries the caution "pml-risk" mentioning "index 1.8 (above 1.5): high PML-risk stratum"
      And "ocrelizumab" is offered because "Switch needed: JCV antibody positive, index 1.8, after 30 months on natalizumab"
      And "ocrelizumab" carries the caution "pml-risk" mentioning "an MRI to exclude PML before the first dose"
      And "ocrelizumab" carries the caution "pml-risk" mentioning "about 4-6 weeks"
      And "glatiramer-acetate" carries the caution "rebound-on-stopping" mentioning "more often than with anti-CD20 therapy"

    Scenario: Persistent lymphopenia on dimethyl fumarate - lymphocytes recover before S1P, natalizumab or cladribine
      Given the patient also has:
        | what                              | value             |
        | Current disease-modifying therapy | dimethyl-fumarate |
        | Months on the current therapy     | 48                |
        | lymphocytes_10e9_l                | 0.42              |
        | lymphopenia_months                | 8                 |
        | Anti-JCV antibody                 | negative          |
        | interested_in                     | cladribine        |
      When the options are evaluated
      Then "dimethyl-fumarate" is not offered because "the fumarate labels say stop"
      And "diroximel-fumarate" is not offered because "not started with lymphocytes below 0.5"
      And "glatiramer-acetate" is offered because "Switch needed: lymphocytes below 0.5 ×10^9/L for 8 months on Dimethyl fumarate, latest count 0.42"
      And "ozanimod" carries the caution "lymphopenia" mentioning "Lymphocytes 0.42 x10^9/L on Dimethyl fumarate: wait for recovery before starting Ozanimod"
      And "cladribine" is not offered because "normal lymphocyte count before the first cladribine course"

    Scenario: Persistent lymphopenia on dimethyl fumarate under US labels - natalizumab waits for recovery too
      Given labels of the US apply
      And the patient also has:
        | what                              | value             |
        | Current disease-modifying therapy | dimethyl-fumarate |
        | Months on the current therapy     | 48                |
        | lymphocytes_10e9_l                | 0.42              |
        | lymphopenia_months                | 8                 |
        | Anti-JCV antibody                 | negative          |
      When the options are evaluated
      Then "natalizumab" is offered because "Switch needed: lymphocytes below 0.5"
      And "natalizumab" carries the caution "lymphopenia" mentioning "wait for recovery before starting natalizumab"
      And "fingolimod" carries the caution "lymphopenia" mentioning "wait for recovery before starting Fingolimod"

    Scenario: Low IgG with recurrent infections on ocrelizumab
      Given the patient also has:
        | what                              | value                |
        | Current disease-modifying therapy | ocrelizumab          |
        | Months on the current therapy     | 60                   |
        | igg_g_l                           | 3.6                  |
        | comorbidities                     | recurrent_infections |
      When the options are evaluated
      Then "ocrelizumab" is not offered because "IgG 3.6 g/L (below 7) with recurrent or serious infections"
      And "ofatumumab" is not offered because "is not continued or started unchanged"
      And "immunoglobulin-review" is offered because "immunology referral"
      And "immunoglobulin-review" is offered because "immunoglobulin replacement"
      And "immunoglobulin-review" carries the caution "not-licensed" mentioning "off-label"
      And "glatiramer-acetate" is offered because "Switch needed: IgG 3.6 g/L with recurrent or serious infections on Ocrelizumab"
      And "ozanimod" carries the caution "medical-clearance" mentioning "Recurrent or serious infections"

    Scenario: Severe depression on interferon beta
      Given the patient also has:
        | what                              | value           |
        | Current disease-modifying therapy | interferon-beta |
        | Months on the current therapy     | 60              |
        | phq9                              | 22              |
      When the options are evaluated
      Then "interferon-beta" is not offered because "contraindicated in severe depression"
      And "glatiramer-acetate" is offered because "Switch needed: PHQ-9 22 (severe depression) on interferon beta"

    Scenario: Immunodeficiency on teriflunomide - elimination before the next drug
      Given the patient also has:
        | what                              | value            |
        | Current disease-modifying therapy | teriflunomide    |
        | Months on the current therapy     | 36               |
        | comorbidities                     | immunodeficiency |
      When the options are evaluated
      Then "teriflunomide" is not offered because "Immunodeficiency recorded: teriflunomide is contraindicated"
      And "glatiramer-acetate" is offered because "Switch needed: immunodeficiency recorded on Teriflunomide"
      And "glatiramer-acetate" carries the caution "washout" mentioning "accelerated elimination"

    Scenario: A stable person on a drug without a contraindication is not switched
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | ocrelizumab |
        | Months on the current therapy     | 40          |
        | igg_g_l                           | 8.1         |
        | hbsag                             | negative    |
        | comorbidities                     | none        |
      When the options are evaluated
      Then "ocrelizumab" is offered because "continuing is an option"
      And "glatiramer-acetate" is not listed
      And "immunoglobulin-review" is not listed

  Rule: Severe hypogammaglobulinaemia without infections is reviewed, not a forced switch

    Scenario: IgG 3.6 on ocrelizumab without recorded infections
      Given the patient also has:
        | what                              | value       |
        | Current disease-modifying therapy | ocrelizumab |
        | Months on the current therapy     | 60          |
        | igg_g_l                           | 3.6         |
        | hbsag                             | negative    |
        | comorbidities                     | none        |
      When the options are evaluated
      Then "ocrelizumab" is offered because "continuing is an option"
      And "ocrelizumab" carries the caution "hypogammaglobulinaemia" mentioning "IgG 3.6 g/L"
      And "immunoglobulin-review" is offered because "a longer interval between doses, closer IgG and infection monitoring"
      And "glatiramer-acetate" is not listed

  Rule: First-dose cautions belong to a new start

    Scenario: Nine years on fingolimod - no first-dose monitoring, no vaccinate-first
      Given the patient also has:
        | what                              | value      |
        | Current disease-modifying therapy | fingolimod |
        | Months on the current therapy     | 108        |
        | vzv_igg                           | negative   |
        | comorbidities                     | none       |
      When the options are evaluated
      Then "fingolimod" is offered because "continuing is an option"
      And "fingolimod" does not carry the caution "cardiac-first-dose"
      And "fingolimod" does not carry the caution "vzv-vaccinate-first"

    Scenario: A new start on fingolimod keeps the first-dose monitoring
      Given the patient also has:
        | what                              | value |
        | Relapses in the last 12 months    | 2     |
        | Relapses in the last 24 months    | 2     |
        | Gadolinium-enhancing lesions on the latest scan | 1 |
        | Current disease-modifying therapy | none  |
        | vzv_igg                           | negative |
      When the options are evaluated
      Then "fingolimod" carries the caution "cardiac-first-dose" mentioning "First dose needs at least 6 hours"
      And "fingolimod" carries the caution "vzv-vaccinate-first" mentioning "vaccinate first"

    Scenario: An unrecorded JCV status is not written as a value
      Given the patient also has:
        | what                              | value |
        | Relapses in the last 12 months    | 2     |
        | Relapses in the last 24 months    | 2     |
        | Gadolinium-enhancing lesions on the latest scan | 1 |
        | Current disease-modifying therapy | none  |
      When the options are evaluated
      Then "natalizumab" carries the caution "pml-risk" mentioning "With JCV antibody positive and an index above 1.5"
      And no caution of "natalizumab" mentions "JCV unknown"

  Rule: A CIS that may now meet the McDonald criteria is flagged for diagnosis review

    Scenario: CIS with oligoclonal bands
      Given the patient also has:
        | what                 | value    |
        | Type of MS           | CIS      |
        | t2_lesion_count      | 3        |
        | csf_oligoclonal_bands | positive |
      When the options are evaluated
      Then "diagnosis-review" is offered because "McDonald criteria may be met (2017 and 2024 revisions): review the diagnosis"

    Scenario: CIS with a spinal cord lesion and an enhancing lesion among others
      Given the patient also has:
        | what                  | value    |
        | Type of MS            | CIS      |
        | t2_lesion_count       | 4        |
        | spinal_cord_lesions   | 1        |
        | Gadolinium-enhancing lesions on the latest scan | 1 |
        | csf_oligoclonal_bands | negative |
      When the options are evaluated
      Then "diagnosis-review" is offered because "Dissemination in space: 1 spinal cord lesion(s) among 4 T2 lesion(s)"

    Scenario: CIS without bands or dissemination is not flagged
      Given the patient also has:
        | what                  | value    |
        | Type of MS            | CIS      |
        | t2_lesion_count       | 3        |
        | spinal_cord_lesions   | 0        |
        | csf_oligoclonal_bands | negative |
      When the options are evaluated
      Then "diagnosis-review" is not listed
