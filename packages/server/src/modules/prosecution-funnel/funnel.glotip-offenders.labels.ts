import type { FunnelLanguage } from '@palermo/contracts';

/**
 * The words of the GLOTIP offender tables' download: a label in English, French and Arabic beside each GLOTIP code,
 * and the methodology the file states (which records count, how a person is counted once, which step is
 * "prosecuted" and "convicted", how the figures are protected).
 */
export interface OffenderLabels {
  readonly values: Readonly<Record<string, string>>;
  readonly methodology: readonly string[];
  /** The source column: the records and the legal provisions they count under. */
  readonly source: (provisions: string) => string;
  readonly noProvision: string;
}

export const offenderLabels: Readonly<Record<FunnelLanguage, OffenderLabels>> = {
  en: {
    values: {
      'Persons brought into formal contact': 'Persons brought into formal contact (suspected, arrested)',
      'Persons prosecuted': 'Persons prosecuted',
      'Persons convicted': 'Persons convicted',
      Total: 'Total',
      'by citizenship': 'By citizenship',
      Nationals: 'Nationals',
      'Foreign nationals': 'Foreign nationals',
      Unknown: 'Not recorded',
      Female: 'Female',
      Male: 'Male',
      '0 to 17 years': 'Children (0 to 17 years)',
      '18 years or over': 'Adults (18 years or over)',
      'Other countries': 'Other countries (too few persons to list)',
      'by form of exploitation': 'By form of exploitation',
      'Sexual exploitation': 'Sexual exploitation',
      'Forced labour': 'Forced labour',
      'Other forms of exploitation': 'Other forms of exploitation',
    },
    methodology: [
      'GLOTIP offender tables from the prosecution records of trafficking investigations.',
      'Brought into formal contact: every person recorded as a suspect, counted in the year the investigation was opened.',
      'Prosecuted: a person charged under a trafficking provision whose case was brought to court (a prosecution step), counted in the year of the first prosecution step.',
      'Convicted: a person found guilty at first instance of a trafficking offence, counted in the year of the first such verdict, even if later overturned on appeal; a conviction downgraded to smuggling or another offence is not counted. A verdict cannot be recorded without a prosecution step.',
      'Each person is counted once per table and year, whatever the number of charges, counts or verdicts. A person recorded in two operations is counted in each, as the records do not say they are the same person.',
      'Sex as recorded; age at the offence (under 18: 0 to 17 years); nationals when the reporting country is among the person\'s citizenships, foreign nationals otherwise, not recorded when none is.',
      'Every figure is perturbed by the cell-key method (a change of at most 2; zeros stay zero; the same persons always give the same figure). Each total is perturbed as its own cell, so parts need not add up to totals and no count can be recovered exactly by subtracting published figures. Counts below 5 are not masked: the perturbation replaces masking.',
      'By country of citizenship: a foreign national under the first citizenship recorded; a country is listed on its own only when its persons (all years) reach the small-cell threshold as published (perturbed), the others together as "Other countries".',
      'By form of exploitation: the forms recorded for the person\'s operation, as GLOTIP\'s three (forced or child labour and servitude as forced labour); a person whose operation records several is counted under other forms, one who has none recorded under none.',
      'Source and legal provisions: in the source column of each row.',
    ],
    source: (provisions) => `Prosecution records of this platform; legal provision: ${provisions}`,
    noProvision: 'none recorded',
  },
  fr: {
    values: {
      'Persons brought into formal contact': 'Personnes ayant eu un contact formel (soupçonnées, arrêtées)',
      'Persons prosecuted': 'Personnes poursuivies',
      'Persons convicted': 'Personnes condamnées',
      Total: 'Total',
      'by citizenship': 'Par nationalité',
      Nationals: 'Ressortissants nationaux',
      'Foreign nationals': 'Ressortissants étrangers',
      Unknown: 'Non renseigné',
      Female: 'Femmes',
      Male: 'Hommes',
      '0 to 17 years': 'Enfants (0 à 17 ans)',
      '18 years or over': 'Adultes (18 ans ou plus)',
      'Other countries': 'Autres pays (trop peu de personnes pour les citer)',
      'by form of exploitation': 'Par forme d’exploitation',
      'Sexual exploitation': 'Exploitation sexuelle',
      'Forced labour': 'Travail forcé',
      'Other forms of exploitation': 'Autres formes d’exploitation',
    },
    methodology: [
      'Tableaux GLOTIP sur les auteurs, établis à partir des dossiers de poursuites des enquêtes de traite.',
      'Contact formel : toute personne enregistrée comme suspecte, comptée l’année d’ouverture de l’enquête.',
      'Poursuivie : personne inculpée au titre d’une disposition sur la traite dont l’affaire a été portée devant un tribunal (étape de poursuite), comptée l’année de la première étape de poursuite.',
      'Condamnée : personne déclarée coupable en première instance d’une infraction de traite, comptée l’année du premier jugement de ce type, même s’il est annulé en appel ; une condamnation requalifiée en trafic de migrants ou en une autre infraction n’est pas comptée. Un jugement ne peut être enregistré sans étape de poursuite.',
      'Chaque personne est comptée une fois par tableau et par année, quel que soit le nombre de chefs d’accusation ou de jugements. Une personne enregistrée dans deux opérations est comptée dans chacune, les dossiers ne disant pas qu’il s’agit de la même personne.',
      'Sexe tel qu’enregistré ; âge au moment de l’infraction (moins de 18 ans : 0 à 17 ans) ; ressortissants nationaux lorsque le pays déclarant figure parmi les nationalités de la personne, étrangers sinon, non renseigné en l’absence de nationalité.',
      'Chaque chiffre est perturbé par la méthode des clés de cellule (écart d’au plus 2 ; les zéros restent des zéros ; les mêmes personnes donnent toujours le même chiffre). Chaque total est perturbé comme sa propre cellule : les parties ne s’additionnent pas forcément au total et aucun effectif ne peut être retrouvé exactement en soustrayant des chiffres publiés. Les effectifs inférieurs à 5 ne sont pas masqués : la perturbation remplace le masquage.',
      'Par pays de nationalité : un ressortissant étranger sous la première nationalité enregistrée ; un pays n’est cité seul que si ses personnes (toutes années) atteignent le seuil des petits effectifs tel que publié (perturbé), les autres étant regroupés sous « Autres pays ».',
      'Par forme d’exploitation : les formes enregistrées pour l’opération de la personne, ramenées aux trois de GLOTIP (travail forcé ou des enfants et servitude comptés comme travail forcé) ; une personne dont l’opération en enregistre plusieurs est comptée sous autres formes, celle dont l’opération n’en enregistre aucune n’est pas comptée.',
      'Source et dispositions légales : dans la colonne source de chaque ligne.',
    ],
    source: (provisions) => `Dossiers de poursuites de cette plateforme ; disposition légale : ${provisions}`,
    noProvision: 'aucune enregistrée',
  },
  ar: {
    values: {
      'Persons brought into formal contact': 'الأشخاص الذين خضعوا لاتصال رسمي (مشتبه بهم، موقوفون)',
      'Persons prosecuted': 'الأشخاص الملاحقون قضائياً',
      'Persons convicted': 'الأشخاص المدانون',
      Total: 'المجموع',
      'by citizenship': 'حسب الجنسية',
      Nationals: 'المواطنون',
      'Foreign nationals': 'الرعايا الأجانب',
      Unknown: 'غير مسجَّل',
      Female: 'إناث',
      Male: 'ذكور',
      '0 to 17 years': 'أطفال (من 0 إلى 17 سنة)',
      '18 years or over': 'بالغون (18 سنة فأكثر)',
      'Other countries': 'بلدان أخرى (عدد الأشخاص أقل من أن تُذكر)',
      'by form of exploitation': 'حسب شكل الاستغلال',
      'Sexual exploitation': 'الاستغلال الجنسي',
      'Forced labour': 'العمل القسري',
      'Other forms of exploitation': 'أشكال الاستغلال الأخرى',
    },
    methodology: [
      'جداول الجناة في استبيان التقرير العالمي عن الاتجار بالأشخاص، مستخرجة من سجلات الملاحقة في تحقيقات الاتجار.',
      'الاتصال الرسمي: كل شخص مسجَّل بصفته مشتبهاً به، ويُحتسب في سنة فتح التحقيق.',
      'الملاحَق قضائياً: شخص وُجِّهت إليه تهمة بموجب نص يجرّم الاتجار وأُحيلت قضيته إلى المحكمة (مرحلة الملاحقة)، ويُحتسب في سنة أول مرحلة ملاحقة.',
      'المدان: شخص أُدين ابتدائياً بجريمة اتجار، ويُحتسب في سنة أول حكم من هذا النوع حتى لو أُلغي في الاستئناف؛ ولا تُحتسب الإدانة التي خُفِّف وصفها إلى تهريب المهاجرين أو جريمة أخرى. ولا يمكن تسجيل حكم دون مرحلة ملاحقة.',
      'يُحتسب كل شخص مرة واحدة في كل جدول وكل سنة مهما كان عدد التهم أو الأحكام. ويُحتسب الشخص المسجَّل في عمليتين في كل منهما، لأن السجلات لا تقول إنه الشخص نفسه.',
      'الجنس كما هو مسجَّل؛ والعمر وقت ارتكاب الجريمة (دون 18 سنة: من 0 إلى 17 سنة)؛ ومواطن إذا كان البلد المُبلِّغ من بين جنسيات الشخص، وأجنبي في غير ذلك، وغير مسجَّل إذا لم تُسجَّل أي جنسية.',
      'كل رقم معدَّل بطريقة مفتاح الخلية (تغيير لا يتجاوز 2؛ والأصفار تبقى أصفاراً؛ والأشخاص أنفسهم يعطون دائماً الرقم نفسه). ويُعدَّل كل مجموع بوصفه خلية مستقلة، فلا يلزم أن تساوي الأجزاء المجموع، ولا يمكن استرجاع أي عدد بدقة بطرح الأرقام المنشورة بعضها من بعض. ولا تُحجب الأعداد التي تقل عن 5: التعديل يحل محل الحجب.',
      'حسب بلد الجنسية: يُحتسب الأجنبي تحت أول جنسية مسجَّلة له؛ ولا يُذكر البلد منفرداً إلا إذا بلغ عدد أشخاصه (في جميع السنوات) عتبة الخلايا الصغيرة كما يُنشر (بعد التعديل)، وتُجمع البلدان الأخرى تحت «بلدان أخرى».',
      'حسب شكل الاستغلال: الأشكال المسجَّلة لعملية الشخص، مردودة إلى أشكال التقرير العالمي الثلاثة (العمل القسري وعمل الأطفال والاستعباد تُحتسب عملاً قسرياً)؛ ويُحتسب الشخص الذي سجّلت عمليته أكثر من شكل تحت الأشكال الأخرى، ولا يُحتسب من لم يُسجَّل لعمليته أي شكل.',
      'المصدر والنصوص القانونية: في عمود المصدر من كل سطر.',
    ],
    source: (provisions) => `سجلات الملاحقة في هذه المنصة؛ النص القانوني: ${provisions}`,
    noProvision: 'لم يُسجَّل أي نص',
  },
};
