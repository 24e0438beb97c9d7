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
