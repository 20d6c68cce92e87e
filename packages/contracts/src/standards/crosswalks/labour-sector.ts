import { ctdc2017Columns } from '../ctdc/k-anonymised.js';
import { ctdc2024Columns } from '../ctdc/synthetic-v2.js';
import { palermoForcedLabourIndustry } from '../extensions.js';
import { defineCrosswalk } from './crosswalk.js';

/** data-standard.md §4.4: forced-labour sector, ISIC sections (HTCDS vic_ForcedLabourIndustry) and CTDC flags. */
const REF = 'data-standard.md §4.4';

const SECTION_A_CONFLICT =
  'ISIC section A covers three CTDC sectors: Division 01 is typeOfLabourAgriculture, 03 typeOfLabourAquafarming, 02 (forestry) typeOfLabourOther';
const SECTION_A_DECISION =
  'With only the Tier 1 section recorded, A is exported as agriculture, the division most cases fall in and the only one CTDC 2024 keeps. ' +
  'When a Tier 2 value is recorded, "Fishing and aquaculture" goes to typeOfLabourAquafarming and "Forestry and logging" to typeOfLabourOther.';
const SECTION_G_CONFLICT =
  'CTDC maps typeOfLabourPeddling (informal street commerce) to G [derived], but its typeOfLabourOther row also lists G';
const SECTION_G_DECISION =
  'G (all wholesale and retail trade) is exported as typeOfLabourOther: peddling is a small part of it, and exporting every G record as ' +
  'peddling would overstate it. Importing CTDC data, typeOfLabourPeddling still reads as G.';
const ILLICIT_DECISION =
  'Forced criminality has no ISIC section: Palermo keeps the extension value X_IllicitActivities so CTDC\'s typeOfLabourIllicitActivities ' +
  'survives a round trip. HTCDS exports leave it out of vic_ForcedLabourIndustry.';

const OTHER = ['typeOfLabourOther'] as const;

export const industryToCtdc2017 = defineCrosswalk({
  id: 'palermo.vic_ForcedLabourIndustry->ctdc2017.columns',
  from: palermoForcedLabourIndustry,
  to: ctdc2017Columns,
  reference: REF,
  entries: [
    {
      from: 'A_AgricultureForestryAndFishing',
      to: ['typeOfLabourAgriculture'],
      basis: 'decision',
      conflict: SECTION_A_CONFLICT,
      decision: SECTION_A_DECISION,
    },
    { from: 'B_MiningAndQuarrying', to: ['typeOfLabourMiningOrDrilling'], basis: 'doc' },
    { from: 'C_Manufacturing', to: ['typeOfLabourManufacturing'], basis: 'doc' },
    { from: 'D_ElectricityGasSteamAndAirConditioningSupply', to: OTHER, basis: 'doc' },
    { from: 'E_WaterSupplySewerageWasteManagement', to: OTHER, basis: 'doc' },
    { from: 'F_Construction', to: ['typeOfLabourConstruction'], basis: 'doc' },
    {
      from: 'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
      to: OTHER,
      basis: 'decision',
      conflict: SECTION_G_CONFLICT,
      decision: SECTION_G_DECISION,
    },
    { from: 'H_TransportationAndStorage', to: ['typeOfLabourTransportation'], basis: 'doc' },
    { from: 'I_AccommodationAndFoodServiceActivities', to: ['typeOfLabourHospitality'], basis: 'doc' },
    { from: 'J_InformationAndCommunication', to: OTHER, basis: 'doc' },
    { from: 'K_FinancialAndInsuranceActivities', to: OTHER, basis: 'doc' },
    { from: 'L_RealEstateActivities', to: OTHER, basis: 'doc' },
    { from: 'M_ProfessionalScientificAndTechnicalActivities', to: OTHER, basis: 'doc' },
    { from: 'N_AdministrativeAndSupportServiceActivities', to: OTHER, basis: 'doc' },
    { from: 'O_PublicAdministrationAndDefence', to: OTHER, basis: 'doc' },
    { from: 'P_Education', to: OTHER, basis: 'doc' },
    { from: 'Q_HumanHealthAndSocialWorkActivities', to: OTHER, basis: 'doc' },
    { from: 'R_ArtsEntertainmentAndRecreation', to: OTHER, basis: 'doc' },
    { from: 'S_OtherServiceActivities', to: OTHER, basis: 'doc' },
    { from: 'T_ActivitiesOfHouseholdsAsEmployers', to: ['typeOfLabourDomesticWork'], basis: 'doc' },
    { from: 'U_ActivitiesOfExtraterritorialOrganizations', to: OTHER, basis: 'doc' },
    { from: 'X_IllicitActivities', to: ['typeOfLabourIllicitActivities'], basis: 'decision', decision: ILLICIT_DECISION },
  ],
});

const NO_2024 = { to: [] as const, basis: 'doc' as const, note: 'CTDC 2024 keeps only agriculture, construction, domestic work, hospitality' };

export const industryToCtdc2024 = defineCrosswalk({
  id: 'palermo.vic_ForcedLabourIndustry->ctdc2024.columns',
  from: palermoForcedLabourIndustry,
  to: ctdc2024Columns,
  reference: REF,
  entries: [
    {
      from: 'A_AgricultureForestryAndFishing',
      to: ['typeOfLabourAgriculture'],
      basis: 'decision',
      conflict: SECTION_A_CONFLICT,
      decision: SECTION_A_DECISION,
    },
    { from: 'B_MiningAndQuarrying', ...NO_2024 },
    { from: 'C_Manufacturing', ...NO_2024 },
    { from: 'D_ElectricityGasSteamAndAirConditioningSupply', ...NO_2024 },
    { from: 'E_WaterSupplySewerageWasteManagement', ...NO_2024 },
    { from: 'F_Construction', to: ['typeOfLabourConstruction'], basis: 'doc' },
    { from: 'G_WholesaleAndRetailTradeRepairOfMotorVehicles', ...NO_2024 },
    { from: 'H_TransportationAndStorage', ...NO_2024 },
    { from: 'I_AccommodationAndFoodServiceActivities', to: ['typeOfLabourHospitality'], basis: 'doc' },
    { from: 'J_InformationAndCommunication', ...NO_2024 },
    { from: 'K_FinancialAndInsuranceActivities', ...NO_2024 },
    { from: 'L_RealEstateActivities', ...NO_2024 },
    { from: 'M_ProfessionalScientificAndTechnicalActivities', ...NO_2024 },
    { from: 'N_AdministrativeAndSupportServiceActivities', ...NO_2024 },
    { from: 'O_PublicAdministrationAndDefence', ...NO_2024 },
    { from: 'P_Education', ...NO_2024 },
    { from: 'Q_HumanHealthAndSocialWorkActivities', ...NO_2024 },
    { from: 'R_ArtsEntertainmentAndRecreation', ...NO_2024 },
    { from: 'S_OtherServiceActivities', ...NO_2024 },
    { from: 'T_ActivitiesOfHouseholdsAsEmployers', to: ['typeOfLabourDomesticWork'], basis: 'doc' },
    { from: 'U_ActivitiesOfExtraterritorialOrganizations', ...NO_2024 },
    { from: 'X_IllicitActivities', ...NO_2024 },
  ],
});

/** The other way, for reading CTDC 2017–2021 files (only the typeOfLabour columns are mapped). */
export const ctdc2017LabourToIndustry = defineCrosswalk({
  id: 'ctdc2017.columns->palermo.vic_ForcedLabourIndustry',
  from: ctdc2017Columns,
  to: palermoForcedLabourIndustry,
  reference: REF,
  entries: [
    { from: 'typeOfLabourAgriculture', to: ['A_AgricultureForestryAndFishing'], basis: 'doc', note: 'ISIC A, Division 01' },
    { from: 'typeOfLabourAquafarming', to: ['A_AgricultureForestryAndFishing'], basis: 'doc', note: 'ISIC A, Division 03' },
    { from: 'typeOfLabourMiningOrDrilling', to: ['B_MiningAndQuarrying'], basis: 'doc' },
    { from: 'typeOfLabourManufacturing', to: ['C_Manufacturing'], basis: 'doc' },
    { from: 'typeOfLabourConstruction', to: ['F_Construction'], basis: 'doc' },
    { from: 'typeOfLabourTransportation', to: ['H_TransportationAndStorage'], basis: 'doc' },
    { from: 'typeOfLabourHospitality', to: ['I_AccommodationAndFoodServiceActivities'], basis: 'doc' },
    { from: 'typeOfLabourDomesticWork', to: ['T_ActivitiesOfHouseholdsAsEmployers'], basis: 'doc' },
    {
      from: 'typeOfLabourPeddling',
      to: ['G_WholesaleAndRetailTradeRepairOfMotorVehicles'],
      basis: 'derived',
      conflict: SECTION_G_CONFLICT,
      decision: SECTION_G_DECISION,
    },
    {
      from: 'typeOfLabourBegging',
      to: [],
      basis: 'doc',
      note: 'No industry: HTCDS records begging as vic_TypeOfExploitation = ForcedBegging',
    },
    { from: 'typeOfLabourIllicitActivities', to: ['X_IllicitActivities'], basis: 'decision', decision: ILLICIT_DECISION },
    {
      from: 'typeOfLabourOther',
      to: [],
      basis: 'doc',
      note: 'Any of D, E, G, J–S, U: not reversible to one section, so the industry is left empty',
    },
    { from: 'typeOfLabourNotSpecified', to: [], basis: 'doc' },
  ],
});
