// `kvmctl list`: every test with its feature, groups and needs, and whether this host can run it.
import type { Argv } from 'yargs';
import type { Command } from './command.js';

export const listCommand: Command<{ patterns: string[]; group: string[]; json: boolean }> = {
  name: 'list',
  usage: 'list [patterns..]',
  describe: 'list unittests with their feature, groups, needs and whether this host can run them',
  exits: {
    0: 'listed (a test this host cannot run is listed as skipped here, with the reason)',
    2: 'a bad flag, a pattern that matches nothing, or a malformed test',
  },
  builder: (y: Argv) =>
    y
      .positional('patterns', { type: 'string', array: true, default: [], describe: 'test files, folders, or name globs' })
      .option('group', { alias: 'g', type: 'string', array: true, default: [], describe: 'only tests in this group' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
  handler: async (argv) => {
    const [{ selectTests }, { openSystem }, { unmetNeed }, { requirementText }] = await Promise.all([
      import('../../kvmctl/suite/discover.js'), import('../../kvmctl/engine/kvm/open.js'), import('../../kvmctl/harness/execute.js'), import('../../kvmctl/harness/spec.js'),
    ]);
    const { specs } = selectTests(argv.patterns.map(String), argv.group);
    let system: ReturnType<typeof openSystem> | undefined;
    let hostProblem: string | undefined;
    try {
      system = openSystem();
    } catch (e) {
      hostProblem = (e as Error).message;
    }
    try {
      const rows = specs.map((s) => {
        const why = hostProblem ?? unmetNeed(system!, s);
        const needs = s.requires.map(requirementText);
        if (s.vcpus > 1) needs.push(`vcpus=${s.vcpus}`);
        return { name: s.name, file: s.file, feature: s.feature, groups: s.groups, mode: s.mode, needs, runnable: why === undefined, why };
      });
      if (argv.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      else {
        const width = Math.max(4, ...rows.map((r) => r.name.length));
        for (const r of rows) {
          process.stdout.write(`${r.name.padEnd(width)}  ${r.feature}\n`);
          const extra = [`groups: ${r.groups.join(' ') || '-'}`, `mode: ${r.mode}`];
          if (r.needs.length) extra.push(`needs: ${r.needs.join(' ')}`);
          extra.push(r.runnable ? 'runs here' : `skipped here: ${r.why}`);
          process.stdout.write(`${''.padEnd(width)}  ${extra.join('; ')}\n`);
        }
        process.stdout.write(`${rows.length} tests, ${rows.filter((r) => r.runnable).length} can run on this host\n`);
      }
      return 0;
    } finally {
      system?.close();
    }
  },
};
