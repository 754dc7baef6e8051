// Reads the README the way bin/readme-help.test.ts compares it with --help: command sections, their
// flag tables and exit-code paragraphs, and which kvmctl command each flag in an example belongs to.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

export const readme = (): string => readFileSync(join(ROOT, 'README.md'), 'utf8');

export interface Section {
  heading: string;
  /** The whole section, its subsections included. */
  text: string;
  /** The section down to its first subsection. */
  own: string;
}

const headingLevel = (line: string): number => /^(#+) /.exec(line)?.[1].length ?? 0;

/** Every section whose heading ends in `kvmctl NAME` (a command's own section; one is expected). */
export function commandSections(md: string, name: string): Section[] {
  const lines = md.split('\n');
  const out: Section[] = [];
  lines.forEach((line, i) => {
    const level = headingLevel(line);
    if (!level || !line.trimEnd().endsWith(`\`kvmctl ${name}\``)) return;
    let end = i + 1;
    while (end < lines.length && !(headingLevel(lines[end]) && headingLevel(lines[end]) <= level)) end++;
    let ownEnd = i + 1;
    while (ownEnd < end && !headingLevel(lines[ownEnd])) ownEnd++;
    out.push({ heading: line, text: lines.slice(i, end).join('\n'), own: lines.slice(i, ownEnd).join('\n') });
  });
  return out;
}

/** The names of every command a heading is given to (`### \`kvmctl NAME\``). */
export const headedCommands = (md: string): string[] =>
  md.split('\n').flatMap((l) => (headingLevel(l) ? [/`kvmctl ([a-z]+)`$/.exec(l.trimEnd())?.[1]] : [])).filter((n): n is string => n !== undefined);

/** The rows of the first Markdown table in `text` whose first header cell is `first`. */
export function table(text: string, first: string): string[][] | undefined {
  const lines = text.split('\n');
  const cells = (l: string) => l.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
  const at = lines.findIndex((l) => l.startsWith('|') && cells(l)[0] === first);
  if (at < 0) return undefined;
  const rows: string[][] = [];
  for (let i = at + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(cells(lines[i]));
  return rows;
}

export interface FlagCell {
  long: string;
  short?: string;
  /** What follows the flag's name: `N`, `FILE`, `a|b|c`; empty for a boolean. */
  metavar: string;
}

/** The flags of a flag table's first cell: `` `-g, --group G` ``, `` `--load ADDR`, `--entry ADDR` ``. */
export function flagCells(cell: string): FlagCell[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map(([, span]) => {
    const m = /^(?:-([a-zA-Z]), )?--([a-z][a-z0-9-]*)(?: (.+))?$/.exec(span.trim());
    if (!m) throw new Error(`not a flag: \`${span}\``);
    return { long: m[2], short: m[1], metavar: m[3] ?? '' };
  });
}

/** The exit codes of the paragraph that starts with "Exit codes:" (code spans left out). */
export function exitCodeParagraphs(text: string): number[][] {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.startsWith('Exit codes:'));
  return paragraphs.map((p) => [...new Set([...p.replace(/`[^`]*`/g, '').matchAll(/\b\d+\b/g)].map(([n]) => Number(n)))].sort((a, b) => a - b));
}

/** Code: every code span and every line of a fenced block. */
export function codeSnippets(md: string): string[] {
  const blocks = [...md.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].flatMap(([, body]) => body.split('\n'));
  const spans = [...md.replace(/^```[a-z]*\n[\s\S]*?^```/gm, '').matchAll(/`([^`]+)`/g)].map(([, s]) => s.replace(/\s+/g, ' ').replace(/\\\|/g, '|'));
  return [...blocks, ...spans];
}

/**
 * The flags of a snippet, each with the kvmctl command it follows: `kvmctl vm --bisect -- kvmctl run -g x`
 * gives vm's --bisect and run's -g; `kvmctl --version` is the bare command's (''). A snippet that
 * starts with a flag belongs to `owner` (the section's command) if one is given; flags after another
 * program, or after a bare `--`, belong to no command and are left out.
 */
export function attributedFlags(snippet: string, commands: string[], owner?: string): Array<{ command: string; flag: string }> {
  const out: Array<{ command: string; flag: string }> = [];
  let current = snippet.trim().startsWith('-') && snippet.trim() !== '--' ? owner : undefined;
  const words = snippet.split(/\s+/).map((w) => w.replace(/^\[|\]$/g, '')).filter(Boolean); // [--json] is --json
  words.forEach((w, i) => {
    if (w === 'kvmctl') {
      const next = words[i + 1] ?? '';
      current = commands.includes(next) ? next : next.startsWith('-') ? '' : undefined;
    } else if (w === '--') current = undefined;
    else if (current !== undefined) {
      const long = /^--([a-z][a-z0-9-]*)(?:=.*)?$/.exec(w);
      const short = /^-([a-zA-Z])(?:\d.*)?,?$/.exec(w);
      if (long) out.push({ command: current, flag: `--${long[1]}` });
      else if (short) out.push({ command: current, flag: `-${short[1]}` });
    }
  });
  return out;
}
