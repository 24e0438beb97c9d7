Feature: Evidence as of December 2026 - BTK inhibitors, anti-CD20 in breastfeeding, biosimilar natalizumab and clinic-given injections
  What the neurologist and the MS pharmacist read in December 2026: tolebrutinib's EU approval has been
  reported but no EMA or European Commission document confirms it, so it stays a trial option;
  fenebrutinib is investigational and only ever a clinical trial; the EU label allows breastfeeding on
  ofatumumab; natalizumab has a biosimilar (Tyruko); and the subcutaneous forms of natalizumab and
  ocrelizumab are given in clinic by staff, so they are not self-injections.

  Rule: Tolebrutinib in non-relapsing SPMS is a trial option while its EU licence is only reported

    Background:
      Given a patient with:
        | what                                      | value |
        | Age                                       | 54    |
        | Type of MS                                | SPMS  |
        | EDSS score                                | 5.5   |
        | Relapses in the last 12 months            | 0     |
        | Relapses in the last 24 months            | 0     |
        | progression_independent_of_relapse        | yes   |

    Scenario: Open to trials - tolebrutinib can be discussed as a trial, with the liver warning
      Given the patient's Open to clinical trials is yes
      When the options are evaluated
      Then "tolebrutinib" is offered because "was reported in June 2026 but no EMA or European Commission document confirms it yet"
      And "tolebrutinib" carries the caution "trial-only" mentioning "not FDA-approved (complete response letter, December 2025)"
      And "tolebrutinib" carries the caution "liver-monitoring" mentioning "one liver transplant and a death"

    Scenario: Not open to trials - shown as not offered, naming the reported EU approval
      Given the patient's Open to clinical trials is no
      When the options are evaluated
      Then "tolebrutinib" is not offered because "ask the MS team whether it is available to you"

  Rule: Fenebrutinib is investigational and offered only as a clinical trial

    Scenario Outline: Open to trials, in a trial population
      Given a patient with:
        | what                           | value      |
        | Age                            | 46         |
        | Type of MS                     | <type>     |
        | Relapses in the last 12 months | <relapses> |
        | Relapses in the last 24 months | <relapses> |
        | Open to clinical trials        | yes        |
      When the options are evaluated
      Then "fenebrutinib" is offered because "<trial>"
      And "fenebrutinib" is offered because "no licence found in the EU, UK or US as of December 2026"
      And "fenebrutinib" carries the caution "trial-only" mentioning "more deaths on fenebrutinib than on teriflunomide"
      And "fenebrutinib" carries the caution "liver-monitoring" mentioning "partial clinical hold"

      Examples:
        | type | relapses | trial                                        |
        | RRMS | 1        | FENhance 1 and 2                             |
        | PPMS | 0        | non-inferior to ocrelizumab                  |

    Scenario: Asked about it but not open to trials
      Given a patient with:
        | what                           | value        |
        | Age                            | 46           |
        | Type of MS                     | RRMS         |
        | Relapses in the last 12 months | 1            |
        | Open to clinical trials        | no           |
        | Options the person asks about  | fenebrutinib |
      When the options are evaluated
      Then "fenebrutinib" is not offered because "available only in clinical trials"

    Scenario: Liver disease rules it out even in a trial
      Given a patient with:
        | what                           | value |
        | Age                            | 46    |
        | Type of MS                     | PPMS  |
        | Open to clinical trials        | yes   |
      And the patient has hepatic_impairment recorded
      When the options are evaluated
      Then "fenebrutinib" is not offered because "Hepatic impairment recorded"

  Rule: Breastfeeding on anti-CD20 therapy follows the EU labels

    Background:
      Given a patient with:
        | what                                            | value         |
        | Age                                             | 32            |
        | Sex                                             | female        |
        | Pregnancy                                       | breastfeeding |
        | Type of MS                                      | RRMS          |
        | Relapses in the last 12 months                  | 1             |
        | Gadolinium-enhancing lesions on the latest scan | 1             |
        | Current disease-modifying therapy               | none          |
        | Hepatitis B surface antigen                     | negative      |
        | Hepatitis B core antibody (anti-HBc)            | negative      |

    Scenario: Ofatumumab while breastfeeding is allowed by the EU label
      Given the patient's Acceptable routes is injection
      When the options are evaluated
      Then "ofatumumab" is offered
      And "ofatumumab" carries the caution "pregnancy" mentioning "the EU label allows ofatumumab"
      And "ofatumumab" carries the caution "pregnancy" mentioning "12 breastfed infants"

    Scenario: Ocrelizumab while breastfeeding - from a few days after birth
      Given the patient's Acceptable routes is infusion
      When the options are evaluated
      Then "ocrelizumab" is offered
      And "ocrelizumab" carries the caution "pregnancy" mentioning "from a few days after birth"

  Rule: Natalizumab names its biosimilar and where it is given

    Scenario: Highly active RRMS - the biosimilar Tyruko is licensed for the same use
      Given a patient with:
        | what                                            | value    |
        | Age                                             | 30       |
        | Type of MS                                      | RRMS     |
        | Relapses in the last 12 months                  | 2        |
        | Gadolinium-enhancing lesions on the latest scan | 1        |
        | Current disease-modifying therapy               | none     |
        | Anti-JCV antibody                               | negative |
        | Acceptable routes                               | infusion |
      When the options are evaluated
      Then "natalizumab" is offered because "the biosimilar Tyruko (natalizumab-sztn, EU and US 2023)"
      And "natalizumab" is offered because "not a self-injection"

  Rule: Subcutaneous natalizumab and ocrelizumab are given by staff, never self-injected

    Scenario: A person who accepts only injections at home is not offered them as injections
      Given a patient with:
        | what                                            | value     |
        | Age                                             | 30        |
        | Type of MS                                      | RRMS      |
        | Relapses in the last 12 months                  | 2         |
        | Gadolinium-enhancing lesions on the latest scan | 1         |
        | Current disease-modifying therapy               | none      |
        | Hepatitis B surface antigen                     | negative  |
        | Hepatitis B core antibody (anti-HBc)            | negative  |
        | Acceptable routes                               | injection |
      When the options are evaluated
      Then "ocrelizumab" is not offered because "never a self-injection"
      And "natalizumab" is not offered because "not self-injected at home"
      And "ofatumumab" is offered
