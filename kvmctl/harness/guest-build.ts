// Guest programs: a .S/.s file is assembled with GNU as and linked with ld into a flat binary at its
// load address, cached by content hash. Any other file is a raw flat binary, loaded as it is.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { findExecutable } from '../util/find-executable.js';
import type { Mode } from '../machine/layout.js';

export interface BuildOptions {
  mode: Mode;
  load: number;
  /**
   * Extra include folders for `.include` (a suite's shared include folder). The source's own folder is
   * always searched first. `.include` and `.incbin` may name files in these folders only.
   */
  includeDirs?: string[];
}

export const isAssembly = (file: string): boolean => /\.(S|s|asm)$/.test(file);

export function cacheDir(): string {
  const base = process.env.KVMCTL_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache'), 'kvmctl');
  return base;
}

/** Reads a guest file: assembles it when it is assembly, else returns its bytes. */
export function loadGuest(file: string, options: BuildOptions): Uint8Array {
  let source: Buffer;
  try {
    source = readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (!isAssembly(file)) {
    if (source.length === 0) throw new InputError(`${file}: empty guest binary`);
    return new Uint8Array(source.buffer, source.byteOffset, source.length);
  }
  return assemble(file, source, options);
}

function findTool(name: string): string {
  const found = findExecutable(name);
  if (found) return found;
  throw new InputError(`${name}: not found in PATH; install GNU binutils (apt-get install binutils)`);
}

/**
 * The `.include` and `.incbin` directives of assembly source, with their line numbers: comments (block
 * comments, and `#` to the end of a line outside a string) are skipped, and a directive may follow a label
 * or a `;`. `name` is undefined when the operand is not a plain quoted file name (a macro argument, say).
 */
export function includeDirectives(source: string): Array<{ directive: string; name?: string; line: number }> {
  // Blank out comments, keeping strings, character constants and newlines: what is left is code at its original lines.
  let code = '';
  for (let i = 0, inString = false; i < source.length; i++) {
    const ch = source[i];
    if (inString) {
      code += ch;
      if (ch === '\\') code += source[++i] ?? '';
      else if (ch === '"' || ch === '\n') inString = false;
    } else if (ch === '"') {
      inString = true;
      code += ch;
    } else if (ch === "'") {
      // A character constant: 'c, '\\n (and the 'c' some write) is not the start of a comment.
      const len = source[i + 1] === '\\' ? 3 : 2;
      code += source.slice(i, i + len);
      i += len - 1;
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const skipped = source.slice(i, end < 0 ? source.length : end + 2);
      code += skipped.replace(/[^\n]/g, ' ');
      i += skipped.length - 1;
    } else if (ch === '#') {
      while (i + 1 < source.length && source[i + 1] !== '\n') i++;
    } else code += ch;
  }
  const out: Array<{ directive: string; name?: string; line: number }> = [];
  code.split('\n').forEach((text, n) => {
    for (const m of text.matchAll(/(?:^|[\s;:])\.(include|incbin)\b[ \t]*("[^"\n]*"?|[^;\n]*)/gi)) {
      const name = /^"([^"\\]*)"/.exec(m[2].trim())?.[1];
      out.push({ directive: `.${m[1].toLowerCase()}`, name, line: n + 1 });
    }
  });
  return out;
}

const inside = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
const real = (p: string): string => {
  try { return realpathSync(p); } catch { return resolve(p); }
};

/**
 * The source plus every file it includes (recursively), for the cache key. Every `.include` and
 * `.incbin` must name a file that GNU as (run in the source's folder, with -I for each folder) finds in
 * the source's folder or an include folder, and that stays inside one of them once links are followed:
 * a test cannot pull in a file from anywhere else.
 */
function includedSources(file: string, source: string, dirs: string[], shown: string, seen = new Set<string>()): string[] {
  const out: string[] = [];
  const roots = [dirname(file), ...dirs];
  const realRoots = roots.map(real);
  for (const inc of includeDirectives(source)) {
    const where = `${shown}:${inc.line}`;
    if (inc.name === undefined) throw new InputError(`${where}: ${inc.directive} needs a plain quoted file name, so kvmctl can check where it points`);
    const outside = () => new InputError(`${where}: ${inc.directive} "${inc.name}" is outside the test's folder and the suite's include folder`);
    if (isAbsolute(inc.name)) throw outside();
    const found = roots.map((d) => resolve(d, inc.name!)).find((p) => {
      try { return statSync(p).isFile(); } catch { return false; }
    });
    if (!found) continue; // as reports it: "can't open ... for reading"
    const target = real(found);
    if (!realRoots.some((r) => inside(target, r))) throw outside();
    if (inc.directive === '.incbin' || seen.has(target)) continue;
    seen.add(target);
    const text = readFileSync(found, 'utf8');
    out.push(found, text, ...includedSources(file, text, dirs, relative(process.cwd(), found) || found, seen));
  }
  return out;
}

function toolStamp(path: string): string {
  const s = statSync(path);
  return `${path}:${s.size}:${s.mtimeMs}`;
}

function assemble(file: string, source: Buffer, options: BuildOptions): Uint8Array {
  const as = findTool('as');
  const ld = findTool('ld');
  const dirs = (options.includeDirs ?? []).map((d) => resolve(d));
  const text = source.toString('utf8');
  const key = createHash('sha256')
    .update(JSON.stringify([text, includedSources(resolve(file), text, dirs, file), options.mode, options.load, toolStamp(as), toolStamp(ld), 2]))
    .digest('hex')
    .slice(0, 32);

  const dir = resolve(cacheDir());
  const cached = join(dir, `${key}.bin`);
  try {
    return new Uint8Array(readFileSync(cached));
  } catch {
    /* miss */
  }
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new InputError(`${dir}: cache folder is not writable (${(e as NodeJS.ErrnoException).code ?? e}); set KVMCTL_CACHE_DIR`);
  }

  const work = join(dir, `tmp-${process.pid}-${key}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(work, { mode: 0o700 });
  try {
    const prelude = join(work, 'mode.s');
    writeFileSync(prelude, options.mode === 'real' ? '.code16\n' : options.mode === 'protected' ? '.code32\n' : '.code64\n');
    const script = join(work, 'flat.ld');
    // One output section in source order, so .data follows .text with no page-sized gap.
    writeFileSync(script, `SECTIONS { . = 0x${options.load.toString(16)}; .image : { *(.text*) *(.rodata*) *(.data*) *(.bss*) *(COMMON) } /DISCARD/ : { *(.note*) *(.comment) *(.eh_frame*) } }\n`);
    const object = join(work, 'guest.o');
    const srcPath = resolve(file);
    const includeArgs = [dirname(srcPath), ...dirs].flatMap((d) => ['-I', d]);
    run(as, ['--64', ...includeArgs, '-o', object, prelude, srcPath], file, srcPath);
    const out = join(work, 'guest.bin');
    run(ld, ['-m', 'elf_x86_64', '-T', script, '--oformat', 'binary', '-o', out, object], file, srcPath);
    const bytes = readFileSync(out);
    if (bytes.length === 0) throw new InputError(`${file}: assembled to an empty binary`);
    renameSync(out, cached); // atomic: a parallel run sees the whole file or none
    return new Uint8Array(bytes);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(tool: string, args: string[], file: string, srcPath: string): void {
  // In the source's folder: GNU as looks for an include in its working folder before the -I folders.
  const r = spawnSync(tool, args, { encoding: 'utf8', cwd: dirname(srcPath) });
  if (r.error) throw new InputError(`${file}: cannot run ${tool}: ${r.error.message}`);
  if (r.status !== 0) throw new InputError(firstDiagnostic(r.stderr, tool, file, srcPath));
}

/** Turns as/ld output into one `file:line: message` line, naming the source as the user did. */
function firstDiagnostic(stderr: string, tool: string, file: string, srcPath: string): string {
  // The first `file:line: Error:` line; failing that, any line that says error (not as's "Assembler messages:" banner,
  // whose file name may well contain the word).
  const lines = stderr.split('\n');
  const line = lines.find((l) => /:\d+: (Error|Fatal error|error): /.test(l)) ?? lines.find((l) => /\berror\b/i.test(l) && !/: Assembler messages:$/.test(l));
  if (!line) return `${file}: ${tool} failed`;
  const m = /^(.*?):(\d+): (?:Error|Fatal error|error): (.*)$/.exec(line);
  if (!m) return `${file}: ${line.trim()}`;
  const rel = relative(process.cwd(), resolve(dirname(srcPath), m[1])); // as names files from its working folder
  const where = m[1] === srcPath ? file : rel.startsWith('..') ? resolve(dirname(srcPath), m[1]) : rel;
  return `${where}:${m[2]}: ${m[3]}`;
}
