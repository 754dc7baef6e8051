// Durations, written one way everywhere: the header's `timeout:` and every --timeout flag of run,
// exec and vm.

/** A guest's time limit when neither its header nor --timeout gives one. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The forms parseDuration reads, for error messages. */
export const DURATION_FORMS = 'seconds such as 10 or 1.5, or 500ms, 30s, 2m';

/** A duration: seconds (`30`, `1.5`, `30s`), milliseconds (`500ms`) or minutes (`2m`), in ms. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000 }[m[2] ?? 's'] ?? 1000);
  return Number.isFinite(n) ? n : undefined;
}
