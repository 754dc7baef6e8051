// Guest programs: a .S/.s file is assembled with GNU as and linked with ld into a flat binary at its
// load address, cached by content hash. Any other file is a raw flat binary, loaded as it is.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Mode } from '../modes/layout.js';

export interface BuildOptions {
  mode: Mode;
  load: number;
  /** Extra include folders for `.include`. The source's own folder is always searched. */
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
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  throw new InputError(`${name}: not found in PATH; install GNU binutils (apt-get install binutils)`);
}

const INCLUDE = /^\s*\.include\s+"([^"]+)"/gm;

/** The source plus every file it includes (recursively), for the cache key. */
function includedSources(file: string, source: string, dirs: string[], seen = new Set<string>()): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(INCLUDE)) {
    const name = m[1];
    const found = [dirname(file), ...dirs].map((d) => resolve(d, name)).find((p) => {
      try { return statSync(p).isFile(); } catch { return false; }
    });
    if (!found || seen.has(found)) continue;
    seen.add(found);
    const text = readFileSync(found, 'utf8');
    out.push(found, text, ...includedSources(found, text, dirs, seen));
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
    .update(JSON.stringify([text, includedSources(resolve(file), text, dirs), options.mode, options.load, toolStamp(as), toolStamp(ld), 2]))
    .digest('hex')
    .slice(0, 32);

  const dir = cacheDir();
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
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) throw new InputError(`${file}: cannot run ${tool}: ${r.error.message}`);
  if (r.status !== 0) throw new InputError(firstDiagnostic(r.stderr, tool, file, srcPath));
}

/** Turns as/ld output into one `file:line: message` line, naming the source as the user did. */
function firstDiagnostic(stderr: string, tool: string, file: string, srcPath: string): string {
  const line = stderr.split('\n').find((l) => /:\d+: (Error|Fatal error|error): /.test(l) || /\berror\b/i.test(l));
  if (!line) return `${file}: ${tool} failed`;
  const m = /^(.*?):(\d+): (?:Error|Fatal error|error): (.*)$/.exec(line);
  if (!m) return `${file}: ${line.trim()}`;
  const rel = isAbsolute(m[1]) ? relative(process.cwd(), m[1]) : m[1];
  const where = m[1] === srcPath ? file : rel.startsWith('..') ? m[1] : rel;
  return `${where}:${m[2]}: ${m[3]}`;
}
