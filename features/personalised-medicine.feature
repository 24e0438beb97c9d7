Feature: Personalised medicine - biomarkers, screening, vitamin D and pregnancy planning
  Tests that tailor treatment to the person: serum neurofilament light as an adjunct to MRI, the
  anti-JCV antibody before and on natalizumab, CYP2C9 before siponimod, label-required screening
  before a new drug, vitamin D, and pregnancy and family planning. A missing result is never read
  as normal.

  Rule: sNfL is an adjunct to MRI, reported as a Z-score, never the sole trigger

    Scenario: A Z-score above 1.5 signals risk, not a treatment decision
      Given a patient with:
        | what                                  | value |
        | Type of MS                            | RRMS  |
        | Age                                   | 34    |
        | Serum neurofilament light Z-score     | 2.4   |
        | Months since the last MRI             | 3     |
      When the options are evaluated
      Then "snfl-monitoring" is offered because "sNfL Z-score 2.4 (above 1.5"
      And "snfl-monitoring" is offered because "never the only reason to start, switch or stop"

    Scenario: A result in pg/mL only asks for the Z-score
      Given a patient with:
        | what                              | value |
        | Type of MS                        | RRMS  |
        | Serum neurofilament light         | 14.0  |
      When the options are evaluated
      Then "snfl-monitoring" is offered because "sNfL recorded as 14 pg/mL without a Z-score"
      And "snfl-monitoring" is offered because "Age or BMI not recorded"

    Scenario: A normal Z-score with a recent MRI needs nothing more
      Given a patient with:
        | what                              | value |
        | Type of MS                        | RRMS  |
        | Serum neurofilament light Z-score | 0.3   |
        | Months since the last MRI         | 4     |
      When the options are evaluated
      Then "snfl-monitoring" is not listed

  Rule: The anti-JCV antibody is tested before and every 6 months on natalizumab

    Scenario Outline: On natalizumab with a missing or old JCV result
      Given a patient with:
        | what                           | value       |
        | Type of MS                     | RRMS        |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy  | 20          |
        | Relapses in the last 12 months | 0           |
        | New or enlarging T2 lesions in the last 12 months | 0 |
        | Gadolinium-enhancing lesions on the latest scan   | 0 |
      And the patient also has:
        | <field> | <value> |
        | <field2> | <value2> |
      When the options are evaluated
      Then "jcv-testing" is offered because "<reason>"

      Examples:
        | field          | value    | field2                | value2 | reason                                   |
        | jcv_status     | positive | jcv_months_since_test | 2      | JCV antibody positive without an index   |
        | jcv_status     | negative | jcv_months_since_test | 9      | Last JCV test 9 months ago (more than 6) |
        | jcv_months_since_test | 9 | lymphocytes_10e9_l  | 2.0    | Anti-JCV antibody status not recorded    |

    Scenario: Natalizumab among the options for highly active RRMS
      Given a patient with:
        | what                                            | value |
        | Type of MS                                      | RRMS  |
        | Age                                             | 28    |
        | Relapses in the last 12 months                  | 2     |
        | Gadolinium-enhancing lesions on the latest scan | 2     |
        | Current disease-modifying therapy               | none  |
      When the options are evaluated
      Then "jcv-testing" is offered because "Natalizumab is among the options"
      And "pre-treatment-screening" is offered because "Anti-JCV antibody status and index are not recorded"

    Scenario: A negative JCV test without a date asks for the date
      Given a patient with:
        | what                              | value       |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 20          |
        | Anti-JCV antibody                 | negative    |
      When the options are evaluated
      Then the data needed include "jcv_months_since_test"

  Rule: CYP2C9 is genotyped before siponimod

    Scenario: Asked about siponimod without a genotype
      Given a patient with:
        | what                          | value     |
        | Type of MS                    | SPMS      |
        | Options the person asks about | siponimod |
      When the options are evaluated
      Then "cyp2c9-genotyping" is offered because "never read as *1/*1"

    Scenario: Genotype already known
      Given a patient with:
        | what                          | value     |
        | Type of MS                    | SPMS      |
        | CYP2C9 genotype               | *1/*3     |
        | Options the person asks about | siponimod |
      When the options are evaluated
      Then "cyp2c9-genotyping" is not listed

    Scenario: Asking for genotyping when the genotype is already on file
      Given a patient with:
        | what                          | value                        |
        | Type of MS                    | SPMS                         |
        | CYP2C9 genotype               | *3/*3                        |
        | Options the person asks about | siponimod, cyp2c9-genotyping |
      When the options are evaluated
      Then "cyp2c9-genotyping" is not offered because "CYP2C9 genotype already recorded (*3/*3)"
      And "cyp2c9-genotyping" is not offered because "siponimod is contraindicated"

  Rule: Label-required screening is named before a new drug or a switch

    Scenario: A switch away from natalizumab for PML risk
      Given a patient with:
        | what                              | value       |
        | Type of MS                        | RRMS        |
        | Age                               | 38          |
        | Current disease-modifying therapy | natalizumab |
        | Months on the current therapy     | 30          |
        | Relapses in the last 12 months    | 0           |
        | New or enlarging T2 lesions in the last 12 months | 0 |
        | Gadolinium-enhancing lesions on the latest scan   | 0 |
        | Anti-JCV antibody                 | positive    |
        | JCV index                         | 1.8         |
      When the options are evaluated
      Then "pre-treatment-screening" is offered because "has to be left for a safety, pregnancy or PML-risk reason"

    Scenario: Stable on a platform drug, no screening
      Given a patient with:
        | what                              | value              |
        | Type of MS                        | RRMS               |
        | Current disease-modifying therapy | glatiramer-acetate |
        | Months on the current therapy     | 40                 |
        | Relapses in the last 12 months    | 0                  |
        | New or enlarging T2 lesions in the last 12 months | 0 |
        | Gadolinium-enhancing lesions on the latest scan   | 0 |
      When the options are evaluated
      Then "pre-treatment-screening" is not listed

  Rule: Vitamin D below 50 nmol/L is corrected; high-dose vitamin D in early CIS is off-label

    Scenario Outline: Vitamin D levels
      Given a patient with:
        | what            | value   |
        | Type of MS      | RRMS    |
        | Years since onset | 6     |
        | 25-OH vitamin D | <level> |
        | Options the person asks about | vitamin-d |
      When the options are evaluated
      Then "vitamin-d" is <outcome> because "<text>"

      Examples:
        | level | outcome     | text                                      |
        | 42    | offered     | 25-OH vitamin D 42 |
        | 18    | offered     | the SACN threshold for a risk of deficiency |
        | 180   | not offered | At 150 nmol/L or more the level is already high |

    Scenario: Early CIS with a level below 100 nmol/L (D-Lay MS)
      Given a patient with:
        | what              | value |
        | Type of MS        | CIS   |
        | Years since onset | 0.2   |
        | 25-OH vitamin D   | 65    |
      When the options are evaluated
      Then "vitamin-d" is offered because "HR 0.66"
      And "vitamin-d" carries the caution "not-licensed" mentioning "never instead of a disease-modifying therapy"

    Scenario: Not measured, with kidney stones
      Given a patient with:
        | what       | value |
        | Type of MS | RRMS  |
      And the patient has kidney_stones recorded
      When the options are evaluated
      Then "vitamin-d" is offered because "25-OH vitamin D not recorded"
      And "vitamin-d" carries the caution "hypercalcaemia-risk" mentioning "Kidney stones recorded"
      And the data needed include "vitamin_d_nmol_l"

  Rule: Pregnancy and family planning are discussed early, and before any switch

    Scenario: Planning a pregnancy on teriflunomide
      Given a patient with:
        | what                              | value         |
        | Type of MS                        | RRMS          |
        | Age                               | 31            |
        | Sex                               | female        |
        | Pregnancy                         | planning      |
        | Uses effective contraception      | yes           |
        | Current disease-modifying therapy | teriflunomide |
        | Months on the current therapy     | 36            |
        | Relapses in the last 12 months    | 0             |
        | New or enlarging T2 lesions in the last 12 months | 0 |
        | Gadolinium-enhancing lesions on the latest scan   | 0 |
      When the options are evaluated
      Then "pregnancy-planning" is offered because "cannot stay because of pregnancy, breastfeeding or pregnancy plans"
      And the summary says a switch is needed from "teriflunomide"
      And "pregnancy-planning" is recommended for this profile
      And "pregnancy-planning" carries the caution "pregnancy" mentioning "two plasma levels below 0.02 mg/L at least 14 days apart"

    Scenario Outline: Who is offered pregnancy counselling
      Given a patient with:
        | what                              | value     |
        | Sex                               | <sex>     |
        | Age                               | <age>     |
        | Pregnancy                         | none      |
        | Wishes to conceive within 2 years | no        |
        | Uses effective contraception      | yes       |
        | Current disease-modifying therapy | <current> |
        | Months on the current therapy     | 12        |
      When the options are evaluated
      Then "pregnancy-planning" is <outcome>

      Examples:
        | sex    | age | current            | outcome       |
        | female | 30  | fingolimod         | offered       |
        | female | 30  | glatiramer-acetate | not listed    |
        | male   | 40  | cladribine         | offered       |
        | female | 62  | teriflunomide      | not listed    |

    Scenario: A woman on a DMT with contraception not recorded
      Given a patient with:
        | what                              | value           |
        | Sex                               | female          |
        | Age                               | 27              |
        | Pregnancy                         | none            |
        | Wishes to conceive within 2 years | no              |
        | Current disease-modifying therapy | interferon-beta |
        | Months on the current therapy     | 10              |
      When the options are evaluated
      Then the data needed include "effective_contraception"

    Scenario Outline: The pregnancy line for the current drug is shown to men only for cladribine
      Given a patient with:
        | what                              | value     |
        | Sex                               | male      |
        | Age                               | 35        |
        | Pregnancy                         | none      |
        | Type of MS                        | RRMS      |
        | Relapses in the last 12 months    | 0         |
        | Current disease-modifying therapy | <current> |
        | Months on the current therapy     | 14        |
        | Wishes to conceive within 2 years | yes       |
      When the options are evaluated
      Then "pregnancy-planning" is <outcome>

      Examples:
        | current     | outcome                                                               |
        | cladribine  | offered because "at least 6 months after each course (women and men)" |
        | natalizumab | not listed                                                            |

    Scenario: A man on cladribine who wants to father a child
      Given a patient with:
        | what                              | value      |
        | Sex                               | male       |
        | Age                               | 35         |
        | Pregnancy                         | none       |
        | Type of MS                        | RRMS       |
        | Relapses in the last 12 months    | 0          |
        | Current disease-modifying therapy | cladribine |
        | Months on the current therapy     | 14         |
        | Wishes to conceive within 2 years | yes        |
      When the options are evaluated
      Then "pregnancy-planning" is offered because "Wishes to father a child within 2 years"
      And "pregnancy-planning" carries the caution "pregnancy" mentioning "women and men"

