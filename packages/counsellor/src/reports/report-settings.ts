/**
 * The report settings: one file, report-settings.json, beside the workplace settings (or named
 * with --report-settings). Kept apart from workplace.json because only reports use it.
 *
 *   {
 *     "threshold": 5,            // counts below this are shown as "fewer than N" (at least 3)
 *     "minUnitEmployees": 50,    // a unit or region with fewer employees shows only in "other units"
 *     "noShowShare": 0.5,        // the share of an appointment's time a no-show is billed at
 *     "appointmentMinutes": 60,  // the time a no-show is billed from
 *     "employers": {
 *       "Voorbeeld B.V.": { "units": { "Logistiek": 120, "Kantoor": 35 }, "regions": { "Noord": 200 } }
 *     }
 *   }
 *
 * A unit or region without an employee count here is treated as too small: it shows only as part
 * of "other units". That errs on the side of the employee: nobody needs to remember to add a new
 * small unit for it to be protected.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as v from 'valibot';
import { describeContractIssues } from '@vp-contact/protocol/http';
import { WorkplaceError } from '../workplace/errors.js';

const REPORT_SETTINGS_FILE_NAME = 'report-settings.json';

const count = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'), v.maxValue(10_000_000, 'must be at most 10000000'));
const counts = v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(100)), count);

const ReportSettingsSchema = v.strictObject({
  threshold: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(3, 'must be at least 3'), v.maxValue(100, 'must be at most 100')), 5),
  minUnitEmployees: v.optional(count, 50),
  noShowShare: v.optional(v.pipe(v.number('must be a number'), v.minValue(0, 'must be 0 or more'), v.maxValue(1, 'must be at most 1')), 0.5),
  appointmentMinutes: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(15, 'must be at least 15'), v.maxValue(480, 'must be at most 480'), v.check((m) => m % 15 === 0, 'must be in quarter hours')), 60),
  employers: v.optional(v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(100)), v.strictObject({ units: v.optional(counts, {}), regions: v.optional(counts, {}) })), {}),
});
export type ReportSettings = v.InferOutput<typeof ReportSettingsSchema>;

export const DEFAULT_REPORT_SETTINGS: ReportSettings = v.parse(ReportSettingsSchema, {});

export function parseReportSettings(value: unknown, source: string): ReportSettings {
  const result = v.safeParse(ReportSettingsSchema, value);
  if (!result.success) throw new WorkplaceError('settings-invalid', `The report settings ${source} are not usable: ${describeContractIssues(result.issues)}`);
  return result.output;
}

/** The file named, else report-settings.json beside the workplace settings; no file means the defaults. */
export async function readReportSettings(file: string | undefined, workplaceSettingsFile: string): Promise<ReportSettings> {
  const path = file ?? join(dirname(workplaceSettingsFile), REPORT_SETTINGS_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (file === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_REPORT_SETTINGS;
    throw new WorkplaceError('settings-invalid', `The report settings ${path} could not be read: ${(error as Error).message}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorkplaceError('settings-invalid', `The report settings ${path} are not valid JSON: ${(error as Error).message}.`);
  }
  return parseReportSettings(json, path);
}
