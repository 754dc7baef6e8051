// The README and --help agree, flag for flag (issue 12): each command's section in the README has a
// flag table with exactly the flags its yargs builder declares (name, alias, a value or none, the
// choices, the default), names its positionals, and lists the exit codes its --help lists; every
// `kvmctl CMD --flag` anywhere in the README's code is a flag CMD has. Host only: nothing runs a guest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import yargs, { type Argv } from 'yargs';
import type { Command } from './commands/command.js';
import { CLI_EXITS } from './commands/exit-codes.js';
import { commands } from './commands/index.js';
import { ROOT, runCli } from '../dev/testdata/helpers.js';
import { attributedFlags, codeSnippets, commandSections, exitCodeParagraphs, flagCells, headedCommands, readme, table } from '../dev/testdata/readme.js';

interface Flag {
  name: string;
  alias?: string;
  boolean: boolean;
  choices?: string[];
  default?: unknown;
  defaultDescription?: string;
}

/** yargs' own record of what a builder declared (getOptions is public, though @types/yargs omits it). */
interface YargsOptions {
  key: Record<string, boolean>;
  alias: Record<string, string[]>;
  boolean: string[];
  choices: Record<string, string[]>;
  default: Record<string, unknown>;
  defaultDescription: Record<string, string>;
}

const GLOBAL = ['help', 'version'];

/** The positionals of a usage string: `exec <file>`, `run [patterns..]`. */
const positionals = (c: Command<never>): string[] =>
  [...c.usage.matchAll(/[<[]([a-z][a-z0-9-]*)(?:\.\.)?[>\]]/g)].map(([, n]) => n).filter((n) => n !== 'options');

/** The flags a command's builder declares, read from yargs after it ran the builder. */
function flagsOf(c: Command<never>): Flag[] {
  let o: YargsOptions | undefined;
  const parser = yargs([]).command(c.usage, c.describe, (y: Argv) => {
    o = (c.builder(y) as unknown as { getOptions(): YargsOptions }).getOptions();
    return y;
  });
  // No handler: parsing only runs the builder. The dummy positionals satisfy <required> ones.
  parser.fail(() => {}).exitProcess(false).parse([c.name, 'a', 'b']);
  if (!o) throw new Error(`${c.name}: the builder did not run`);
  const opts = o;
  const aliases = new Set(Object.values(opts.alias).flat());
  const skip = new Set([...GLOBAL, ...positionals(c)]);
  return Object.keys(opts.key).filter((k) => !skip.has(k) && !aliases.has(k)).map((name) => ({
    name,
    alias: opts.alias[name]?.[0],
    boolean: opts.boolean.includes(name),
    choices: opts.choices[name],
    default: opts.default[name],
    defaultDescription: opts.defaultDescription[name],
  }));
}

/** Every way to write a command's flags: --name and -alias, and the global --help, -h and --version. */
const spellings = (flags: Flag[]): Set<string> =>
  new Set(['--help', '-h', '--version', ...flags.flatMap((f) => [`--${f.name}`, ...(f.alias ? [`-${f.alias}`] : [])])]);

const md = readme();
const names = commands.map((c) => c.name);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (w: string) => new RegExp(`(^|[^\\w-])${esc(w)}($|[^\\w-])`);

for (const c of commands) {
  t.test(`kvmctl ${c.name}`, async (t) => {
    const sections = commandSections(md, c.name);
    t.equal(sections.length, 1, `one README section is headed \`kvmctl ${c.name}\``);
    if (sections.length !== 1) return;
    const section = sections[0];
    const flags = flagsOf(c);
    const rows = table(section.text, 'flag') ?? [];
    t.ok(rows.length > 0, 'the section has a | flag | meaning | table');
    const documented = rows.flatMap((row) => flagCells(row[0]).map((cell) => ({ cell, row: row.join(' | ') })));

    for (const f of flags) {
      const doc = documented.find((d) => d.cell.long === f.name);
      if (!doc) {
        t.fail(`--${f.name} is in --help but not in the README's flag table`);
        continue;
      }
      const { cell, row } = doc;
      t.equal(cell.short, f.alias, `--${f.name}: the same short alias (${f.alias ? `-${f.alias}` : 'none'})`);
      t.equal(cell.metavar === '', f.boolean, `--${f.name}: ${f.boolean ? 'a switch, shown without a value' : `takes a value, shown (${cell.metavar || 'missing'})`}`);
      if (f.choices && cell.metavar.includes('|')) {
        t.same(cell.metavar.split('|').sort(), [...f.choices].sort(), `--${f.name}: the same choices`);
      }
      const literal = f.default !== undefined && f.default !== false && !(Array.isArray(f.default) && f.default.length === 0);
      if (f.defaultDescription !== undefined || literal) t.match(row, /default/, `--${f.name}: the README gives its default`);
      if (literal && f.defaultDescription === undefined) t.match(row, new RegExp(`default\\W+${esc(String(f.default))}(?![\\w-])`), `--${f.name}: the default is ${f.default}`);
    }
    for (const { cell } of documented) {
      t.ok(flags.some((f) => f.name === cell.long), `--${cell.long} in the README's flag table is a flag of kvmctl ${c.name}`);
    }

    // The section's own text, not its subsections: a bare `--flag` there is this command's.
    const own = spellings(flags);
    for (const { command, flag } of codeSnippets(section.own).flatMap((s) => attributedFlags(s, names, c.name))) {
      if (command === c.name) t.ok(own.has(flag), `${flag}, named in the section, is a flag of kvmctl ${c.name}`);
    }

    // The usage line, `kvmctl list [PATTERN…]`: its upper-case words (up to a bare --) are the positionals.
    const body = section.own.slice(section.heading.length); // the heading's `kvmctl NAME` is no usage
    const usage = codeSnippets(body).find((s) => new RegExp(`^kvmctl ${c.name}( |$)`).test(s.trim()));
    t.ok(usage, `the section shows the usage, \`kvmctl ${c.name} …\``);
    const shown = (usage ?? '').split(/ \[?-- /)[0].split(/\s+/).map((w) => w.replace(/[[\]…]/g, '')).filter((w) => /^[A-Z]+$/.test(w));
    t.same(shown, positionals(c).map((p) => p.toUpperCase().replace(/S$/, '')), `its positionals, as --help's ${c.usage}`); // patterns.. is PATTERN…

    const paragraphs = exitCodeParagraphs(section.text);
    t.equal(paragraphs.length, 1, 'one "Exit codes:" paragraph');
    t.same(paragraphs[0], Object.keys(c.exits).map(Number), 'the exit codes --help lists, and only those');

    const help = await runCli([c.name, '--help']);
    t.equal(help.code, 0, `kvmctl ${c.name} --help exits 0`);
    for (const f of flags) t.match(help.stdout, word(`--${f.name}`), `--help shows --${f.name}`);
    for (const code of Object.keys(c.exits)) t.match(help.stdout, new RegExp(`^\\s+${code}  `, 'm'), `--help lists exit code ${code}`);
  });
}

t.test('every kvmctl CMD --flag in the README\'s code is a flag of CMD', async (t) => {
  const known = new Map([['', spellings([])], ...commands.map((c) => [c.name, spellings(flagsOf(c))] as const)]);
  const seen = codeSnippets(md).flatMap((s) => attributedFlags(s, names).map((a) => ({ ...a, s })));
  t.ok(seen.length >= 20, `${seen.length} flags in examples`);
  for (const { command, flag, s } of seen) t.ok(known.get(command)!.has(flag), `${flag} of kvmctl ${command || '(no command)'} in \`${s.trim()}\``);
});

t.test('the command table, the headings and the commands are the same set', async (t) => {
  t.same(headedCommands(md).sort(), [...names].sort(), 'a section per command, and no other `kvmctl X` heading');
  const overview = (table(md, 'command') ?? []).map((row) => /`kvmctl ([a-z]+)/.exec(row[0])?.[1]);
  t.same(overview, names, 'the Commands table lists every command, in --help\'s order');
});

t.test('exit codes: the README\'s table, kvmctl --help, and every command\'s own', async (t) => {
  const rows = table(md, 'code') ?? [];
  const documented = rows.flatMap((r) => r[0].split(/,\s*/).map(Number)).sort((a, b) => a - b);
  const all = Object.keys(CLI_EXITS).map(Number);
  t.same(documented, all, 'the README\'s exit-code table has every code kvmctl --help lists');
  for (const c of commands) for (const code of Object.keys(c.exits)) t.ok(code in CLI_EXITS, `kvmctl ${c.name}'s exit ${code} is in the table`);
  const help = await runCli(['--help']);
  t.equal(help.code, 0, 'kvmctl --help exits 0');
  for (const code of all) t.match(help.stdout, new RegExp(`^\\s+${code}  `, 'm'), `kvmctl --help lists exit code ${code}`);
  for (const name of names) t.match(help.stdout, new RegExp(`kvmctl ${name}\\b`), `kvmctl --help lists ${name}`);
});

t.test('kvmctl --version prints package.json\'s version, and the README says so', async (t) => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const r = await runCli(['--version']);
  t.equal(r.code, 0, 'exit 0');
  t.equal(r.stdout, `${version}\n`, `prints ${version}`);
  t.match(md, /`kvmctl --version`/, 'the README documents kvmctl --version');
  t.match(md, /`-h, --help`/, 'and -h, --help');
});
