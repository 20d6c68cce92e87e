/**
 * Words for the statistics download (labels beside the codes), in each language of the installation. They are the
 * statistics page's own words (web locales, keys statistics.figures, statistics.rates, caseStages...): a server test
 * checks that the two agree, so a download reads as the page does. Countries are named by Intl.DisplayNames; age
 * bands are written with ageRange / ageOver.
 */
export const statisticsLabelLanguages = ['en', 'fr', 'ar'] as const;
export type StatisticsLabelLanguage = (typeof statisticsLabelLanguages)[number];

export interface StatisticsLabels {
  /** A table's title, by the table id of the report and the download. */
  readonly tables: Readonly<Record<string, string>>;
  /** The label of a value, by dimension, then code. */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly unknown: string;
  readonly total: string;
  /** "{{from}} to {{to}}" */
  readonly ageRange: string;
  /** "{{from}} and over" */
  readonly ageOver: string;
}

export const statisticsLabels: Readonly<Record<StatisticsLabelLanguage, StatisticsLabels>> = {
  en: {
    tables: {
      year_stage: "Persons by year and NRM stage",
      year_status: "Persons by year and identification decision",
      sex: "Persons by sex or gender",
      age_band: "Persons by age band",
      form: "Persons by form of exploitation",
      citizenship: "Persons by citizenship",
      country_of_exploitation: "Persons by country of exploitation",
      referring_organisation_type: "Persons by type of referring organisation",
      reasonable_grounds: "Reasonable-grounds decisions by year",
      reflection: "Recovery and reflection periods by year",
      persons_referred: "Persons referred to services by year",
      referrals: "Referrals to services by year",
      follow_up: "Follow-up outcomes by year",
      mean_days_to_reasonable_grounds: "Mean days from referral to the reasonable-grounds decision",
      share_overdue: "Share of reasonable-grounds decisions taken late (deadline {{days}} days)",
      mean_reflection_days: "Mean days in the recovery and reflection period",
      share_referrals_accepted: "Share of referrals accepted",
      share_referrals_completed: "Share of referrals completed",
      glotip_reference: "Reference: UNODC GLOTIP beside the country's own",
      disclosure_control: "How the counts are protected"
    },
    values: {
      stage: {
        reported: "Reported",
        screened: "Screened",
        reasonable_grounds_pending: "Awaiting reasonable-grounds decision",
        reasonable_grounds_positive: "Reasonable grounds: positive",
        reasonable_grounds_negative: "Reasonable grounds: negative",
        conclusive_positive: "Conclusive grounds: positive",
        conclusive_negative: "Conclusive grounds: negative"
      },
      traffickingStatus: {
        PossibleVictimOfTrafficking: "Possible victim of trafficking",
        ActualVictimOfTrafficking: "Victim of trafficking",
        NotAVictimOfTrafficking: "Not a victim of trafficking"
      },
      sex: {
        Woman: "Woman",
        Man: "Man",
        "Trans/Transgender/NonConforming": "Trans, transgender or non-conforming"
      },
      form: {
        isSexualExploit: "Sexual exploitation",
        isForcedLabour: "Forced labour",
        isOtherExploit: "Other forms of exploitation"
      },
      referringOrganisationType: {
        NGO: "Non-governmental organisation",
        LawEnforcement: "Law enforcement",
        HealthServiceOrganisation: "Health service",
        CentralGovernmentOrganisation: "Central government",
        LocalGovernmentOrganisation: "Local government",
        ImmigrationService: "Immigration service",
        LegalService: "Legal service",
        CorporateBusiness: "Business",
        SchoolOrCollege: "School or college"
      },
      measure: {
        decided: "Decided",
        overdue: "Decided late",
        persons: "Persons",
        sent: "Sent",
        accepted: "Accepted",
        completed: "Completed",
        person_unreachable: "Person could not be reached",
        person_declined: "Person declined"
      }
    },
    unknown: "Not recorded",
    total: "Total",
    ageRange: "{{from}} to {{to}}",
    ageOver: "{{from}} and over"
  },
  fr: {
    tables: {
      year_stage: "Personnes par année et étape du MNO",
      year_status: "Personnes par année et décision d'identification",
      sex: "Personnes par sexe ou genre",
      age_band: "Personnes par tranche d'âge",
      form: "Personnes par forme d'exploitation",
      citizenship: "Personnes par nationalité",
      country_of_exploitation: "Personnes par pays d'exploitation",
      referring_organisation_type: "Personnes par type d'organisation d'orientation",
      reasonable_grounds: "Décisions sur les motifs raisonnables par année",
      reflection: "Délais de rétablissement et de réflexion par année",
      persons_referred: "Personnes orientées vers des services par année",
      referrals: "Orientations vers des services par année",
      follow_up: "Résultats des suivis par année",
      mean_days_to_reasonable_grounds: "Nombre moyen de jours entre l'orientation et la décision sur les motifs raisonnables",
      share_overdue: "Part des décisions sur les motifs raisonnables prises en retard (délai de {{days}} jours)",
      mean_reflection_days: "Nombre moyen de jours de délai de rétablissement et de réflexion",
      share_referrals_accepted: "Part des orientations acceptées",
      share_referrals_completed: "Part des orientations réalisées",
      glotip_reference: "Référence : GLOTIP de l'ONUDC à côté des chiffres du pays",
      disclosure_control: "Comment les chiffres sont protégés"
    },
    values: {
      stage: {
        reported: "Signalé",
        screened: "Évalué",
        reasonable_grounds_pending: "En attente de la décision sur les motifs raisonnables",
        reasonable_grounds_positive: "Motifs raisonnables : décision positive",
        reasonable_grounds_negative: "Motifs raisonnables : décision négative",
        conclusive_positive: "Décision définitive : positive",
        conclusive_negative: "Décision définitive : négative"
      },
      traffickingStatus: {
        PossibleVictimOfTrafficking: "Victime présumée de la traite",
        ActualVictimOfTrafficking: "Victime de la traite",
        NotAVictimOfTrafficking: "Pas victime de la traite"
      },
      sex: {
        Woman: "Femme",
        Man: "Homme",
        "Trans/Transgender/NonConforming": "Personne trans, transgenre ou non conforme"
      },
      form: {
        isSexualExploit: "Exploitation sexuelle",
        isForcedLabour: "Travail forcé",
        isOtherExploit: "Autres formes d'exploitation"
      },
      referringOrganisationType: {
        NGO: "Organisation non gouvernementale",
        LawEnforcement: "Forces de l'ordre",
        HealthServiceOrganisation: "Service de santé",
        CentralGovernmentOrganisation: "Administration centrale",
        LocalGovernmentOrganisation: "Collectivité locale",
        ImmigrationService: "Service de l'immigration",
        LegalService: "Service juridique",
        CorporateBusiness: "Entreprise",
        SchoolOrCollege: "Établissement d'enseignement"
      },
      measure: {
        decided: "Décidées",
        overdue: "Décidées en retard",
        persons: "Personnes",
        sent: "Envoyées",
        accepted: "Acceptées",
        completed: "Réalisées",
        person_unreachable: "Personne injoignable",
        person_declined: "Personne ayant refusé"
      }
    },
    unknown: "Non renseigné",
    total: "Total",
    ageRange: "{{from}} à {{to}} ans",
    ageOver: "{{from}} ans et plus"
  },
  ar: {
    tables: {
      year_stage: "الأشخاص حسب السنة ومرحلة آلية الإحالة الوطنية",
      year_status: "الأشخاص حسب السنة وقرار تحديد الهوية",
      sex: "الأشخاص حسب الجنس أو النوع الاجتماعي",
      age_band: "الأشخاص حسب الفئة العمرية",
      form: "الأشخاص حسب شكل الاستغلال",
      citizenship: "الأشخاص حسب الجنسية",
      country_of_exploitation: "الأشخاص حسب بلد الاستغلال",
      referring_organisation_type: "الأشخاص حسب نوع المنظمة المُحيلة",
      reasonable_grounds: "قرارات الأسباب المعقولة حسب السنة",
      reflection: "فترات التعافي والتفكير حسب السنة",
      persons_referred: "الأشخاص المُحالون إلى الخدمات حسب السنة",
      referrals: "الإحالات إلى الخدمات حسب السنة",
      follow_up: "نتائج المتابعة حسب السنة",
      mean_days_to_reasonable_grounds: "متوسط الأيام من الإحالة إلى قرار الأسباب المعقولة",
      share_overdue: "نسبة قرارات الأسباب المعقولة الصادرة متأخرة (المهلة {{days}} أيام)",
      mean_reflection_days: "متوسط أيام فترة التعافي والتفكير",
      share_referrals_accepted: "نسبة الإحالات المقبولة",
      share_referrals_completed: "نسبة الإحالات المُنجزة",
      glotip_reference: "مرجع: بيانات GLOTIP لمكتب الأمم المتحدة المعني بالمخدرات والجريمة إلى جانب أرقام البلد",
      disclosure_control: "كيف تُحمى الأرقام"
    },
    values: {
      stage: {
        reported: "مُبلَّغ عنه",
        screened: "تم فحصه",
        reasonable_grounds_pending: "في انتظار قرار الأسباب المعقولة",
        reasonable_grounds_positive: "الأسباب المعقولة: قرار إيجابي",
        reasonable_grounds_negative: "الأسباب المعقولة: قرار سلبي",
        conclusive_positive: "القرار النهائي: إيجابي",
        conclusive_negative: "القرار النهائي: سلبي"
      },
      traffickingStatus: {
        PossibleVictimOfTrafficking: "ضحية محتملة للاتجار",
        ActualVictimOfTrafficking: "ضحية للاتجار",
        NotAVictimOfTrafficking: "ليس ضحية للاتجار"
      },
      sex: {
        Woman: "امرأة",
        Man: "رجل",
        "Trans/Transgender/NonConforming": "شخص عابر أو متحول جنسيًا أو غير نمطي"
      },
      form: {
        isSexualExploit: "الاستغلال الجنسي",
        isForcedLabour: "العمل القسري",
        isOtherExploit: "أشكال أخرى من الاستغلال"
      },
      referringOrganisationType: {
        NGO: "منظمة غير حكومية",
        LawEnforcement: "جهات إنفاذ القانون",
        HealthServiceOrganisation: "خدمة صحية",
        CentralGovernmentOrganisation: "الحكومة المركزية",
        LocalGovernmentOrganisation: "الحكومة المحلية",
        ImmigrationService: "دائرة الهجرة",
        LegalService: "خدمة قانونية",
        CorporateBusiness: "شركة تجارية",
        SchoolOrCollege: "مدرسة أو كلية"
      },
      measure: {
        decided: "صدر فيها قرار",
        overdue: "صدر فيها قرار متأخر",
        persons: "الأشخاص",
        sent: "المُرسلة",
        accepted: "المقبولة",
        completed: "المُنجزة",
        person_unreachable: "تعذّر الوصول إلى الشخص",
        person_declined: "رفض الشخص"
      }
    },
    unknown: "غير مسجَّل",
    total: "المجموع",
    ageRange: "من {{from}} إلى {{to}}",
    ageOver: "{{from}} فما فوق"
  }
};
