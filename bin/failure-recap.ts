// The failures of a TAP stream, gathered for the end of `npm test`'s output: CI logs are often read
// from the tail, and a failure printed twenty minutes earlier, inside a VM's output, is easy to miss.

/** Lines kept per failure (its `not ok` line and the start of its YAML block). */
const LINES_PER_FAILURE = 12;

/**
 * Every `not ok` point at any depth, except TODO ones (known failures), each with the YAML
 * diagnostics that follow it, cut to LINES_PER_FAILURE lines. A tap file that fails shows both its
 * failing assertions and its own point.
 */
export function failureRecap(tap: string, maxFailures = 20): string[] {
  const lines = tap.split('\n');
  const out: string[] = [];
  let failures = 0;
  for (let i = 0; i < lines.length; i++) {
    const point = /^(\s*)not ok \d+ - (.*)$/.exec(lines[i]);
    if (!point || /# TODO\b/.test(point[2])) continue;
    if (++failures > maxFailures) continue;
    const indent = point[1];
    const block = [lines[i].trimStart()];
    // The YAML block opens with `---` one level deeper and ends with `...` at that level.
    if (lines[i + 1]?.startsWith(`${indent}  ---`)) {
      for (let j = i + 2; j < lines.length && !lines[j].startsWith(`${indent}  ...`); j++) block.push(`  ${lines[j].slice(indent.length + 2)}`);
    }
    out.push(...block.slice(0, LINES_PER_FAILURE));
    if (block.length > LINES_PER_FAILURE) out.push(`  (${block.length - LINES_PER_FAILURE} more lines in the output above)`);
  }
  if (failures > maxFailures) out.push(`(and ${failures - maxFailures} more failures in the output above)`);
  return out;
}
