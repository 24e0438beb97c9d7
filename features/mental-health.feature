Feature: Mental health in MS care
  Depression, anxiety, fatigue and cognitive problems are common in MS and treatable.
  A positive answer to PHQ-9 item 9 (thoughts of self-harm) always comes first, whatever else the
  profile says.

  Rule: Thoughts of self-harm need a same-day review, always first

    Scenario Outline: PHQ-9 item 9 above zero
      Given a patient with:
        | what                                 | value     |
        | Type of MS                           | RRMS      |
        | Relapses in the last 12 months       | 2         |
        | Gadolinium-enhancing lesions on the latest scan | 1 |
        | PHQ-9 total                          | <total>   |
        | PHQ-9 item 9 (thoughts of self-harm) | <item9>   |
      When the options are evaluated
      Then "urgent-self-harm-review" is listed first
      And "urgent-self-harm-review" is offered because "PHQ-9 item 9 = <item9>"

      Examples:
        | total | item9 |
        | 4     | 1     |
        | 6     | 1     |
        | 22    | 3     |

    Scenario: No thoughts of self-harm
      Given a patient with:
        | what         | value |
        | phq9         | 14    |
        | phq9_item9   | 0     |
      When the options are evaluated
      Then "urgent-self-harm-review" is not listed

    Scenario: A PHQ-9 total without item 9 asks for item 9
      Given a patient with:
        | what | value |
        | phq9 | 12    |
      When the options are evaluated
      Then the data needed include "phq9_item9"

    Scenario: Self-harm thoughts stay first even when many other options are offered
      Given a patient with:
        | what                                 | value   |
        | Type of MS                           | RRMS    |
        | Age                                  | 35      |
        | Smoking                              | current |
        | Moderate exercise                    | 0       |
        | Body mass index                      | 33      |
        | PHQ-9 total                          | 24      |
        | PHQ-9 item 9 (thoughts of self-harm) | 2       |
        | GAD-7 total                          | 16      |
        | Modified Fatigue Impact Scale total  | 50      |
        | SDMT Z-score                         | -2.0    |
      When the options are evaluated
      Then "urgent-self-harm-review" is listed first
      And "depression-care" is offered because "PHQ-9 item 9 = 2"

  Rule: Depression is screened for, graded by PHQ-9 and treated

    Scenario Outline: PHQ-9 severity bands
      Given a patient with:
        | what                                 | value   |
        | PHQ-9 total                          | <total> |
        | PHQ-9 item 9 (thoughts of self-harm) | 0       |
      When the options are evaluated
      Then "depression-care" is offered because "PHQ-9 <total>: <band>"
      And "depression-care" is offered because "CBT, also by telephone"

      Examples:
        | total | band                                   |
        | 10    | moderate depressive symptoms           |
        | 14    | moderate depressive symptoms           |
        | 15    | moderately severe depressive symptoms  |
        | 19    | moderately severe depressive symptoms  |
        | 20    | severe depressive symptoms             |
        | 27    | severe depressive symptoms             |

    Scenario: Severe depression means urgent referral, not routine care
      Given a patient with:
        | what                                 | value |
        | PHQ-9 total                          | 22    |
        | PHQ-9 item 9 (thoughts of self-harm) | 0     |
      When the options are evaluated
      Then "depression-care" is offered because "urgent referral to mental-health services"
      And "depression-care" carries the caution "depression-risk" mentioning "PHQ-9 22: severe range"
      And "depression-care" is listed first

    Scenario Outline: Mild symptoms: self-help and review
      Given a patient with:
        | what                                 | value   |
        | PHQ-9 total                          | <total> |
        | PHQ-9 item 9 (thoughts of self-harm) | 0       |
      When the options are evaluated
      Then "depression-care" is offered because "PHQ-9 <total>: mild depressive symptoms (PHQ-9 5-9): guided self-help"
      And "depression-care" does not carry the caution "depression-risk"

      Examples:
        | total |
        | 5     |
        | 9     |

    Scenario: Minimal symptoms
      Given a patient with:
        | what                                 | value |
        | PHQ-9 total                          | 4     |
        | PHQ-9 item 9 (thoughts of self-harm) | 0     |
      When the options are evaluated
      Then "depression-care" is not listed

    Scenario: No PHQ-9 recorded: screening is offered, and the score is asked for
      Given a patient with:
        | what       | value |
        | Type of MS | RRMS  |
      When the options are evaluated
      Then "depression-care" is offered because "PHQ-9 not recorded"
      And "depression-care" is offered because "screening with the PHQ-9"
      And the data needed include "phq9"
      And the data needed include "phq9_item9"

    Scenario: Depression while on interferon beta
      Given a patient with:
        | what                                 | value           |
        | Type of MS                           | RRMS            |
        | Current disease-modifying therapy    | interferon-beta |
        | Months on the current therapy        | 30              |
        | PHQ-9 total                          | 12              |
        | PHQ-9 item 9 (thoughts of self-harm) | 0               |
      When the options are evaluated
      Then "depression-care" carries the caution "depression-risk" mentioning "which can cause or worsen depression"

  Rule: Anxiety is graded by GAD-7

    Scenario Outline: GAD-7 bands
      Given a patient with:
        | what        | value   |
        | GAD-7 total | <score> |
      When the options are evaluated
      Then "anxiety-care" is offered because "GAD-7 <score>: <band>"

      Examples:
        | score | band             |
        | 5     | mild anxiety     |
        | 9     | mild anxiety     |
        | 10    | moderate anxiety |
        | 15    | severe anxiety   |

    Scenario: Minimal anxiety
      Given a patient with:
        | what        | value |
        | GAD-7 total | 3     |
      When the options are evaluated
      Then "anxiety-care" is not listed

    Scenario: GAD-7 not recorded
      Given a patient with:
        | what        | value |
        | PHQ-9 total | 6     |
      When the options are evaluated
      Then "anxiety-care" is not listed
      And the data needed include "gad7"

  Rule: Fatigue management from MFIS 38, after checking other causes

    Scenario: Clinically relevant fatigue with low mood
      Given a patient with:
        | what                                 | value |
        | Modified Fatigue Impact Scale total  | 45    |
        | PHQ-9 total                          | 13    |
        | PHQ-9 item 9 (thoughts of self-harm) | 0     |
      And the patient has autoimmune_thyroid_disease recorded
      When the options are evaluated
      Then "fatigue-management" is offered because "MFIS 45: clinically relevant fatigue"
      And "fatigue-management" is offered because "FACETS"
      And "fatigue-management" is offered because "PHQ-9 13: depression may be contributing"
      And "fatigue-management" is offered because "check thyroid function"

    Scenario: Below the cut-off and not raised by the person
      Given a patient with:
        | what                                | value |
        | Modified Fatigue Impact Scale total | 30    |
      When the options are evaluated
      Then "fatigue-management" is not listed

    Scenario: Below the cut-off but the person asks about fatigue
      Given a patient with:
        | what                                | value              |
        | Modified Fatigue Impact Scale total | 30                 |
        | Options the person asks about       | fatigue-management |
      When the options are evaluated
      Then "fatigue-management" is offered because "MFIS 30: below 38"

    Scenario: MFIS not recorded
      Given a patient with:
        | what        | value |
        | PHQ-9 total | 3     |
      When the options are evaluated
      Then the data needed include "mfis"

  Rule: Cognitive assessment and rehabilitation from the SDMT

    Scenario Outline: SDMT Z-score
      Given a patient with:
        | what         | value |
        | SDMT Z-score | <z>   |
      When the options are evaluated
      Then "cognitive-rehabilitation" is offered because "SDMT Z <z>: <meaning>"

      Examples:
        | z    | meaning                       |
        | -2.3 | slowed processing speed       |
        | -1.5 | slowed processing speed       |
        | -1.2 | borderline processing speed   |
        | -1.0 | borderline processing speed   |

    Scenario: Normal SDMT without complaints
      Given a patient with:
        | what         | value |
        | SDMT Z-score | -0.4  |
      When the options are evaluated
      Then "cognitive-rehabilitation" is not listed

    Scenario: SDMT not recorded
      Given a patient with:
        | what        | value |
        | PHQ-9 total | 3     |
      When the options are evaluated
      Then the data needed include "sdmt_z"

  Rule: A positive item 9 is never hidden by a low total or a missing total

    Scenario: Item 9 positive with a PHQ-9 total of 4, asking about interferon beta
      Given a patient with:
        | what                                 | value              |
        | Type of MS                           | RRMS               |
        | Age                                  | 41                 |
        | Current disease-modifying therapy    | glatiramer-acetate |
        | Months on the current therapy        | 40                 |
        | Relapses in the last 12 months       | 0                  |
        | PHQ-9 total                          | 4                  |
        | PHQ-9 item 9 (thoughts of self-harm) | 1                  |
        | Options the person asks about        | interferon-beta    |
      When the options are evaluated
      Then "urgent-self-harm-review" is listed first
      And "urgent-self-harm-review" is offered because "PHQ-9 item 9 = 1"
      And "interferon-beta" is not offered because "PHQ-9 item 9 = 1"
      And "depression-care" is not listed

    Scenario: Item 9 recorded without the total
      Given a patient with:
        | what                                 | value |
        | Type of MS                           | RRMS  |
        | PHQ-9 item 9 (thoughts of self-harm) | 2     |
      When the options are evaluated
      Then "urgent-self-harm-review" is listed first
      And "depression-care" is offered because "PHQ-9 item 9 = 2 already recorded"
      And the data needed include "phq9"

