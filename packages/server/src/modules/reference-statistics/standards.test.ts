import { describe, expect, it } from 'vitest';
import { htcdsOrgTypes, organisationTypeToHtcds } from '../../../../contracts/src/vocabularies/organisation-types.js';
import {
  ageOn,
  codeOfLabel,
  htcdsGender,
  allCrosswalks,
  allVocabularies,
  ctdc2017Columns,
  ctdc2017ExploitationFlags,
  ctdc2017MeansOfControlFlags,
  ctdc2017RecruiterFlag,
  ctdc2024Columns,
  ctdc2024ExploitationFlags,
  ctdc2024MeansOfControlFlags,
  ctdc2024RecruiterFlag,
  ctdcAgeBand,
  ctdcGenderOf,
  glotipAgeGroup,
  glotipCitizenshipCategory,
  glotipColumns,
  glotipFormOfExploitation,
  glotipSexOf,
  htcdsMethodsOfControl,
  htcdsOrgType,
  htcdsTypeOfExploitation,
  isCtdcMissing,
  majorityStatusOf,
  palermoMethodsOfControl,
  primaryCitizenship,
  readMethodOfControl,
  standardDecisions,
  type Crosswalk,
} from '../../../../contracts/src/standards/index.js';

const byId = (id: string): Crosswalk => {
  const found = allCrosswalks.find((c) => c.id === id);
  if (!found) throw new Error(`no crosswalk ${id}`);
  return found;
};

describe('vocabularies of the data standards', () => {
  it('have unique ids, and within each no duplicate code and no empty label', () => {
    const ids = allVocabularies.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const vocabulary of allVocabularies) {
      const codes = vocabulary.codes.map((c) => c.code);
      expect(new Set(codes).size, `${vocabulary.id} has a duplicate code`).toBe(codes.length);
      for (const c of vocabulary.codes) expect(c.label.trim(), `${vocabulary.id}.${c.code}`).not.toBe('');
    }
  });

  it('hold the sizes the reference gives', () => {
    expect(htcdsMethodsOfControl.codes).toHaveLength(16);
    expect(palermoMethodsOfControl.codes).toHaveLength(18);
    expect(htcdsTypeOfExploitation.codes).toHaveLength(11);
    expect(ctdc2017Columns.codes).toHaveLength(63); // codebook v6's 62 variables plus isSlaveryAndPractices (2020 file)
    expect(ctdc2024Columns.codes).toHaveLength(27);
    expect(glotipColumns.codes).toHaveLength(13);
  });

  it('agree with the organisation-type vocabulary the platform already uses', () => {
    expect(htcdsOrgType.codes.map((c) => c.code)).toEqual([...htcdsOrgTypes]);
    const codes = new Set<string>(htcdsOrgType.codes.map((c) => c.code));
    for (const target of Object.values(organisationTypeToHtcds)) expect(codes.has(target)).toBe(true);
  });

  it('find a code from its label, as the HTCDS Excel template stores labels', () => {
    expect(codeOfLabel(htcdsGender, 'Not Specified/Unknown ')).toBe('NonSpecifiedUnknown');
    expect(codeOfLabel(htcdsMethodsOfControl, 'debt bondage')).toBe('DebtBondage');
    expect(codeOfLabel(htcdsGender, 'Female')).toBeUndefined();
  });

  it('read CTDC missing values', () => {
    for (const v of ['-99', '', 'NULL', 'Unknown', null, undefined]) expect(isCtdcMissing(v)).toBe(true);
    expect(isCtdcMissing('Male')).toBe(false);
  });
});

describe('crosswalks', () => {
  it('have unique ids', () => {
    const ids = allCrosswalks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allCrosswalks.map((c) => [c.id, c] as const))('%s: every source and target code exists in its vocabulary', (_id, crosswalk) => {
    const from = new Set(crosswalk.from.codes.map((c) => c.code));
    const to = new Set(crosswalk.to.codes.map((c) => c.code));
    for (const entry of crosswalk.entries) {
      expect(from.has(entry.from), `${entry.from} not in ${crosswalk.from.id}`).toBe(true);
      for (const target of entry.to) expect(to.has(target), `${target} not in ${crosswalk.to.id}`).toBe(true);
    }
    const sources = crosswalk.entries.map((e) => e.from);
    expect(new Set(sources).size, 'a source code is mapped twice').toBe(sources.length);
  });

  it.each(allCrosswalks.map((c) => [c.id, c] as const))('%s: every decision and conflict is explained', (_id, crosswalk) => {
    for (const entry of crosswalk.entries) {
      if (entry.basis === 'decision' || entry.conflict) {
        expect(entry.decision?.length ?? 0, `${crosswalk.id} ${entry.from}`).toBeGreaterThan(30);
      }
    }
  });

  it('cover every value of the Palermo and HTCDS lists they export from', () => {
    for (const crosswalk of allCrosswalks.filter((c) => c.from.standard === 'HTCDS' || c.from.standard === 'Palermo')) {
      const mapped = new Set(crosswalk.entries.map((e) => e.from));
      for (const { code } of crosswalk.from.codes) expect(mapped.has(code), `${crosswalk.id} misses ${code}`).toBe(true);
    }
  });

  it('resolve, each with a decision, the conflicts and open choices data-standard.md lists', () => {
    const expected: Array<[string, string[]]> = [
      ['htcds.prs_Gender->glotip.Sex', ['TransgenderFeminine', 'TransgenderMasculine', 'NonConforming']],
      ['htcds.vic_TypeOfExploitation->ctdc2017.columns', ['ForcedBegging', 'ChildLabour']],
      ['htcds.vic_TypeOfExploitation->ctdc2024.columns', ['ForcedBegging', 'ChildLabour']],
      ['htcds.vic_TypeOfExploitation->glotip.Category.form', ['ForcedBegging', 'ChildLabour']],
      ['htcds.vic_TypeOfExploitation->sdg.16.2.2.series', ['ForcedBegging', 'ChildLabour']],
      ['palermo.vic_ForcedLabourIndustry->ctdc2017.columns', ['A_AgricultureForestryAndFishing', 'G_WholesaleAndRetailTradeRepairOfMotorVehicles', 'X_IllicitActivities']],
      ['ctdc2017.columns->palermo.vic_ForcedLabourIndustry', ['typeOfLabourPeddling', 'typeOfLabourIllicitActivities']],
      ['palermo.vic_MethodsOfControl->ctdc2017.columns', ['RestrictsMovement', 'UsesChildren', 'ThreatensChildrenFamily']],
      ['palermo.vic_MethodsOfControl->ctdc2024.columns', ['RestrictsMovement', 'UsesChildren', 'ThreatensChildrenFamily']],
      ['htcds.vic_RelationshipToTrafficker->ctdc2017.columns', ['Acquainted']],
      ['htcds.vic_RelationshipToTrafficker->ctdc2024.columns', ['Acquainted']],
      ['htcds.vic_RelationshipToTrafficker->ctdc2017.RecruiterRelationship', ['Acquainted']],
      ['htcds.vic_TraffickingStatus->glotip.counted', ['ActualVictimOfTrafficking', 'PossibleVictimOfTrafficking']],
      ['htcds.vic_TraffickingStatus->ctdc.counted', ['PossibleVictimOfTrafficking']],
    ];
    for (const [id, codes] of expected) {
      for (const code of codes) {
        const entry = byId(id).entries.find((e) => e.from === code);
        expect(entry?.decision, `${id} ${code}`).toBeTruthy();
      }
    }
    const decisionIds = standardDecisions.map((d) => d.id);
    for (const id of ['sex.recorded-gender', 'age.reference-date', 'exploitation.multiple-forms', 'recruiter.trafficker-relation', 'citizenship.multiple', 'citizenship.nationals', 'counting.offender-side', 'disclosure.small-cells']) {
      expect(decisionIds).toContain(id);
    }
    for (const d of standardDecisions) expect(d.decision.length).toBeGreaterThan(30);
  });
});

describe('crosswalk functions', () => {
  it('count a victim under one GLOTIP form, mixed forms under other forms', () => {
    expect(glotipFormOfExploitation(['ForcedLabour', 'Servitude', 'ChildLabour'])).toBe('Forced labour');
    expect(glotipFormOfExploitation(['ForcedLabour', 'SexualExploitation'])).toBe('Other forms of exploitation');
    expect(glotipFormOfExploitation(['ForcedBegging'])).toBe('Other forms of exploitation');
    expect(glotipFormOfExploitation([])).toBeNull();
  });

  it('set CTDC purpose flags, with isSexAndLabour and begging as labour in the 2017 layout', () => {
    expect(ctdc2017ExploitationFlags(['SexualExploitation', 'ForcedLabour'])).toEqual(['isForcedLabour', 'isSexualExploit', 'isSexAndLabour']);
    expect(ctdc2017ExploitationFlags(['ForcedBegging'])).toEqual(['isForcedLabour', 'typeOfLabourBegging']);
    expect(ctdc2017ExploitationFlags(['OrganRemoval'])).toEqual(['isOtherExploit', 'isOrganRemoval']);
    expect(ctdc2024ExploitationFlags(['ForcedMarriage', 'ForcedLabour'])).toEqual(['isForcedLabour', 'isOtherExploit']);
  });

  it('compute ages and bands at a reference date, in each edition\'s spelling', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2020-01-01', '2019-01-01')).toBeNull();
    expect(ctdcAgeBand(9, '2017')).toBe('9--17');
    expect(ctdcAgeBand(9, '2024')).toBe('09--17');
    expect(ctdcAgeBand(48, '2024')).toBe('48+');
    expect(ctdcAgeBand(null, '2017')).toBe('-99');
    expect(ctdcAgeBand(null, '2024')).toBeNull();
    expect(majorityStatusOf(17)).toBe('Minor');
    expect(glotipAgeGroup(17)).toBe('0 to 17 years');
    expect(glotipAgeGroup(18)).toBe('18 years or over');
    expect(glotipAgeGroup(null)).toBe('Unknown');
  });

  it('map gender without inferring sex', () => {
    expect(glotipSexOf('TransgenderMasculine')).toBe('Other');
    expect(glotipSexOf('TransgenderMasculine', 'Female')).toBe('Female');
    expect(glotipSexOf(null)).toBe('Unknown');
    expect(ctdcGenderOf('NonSpecifiedUnknown', '2024')).toBeNull();
    expect(ctdcGenderOf('Feminine', '2024')).toBe('Woman');
  });

  it('read means of control with toolkit spellings, and flag "not specified" when none is recorded', () => {
    expect(readMethodOfControl('DebtBondage ')).toBe('DebtBondage');
    expect(readMethodOfControl('Threats')).toBe('PhysicalThreats');
    expect(readMethodOfControl('Nonsense')).toBeUndefined();
    expect(ctdc2017MeansOfControlFlags([])).toEqual(['meansOfControlNotSpecified']);
    expect(ctdc2017MeansOfControlFlags(['ThreatensChildrenFamily'])).toEqual(['meansOfControlThreats']);
    expect(ctdc2024MeansOfControlFlags(['DebtBondage', 'TakesEarnings', 'RestrictsMovement'])).toEqual(['meansDebtBondageEarnings', 'meansDenyBasicNeeds']);
  });

  it('map the relation to the trafficker, refined by the acquaintance detail', () => {
    expect(ctdc2017RecruiterFlag('Acquainted')).toBe('recruiterRelationFriend');
    expect(ctdc2017RecruiterFlag('Acquainted', 'IntimatePartner')).toBe('recruiterRelationIntimatePartner');
    expect(ctdc2017RecruiterFlag(null)).toBe('recruiterRelationUnknown');
    expect(ctdc2024RecruiterFlag(null)).toBeNull();
    expect(ctdc2024RecruiterFlag('Unaquainted')).toBe('recruiterRelationOther');
  });

  it('report citizenship once, as Nationals when any citizenship is the reporting country\'s', () => {
    const names = (code: string) => ({ FR: 'France', BE: 'Belgium' })[code];
    expect(primaryCitizenship(['fr', 'BE'])).toBe('FR');
    expect(glotipCitizenshipCategory(['FR', 'BE'], 'BE', names)).toBe('Nationals');
    expect(glotipCitizenshipCategory(['FR'], 'BE', names)).toBe('France');
    expect(glotipCitizenshipCategory([], 'BE', names)).toBe('Unknown');
  });
});
