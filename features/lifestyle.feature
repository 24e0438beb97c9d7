Feature: Lifestyle in MS care
  Exercise, stopping smoking, weight and diet are options to discuss with every person with MS.
  They never replace a disease-modifying therapy, and diets are never suggested to someone with an
  eating disorder.

  Rule: Exercise is discussed below 150 minutes a week, or when activity is not recorded

    Scenario Outline: Weekly exercise below the recommendation
      Given a patient with:
        | what              | value     |
        | Type of MS        | RRMS      |
        | Moderate exercise | <minutes> |
      When the options are evaluated
      Then "exercise-programme" is offered because "<minutes> min/week"

      Examples:
        | minutes |
        | 0       |
        | 30      |
        | 149     |

    Scenario: Activity not recorded is not taken as enough
      Given a patient with:
        | what       | value |
        | Type of MS | RRMS  |
        | Age        | 40    |
      When the options are evaluated
      Then "exercise-programme" is offered because "Weekly exercise not recorded"

    Scenario: Already active enough
      Given a patient with:
        | what              | value |
        | Type of MS        | RRMS  |
        | Moderate exercise | 180   |
      When the options are evaluated
      Then "exercise-programme" is not listed

    Scenario: Higher disability, fatigue and low mood shape the programme
      Given a patient with:
        | what                                | value |
        | Type of MS                          | SPMS  |
        | EDSS score                          | 6.5   |
        | Moderate exercise                   | 0     |
        | Modified Fatigue Impact Scale total | 44    |
        | PHQ-9 total                         | 12    |
        | PHQ-9 item 9 (thoughts of self-harm) | 0    |
      When the options are evaluated
      Then "exercise-programme" is offered because "EDSS 6.5: an adapted programme with a physiotherapist or an assistant"
      And "exercise-programme" is offered because "MFIS 44"
      And "exercise-programme" is offered because "PHQ-9 12"

    Scenario: Ischaemic heart disease needs medical clearance first
      Given a patient with:
        | what              | value |
        | Moderate exercise | 20    |
      And the patient has ischaemic_heart_disease recorded
      When the options are evaluated
      Then "exercise-programme" is offered
      And "exercise-programme" carries the caution "medical-clearance" mentioning "medical clearance"

  Rule: Stop-smoking support is a high priority for current smokers

    Scenario: A current smoker
      Given a patient with:
        | what       | value   |
        | Type of MS | RRMS    |
        | Smoking    | current |
      When the options are evaluated
      Then "smoking-cessation" is offered because "4.7% faster conversion to secondary progressive MS"
      And "smoking-cessation" does not carry the caution "drug-contraindication"

    Scenario Outline: Former and never smokers are not offered it
      Given a patient with:
        | what    | value    |
        | Smoking | <status> |
      When the options are evaluated
      Then "smoking-cessation" is not listed

      Examples:
        | status |
        | former |
        | never  |

    Scenario: A former smoker who asks about stop-smoking support is told why
      Given a patient with:
        | what                          | value             |
        | Smoking                       | former            |
        | Options the person asks about | smoking-cessation |
      When the options are evaluated
      Then "smoking-cessation" is not offered because "Smoking status former"

    Scenario Outline: Bupropion is contraindicated with epilepsy or an eating disorder
      Given a patient with:
        | what    | value   |
        | Smoking | current |
      And the patient has <condition> recorded
      When the options are evaluated
      Then "smoking-cessation" is offered
      And "smoking-cessation" carries the caution "drug-contraindication" mentioning "bupropion is contraindicated"

      Examples:
        | condition       |
        | epilepsy        |
        | eating_disorder |

    Scenario: Smoking status not recorded
      Given a patient with:
        | what       | value |
        | Type of MS | RRMS  |
      When the options are evaluated
      Then "smoking-cessation" is not listed
      And the data needed include "smoking"

  Rule: Weight management for obesity, or overweight with vascular comorbidity

    Scenario Outline: Who is offered weight management
      Given a patient with:
        | what            | value |
        | Body mass index | <bmi> |
      And the patient has <conditions> recorded
      When the options are evaluated
      Then "weight-management" is offered because "<reason>"
      And "weight-management" carries the caution "diet-contraindication"

      Examples:
        | bmi  | conditions              | reason                                    |
        | 32.4 | epilepsy                | BMI 32.4: obesity                          |
        | 27   | diabetes                | BMI 27 (25 or more) with diabetes         |
        | 26   | ischaemic_heart_disease | with ischaemic heart disease recorded     |

    Scenario: Overweight without vascular comorbidity
      Given a patient with:
        | what            | value |
        | Body mass index | 27    |
      When the options are evaluated
      Then "weight-management" is not listed

    Scenario: Never with an eating disorder
      Given a patient with:
        | what            | value |
        | Body mass index | 33    |
      And the patient has eating_disorder recorded
      When the options are evaluated
      Then "weight-management" is not offered because "Eating disorder recorded"

    Scenario: Underweight and asking about weight management
      Given a patient with:
        | what                          | value             |
        | Body mass index               | 17.5              |
        | Options the person asks about | weight-management |
      When the options are evaluated
      Then "weight-management" is not offered because "BMI 17.5: underweight"

    Scenario: Pregnancy makes it an obstetric decision
      Given a patient with:
        | what            | value    |
        | Sex             | female   |
        | Age             | 32       |
        | Pregnancy       | pregnant |
        | Body mass index | 34       |
      When the options are evaluated
      Then "weight-management" is offered
      And "weight-management" carries the caution "pregnancy" mentioning "Specialist decision"

    Scenario: BMI not recorded
      Given a patient with:
        | what       | value |
        | Type of MS | RRMS  |
      When the options are evaluated
      Then the data needed include "bmi"

  Rule: A healthy Mediterranean-style diet is discussed with every adult

    Scenario Outline: Reasons that make diet advice a higher priority
      Given a patient with:
        | what    | value   |
        | Age     | 44      |
        | <what>  | <value> |
      When the options are evaluated
      Then "healthy-diet" is offered because "<reason>"

      Examples:
        | what            | value    | reason                             |
        | Usual diet      | omnivore | Usual diet omnivore                |
        | Body mass index | 28       | BMI 28 (25 or more)                |
        | Alcohol         | 22       | above the UK low-risk limit of 14  |
        | Smoking         | never    | Usual diet not recorded            |

    Scenario: Already eating well is low priority
      Given a patient with:
        | what            | value         |
        | Age             | 50            |
        | Usual diet      | mediterranean |
        | Body mass index | 23            |
        | Alcohol         | 4             |
      When the options are evaluated
      Then "healthy-diet" is offered because "low priority"

    Scenario: An eating disorder makes diet advice a specialist matter
      Given a patient with:
        | what | value |
        | Age  | 30    |
      And the patient has eating_disorder recorded
      When the options are evaluated
      Then "healthy-diet" carries the caution "diet-contraindication" mentioning "eating-disorder team"

  Rule: A ketogenic diet is discussed only when asked about or already followed, in relapsing MS

    Scenario Outline: Asked about it, or already on it, with relapsing MS
      Given a patient with:
        | what       | value       |
        | Type of MS | <phenotype> |
        | Age        | 35          |
        | Sex        | male        |
        | Body mass index | 24     |
        | Usual diet | <diet>      |
        | Options the person asks about | <asked> |
        | Current disease-modifying therapy | ocrelizumab |
      When the options are evaluated
      Then "ketogenic-diet" is offered because "never instead of - a disease-modifying therapy"
      And "ketogenic-diet" carries the caution "diet-contraindication" mentioning "LDL cholesterol"

      Examples:
        | phenotype | diet      | asked          |
        | RRMS      | omnivore  | ketogenic-diet |
        | CIS       | ketogenic | vitamin-d      |

    Scenario: Not raised when nobody asked about it
      Given a patient with:
        | what            | value    |
        | Type of MS      | RRMS     |
        | Age             | 35       |
        | Body mass index | 24       |
        | Usual diet      | omnivore |
      When the options are evaluated
      Then "ketogenic-diet" is not listed
      And the data needed do not include "interested_in"

    Scenario Outline: Asked about it but not suitable
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | <phenotype>    |
        | Age                           | <age>          |
        | Sex                           | female         |
        | Pregnancy                     | <pregnancy>    |
        | Body mass index               | <bmi>          |
        | Options the person asks about | ketogenic-diet |
      When the options are evaluated
      Then "ketogenic-diet" is not offered because "<reason>"

      Examples:
        | phenotype | age | pregnancy     | bmi  | reason                            |
        | PPMS      | 50  | none          | 24   | Type of MS PPMS                   |
        | RRMS      | 16  | none          | 21   | Age 16: under 18                  |
        | RRMS      | 30  | breastfeeding | 24   | Pregnancy status breastfeeding    |
        | RRMS      | 30  | none          | 17.5 | BMI 17.5: underweight             |

    Scenario Outline: Absolute contraindications among comorbidities
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | RRMS           |
        | Age                           | 30             |
        | Sex                           | male           |
        | Body mass index               | 24             |
        | Options the person asks about | ketogenic-diet |
      And the patient has <condition> recorded
      When the options are evaluated
      Then "ketogenic-diet" is not offered because "<reason>"

      Examples:
        | condition       | reason                   |
        | eating_disorder | Eating disorder recorded |
        | kidney_stones   | Kidney stones recorded   |

    Scenario: Already on the diet with an eating disorder is flagged even without asking
      Given a patient with:
        | what            | value     |
        | Type of MS      | RRMS      |
        | Age             | 30        |
        | Body mass index | 21        |
        | Usual diet      | ketogenic |
      And the patient has eating_disorder recorded
      When the options are evaluated
      Then "ketogenic-diet" is not offered because "Eating disorder recorded"

    Scenario Outline: Specialist decisions before a ketogenic diet
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | RRMS           |
        | Age                           | 30             |
        | Sex                           | female         |
        | Pregnancy                     | <pregnancy>    |
        | Body mass index               | 26             |
        | Options the person asks about | ketogenic-diet |
      And the patient has <condition> recorded
      When the options are evaluated
      Then "ketogenic-diet" is offered
      And "ketogenic-diet" carries the caution "diet-contraindication" mentioning "Specialist decision: <text>"

      Examples:
        | pregnancy | condition          | text                        |
        | none      | diabetes           | Diabetes recorded           |
        | none      | renal_impairment   | Renal impairment recorded   |
        | none      | hepatic_impairment | Hepatic impairment recorded |
        | planning  | epilepsy           | Pregnancy status planning   |

    Scenario: Pregnancy status not recorded for a woman asking about it
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | RRMS           |
        | Age                           | 30             |
        | Sex                           | female         |
        | Body mass index               | 23             |
        | Options the person asks about | ketogenic-diet |
      When the options are evaluated
      Then "ketogenic-diet" is offered
      And "ketogenic-diet" carries the caution "diet-contraindication" mentioning "Cannot be judged yet"
      And the data needed include "pregnancy"

    Scenario: Asked about it but BMI not recorded
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | RRMS           |
        | Age                           | 40             |
        | Sex                           | male           |
        | Options the person asks about | ketogenic-diet |
      When the options are evaluated
      Then "ketogenic-diet" is not offered because "cannot be judged yet"
      And the data needed include "bmi"

  Rule: Vignettes from the clinical review

    Scenario: Overweight with diabetes, asking about a ketogenic diet
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | RRMS           |
        | Age                           | 48             |
        | Sex                           | male           |
        | Pregnancy                     | none           |
        | Body mass index               | 27             |
        | Options the person asks about | ketogenic-diet |
      And the patient has diabetes recorded
      When the options are evaluated
      Then "weight-management" is offered because "BMI 27 (25 or more) with diabetes recorded"
      And "ketogenic-diet" is offered
      And "ketogenic-diet" carries the caution "diet-contraindication" mentioning "diabetes team decides"

    Scenario: Underweight with an eating disorder, asking about diets
      Given a patient with:
        | what                          | value                             |
        | Type of MS                    | RRMS                              |
        | Age                           | 24                                |
        | Sex                           | female                            |
        | Body mass index               | 17                                |
        | Options the person asks about | ketogenic-diet, weight-management |
      And the patient has eating_disorder recorded
      When the options are evaluated
      Then "weight-management" is not offered because "BMI 17"
      And "ketogenic-diet" is not offered because "Eating disorder recorded"
      And "healthy-diet" carries the caution "diet-contraindication" mentioning "eating-disorder team"


    Scenario: A recorded pregnancy rules out a ketogenic diet even when sex is not recorded
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | RRMS           |
        | Age                           | 31             |
        | Pregnancy                     | pregnant       |
        | Body mass index               | 31             |
        | Options the person asks about | ketogenic-diet |
      When the options are evaluated
      Then "ketogenic-diet" is not offered because "Pregnancy status pregnant"
      And "weight-management" carries the caution "pregnancy" mentioning "Specialist decision"

    Scenario: A woman over 55 with no pregnancy status recorded is not asked about pregnancy for a diet
      Given a patient with:
        | what                          | value          |
        | Type of MS                    | RRMS           |
        | Age                           | 62             |
        | Sex                           | female         |
        | Body mass index               | 24             |
        | Options the person asks about | ketogenic-diet |
      When the options are evaluated
      Then "ketogenic-diet" is offered
      And "ketogenic-diet" carries the caution "diet-contraindication" mentioning "LDL cholesterol"

    Scenario: A current smoker's stop-smoking support is a first choice, beside continuing the treatment
      Given a patient with:
        | what                              | value           |
        | Type of MS                        | RRMS            |
        | Age                               | 44              |
        | Current disease-modifying therapy | interferon-beta |
        | Months on the current therapy     | 30              |
        | Relapses in the last 12 months    | 0               |
        | Smoking                           | current         |
        | PHQ-9 total                       | 3               |
        | PHQ-9 item 9 (thoughts of self-harm) | 0            |
      When the options are evaluated
      Then "smoking-cessation" is recommended for this profile
      And "smoking-cessation" is offered because "Smoking status current (high priority)"
      And "smoking-cessation" ranks above "exercise-programme"
