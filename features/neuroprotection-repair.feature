Feature: Neuroprotection and myelin repair
  No repair or neuroprotective drug is licensed for MS. Remyelination agents are discussed only as
  clinical trials, for people who want one. Repurposed agents whose pivotal trials were negative
  (high-dose simvastatin, high-dose biotin, alpha-lipoic acid) are never offered: a person with
  progressive MS, the population those trials studied, is told why, and so is anyone who asks.

  Rule: Remyelination trials are discussed only with people who are open to trials

    Scenario Outline: Established MS and open to trials
      Given a patient with:
        | what                   | value       |
        | Type of MS             | <phenotype> |
        | Age                    | 45          |
        | Open to clinical trials | yes        |
      When the options are evaluated
      Then "remyelination-trial" is offered because "Open to clinical trials, <phenotype>"
      And "remyelination-trial" carries the caution "trial-only"
      And "remyelination-trial" carries the caution "negative-trial" mentioning "TRAP-MS arm in progressive MS stopped for faster worsening"

      Examples:
        | phenotype |
        | RRMS      |
        | SPMS      |
        | PPMS      |

    Scenario: Asked about a repair trial but not open to trials
      Given a patient with:
        | what                          | value               |
        | Type of MS                    | SPMS                |
        | Open to clinical trials       | no                  |
        | Options the person asks about | remyelination-trial |
      When the options are evaluated
      Then "remyelination-trial" is not offered because "available only within trials"

    Scenario: Whether the person wants a trial is not recorded
      Given a patient with:
        | what       | value |
        | Type of MS | PPMS  |
      When the options are evaluated
      Then "remyelination-trial" is not listed
      And the data needed include "open_to_trials"

    Scenario: Clinically isolated syndrome is not a repair-trial population here
      Given a patient with:
        | what                    | value |
        | Type of MS              | CIS   |
        | Open to clinical trials | yes   |
      When the options are evaluated
      Then "remyelination-trial" is not listed

  Rule: Negative-trial agents are explained to the trial population, never offered

    Scenario Outline: Progressive MS is told about the negative trials without asking
      Given a patient with:
        | what       | value       |
        | Type of MS | <phenotype> |
        | Age        | 55          |
      When the options are evaluated
      Then "simvastatin" is not offered because "MS-STAT2 (phase 3, 964 people with SPMS) found no slowing of disability progression (HR 1.13)"
      And "high-dose-biotin" is not offered because "SPI2 (phase 3, 642 people with progressive MS)"
      And "high-dose-biotin" is not offered because "interferes with laboratory immunoassays"
      And "alpha-lipoic-acid" is not offered because "2-year phase 2 trial in progressive MS (115 people"

      Examples:
        | phenotype |
        | SPMS      |
        | PPMS      |

    Scenario: Statins for the heart are not affected
      Given a patient with:
        | what       | value |
        | Type of MS | SPMS  |
      When the options are evaluated
      Then "simvastatin" is not offered because "A statin prescribed for cholesterol or heart health is unaffected"

    Scenario: Relapsing MS is not the trial population, so nothing is reported unasked
      Given a patient with:
        | what                           | value |
        | Type of MS                     | RRMS  |
        | Relapses in the last 12 months | 0     |
      When the options are evaluated
      Then "simvastatin" is not listed
      And "high-dose-biotin" is not listed
      And "alpha-lipoic-acid" is not listed

    Scenario Outline: Anyone who asks is told why it is not offered
      Given a patient with:
        | what                          | value    |
        | Type of MS                    | RRMS     |
        | Options the person asks about | <option> |
      When the options are evaluated
      Then "<option>" is not offered because "<reason>"

      Examples:
        | option            | reason                                                |
        | simvastatin       | never offered as an MS treatment                      |
        | high-dose-biotin  | interferes with laboratory immunoassays               |
        | alpha-lipoic-acid | showed no slowing of walking decline                  |

    Scenario: Asking about biotin in progressive MS gives both the trial result and the answer
      Given a patient with:
        | what                          | value            |
        | Type of MS                    | PPMS             |
        | Open to clinical trials       | yes              |
        | Options the person asks about | high-dose-biotin |
      When the options are evaluated
      Then "high-dose-biotin" is not offered because "PPMS: high-dose biotin (MD1003) is not an option"
      And "high-dose-biotin" is not offered because "Asked about high-dose biotin (MD1003)"
