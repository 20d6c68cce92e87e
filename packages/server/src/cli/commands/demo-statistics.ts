import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { generateSyntheticStatistics } from '../../modules/statistics/synthetic-statistics.js';

/** `palermo demo statistics --records N`: a SYNTHETIC statistical dataset for the statistics section (and its benchmark). */
export function registerDemoStatistics(program: Command): void {
  const demo = program.commands.find((c) => c.name() === 'demo');
  if (!demo) throw new Error('the demo command must be registered first');
  demo
    .command('statistics')
    .description('Generate a SYNTHETIC statistical dataset (no real person) of N de-identified records, replacing the one made before, and build its statistics cube')
    .option('--records <n>', 'how many records', '100000')
    .option('--seed <x>', 'seed between -1 and 1 (same seed, same data)', '0.42')
    .option('--home <iso3>', 'country where most persons were exploited (default: the country setting, else GBR)')
    .option('--json', 'machine-readable summary')
    .action(async (options: { records: string; seed: string; home?: string; json?: boolean }) => {
      const records = Number(options.records.replaceAll(/[_,]/gu, ''));
      const seed = Number(options.seed);
      if (!Number.isFinite(seed) || seed < -1 || seed > 1) throw new Error('--seed must be between -1 and 1');
      await withRuntime('palermo demo statistics', async ({ database }) => {
        const setting = await database.db.selectFrom('country_settings').select('country_iso3').where('id', '=', 1).executeTakeFirst();
        const started = performance.now();
        const result = await generateSyntheticStatistics(database.db, { records, seed, homeCountry: options.home ?? setting?.country_iso3 ?? 'GBR' });
        const seconds = (performance.now() - started) / 1000;
        output(Boolean(options.json ?? (demo.opts() as { json?: boolean }).json)).result(
          { ok: true, synthetic: true, datasetId: result.datasetId, records: result.records, cubeRows: result.cube.cubeRows, seconds },
          `SYNTHETIC statistical dataset ${result.datasetId}: ${result.records.toLocaleString('en')} generated records (no real person), cube of ${result.cube.cubeRows.toLocaleString('en')} rows, in ${seconds.toFixed(1)} s.`,
        );
      });
    });
}
