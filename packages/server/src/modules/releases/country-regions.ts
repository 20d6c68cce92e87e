/**
 * UN M49 subregion and region of each country (ISO 3166-1 alpha-3), as UNODC GLOTIP publishes them
 * (data_glotip_2023-05-30: Iso3_code, Subregion, Region): the generalisation hierarchy of the country columns in a
 * k-anonymous release (country -> subregion -> region -> suppressed).
 */
const subregions: ReadonlyArray<readonly [subregion: string, region: string, countries: string]> = [
  ['Australia and New Zealand', 'Oceania', 'AUS NZL'],
  ['Central Asia', 'Asia', 'KAZ KGZ TJK TKM UZB'],
  ['Eastern Asia', 'Asia', 'CHN HKG JPN KOR MAC MNG PRK'],
  ['Eastern Europe', 'Europe', 'BGR BLR CZE HUN MDA POL ROU RUS SVK UKR'],
  ['Latin America and the Caribbean', 'Americas', 'ABW ARG ATG BHS BLZ BOL BRA BRB CHL COL CRI CUB CUW DMA DOM ECU GRD GTM GUY HND HTI JAM KNA LCA MEX NIC PAN PER PRI PRY SLV SUR TTO URY VCT VEN'],
  ['Melanesia', 'Oceania', 'FJI PNG SLB VUT'],
  ['Micronesia', 'Oceania', 'FSM KIR MHL NRU PLW'],
  ['Northern Africa', 'Africa', 'DZA EGY LBY MAR SDN TUN'],
  ['Northern America', 'Americas', 'CAN USA'],
  ['Northern Europe', 'Europe', 'DNK EST FIN GBR IRL ISL LTU LVA NOR SWE'],
  ['Polynesia', 'Oceania', 'COK NIU PYF TON TUV WSM'],
  ['South-eastern Asia', 'Asia', 'BRN IDN KHM LAO MMR MYS PHL SGP THA TLS VNM'],
  ['Southern Asia', 'Asia', 'AFG BGD BTN IND IRN LKA MDV NPL PAK'],
  ['Southern Europe', 'Europe', 'ALB AND BIH ESP GRC HRV ITA MKD MLT MNE PRT SMR SRB SVN VAT'],
  ['Sub-Saharan Africa', 'Africa', 'AGO BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI ETH GAB GHA GIN GMB GNB GNQ KEN LBR LSO MDG MLI MOZ MRT MUS MWI NAM NER NGA RWA SEN SLE SSD SWZ SYC TCD TGO TZA UGA ZAF ZMB ZWE'],
  ['Western Asia', 'Asia', 'ARE ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU SYR TUR YEM'],
  ['Western Europe', 'Europe', 'AUT BEL CHE DEU FRA LIE LUX MCO NLD'],
];

const byCountry = new Map<string, { subregion: string; region: string }>();
for (const [subregion, region, countries] of subregions) {
  for (const country of countries.split(' ')) byCountry.set(country, { subregion, region });
}

/** The M49 subregion and region of an alpha-3 code; undefined for codes GLOTIP does not list. */
export const regionOf = (alpha3: string): { subregion: string; region: string } | undefined => byCountry.get(alpha3);
