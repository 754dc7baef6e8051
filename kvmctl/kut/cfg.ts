// kvm-unit-tests' unittests.cfg: one [section] per test run, `key = value` lines, `#` comments, and
// `"""` for a value over several lines. Each section becomes a run that kvmctl can do, or a reason
// it cannot (a QEMU device or option kvmctl does not have), as kvm-unit-tests' runner would skip it.
// A key the runner does not know is an input error naming file:line.
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { parseCpuModel, type CpuModel } from './cpu-model.js';

export const CFG_KEYS = ['file', 'smp', 'test_args', 'qemu_params', 'extra_params', 'groups', 'arch', 'machine', 'check', 'accel', 'timeout', 'disabled_if'] as const;
type Key = (typeof CFG_KEYS)[number];

/** kvm-unit-tests' defaults: QEMU's 128 MiB and the runner's 90 s. */
export const KUT_DEFAULT_MEM = 128 * 0x100000;
export const KUT_DEFAULT_TIMEOUT_MS = 90_000;
/** RAM stays below 3 GiB: the LAPIC, the IOAPIC and KVM's TSS pages live above it. */
export const KUT_MAX_MEM = 3 * 1024 ** 3;

export interface KutEntry {
  section: string;
  cfg: string;
  line: number;
  image: string;
  vcpus: number;
  memSize: number;
  append: string;
  cpu?: CpuModel;
  groups: string[];
  timeoutMs: number;
  /** `check = path=value ...`: files that must hold those values on the host that runs it. */
  checks: Array<[string, string]>;
  /** In group nodefault: kvm-unit-tests runs it only when a group is selected (-g). */
  nodefault: boolean;
  /** Why kvmctl cannot run this section as written; it is then skipped with this reason. */
  unsupported?: string;
}

interface Section {
  name: string;
  line: number;
  values: Partial<Record<Key, { value: string; line: number }>>;
}

export function parseCfgSections(file: string, text: string): Section[] {
  const sections: Section[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const at = `${file}:${i + 1}`;
    if (line === '' || line.startsWith('#')) continue;
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      if (!/^[A-Za-z0-9_.+-]+$/.test(head[1])) throw new InputError(`${at}: section name '${head[1]}' has characters a test name cannot have`);
      sections.push({ name: head[1], line: i + 1, values: {} });
      continue;
    }
    const kv = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) throw new InputError(`${at}: expected [section] or key = value, got '${line}'`);
    const key = kv[1] as Key;
    if (!CFG_KEYS.includes(key)) throw new InputError(`${at}: unknown unittests.cfg key '${kv[1]}' (known: ${CFG_KEYS.join(', ')})`);
    const current = sections.at(-1);
    if (!current) throw new InputError(`${at}: '${key}' comes before any [section]`);
    let value = kv[2];
    if (value.startsWith('"""')) {
      const parts = [value.slice(3)];
      while (!parts.at(-1)!.includes('"""')) {
        if (++i >= lines.length) throw new InputError(`${at}: a """ value that never ends`);
        parts.push(lines[i]);
      }
      value = parts.join(' ').replace(/""".*$/, '').replace(/\\\s/g, ' ');
    }
    current.values[key] = { value: value.trim(), line: i + 1 };
  }
  return sections;
}

/** Words as a shell would split them, for quotes only; anything a shell would expand is refused. */
function words(text: string): string[] | undefined {
  if (/[`$\\]/.test(text)) return undefined;
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const sizeMiB = (text: string): number | undefined => {
  const m = /^(\d+)([MG]?)$/i.exec(text);
  return m ? Number(m[1]) * (m[2].toUpperCase() === 'G' ? 1024 : 1) * 0x100000 : undefined;
};

/** The run a section describes, for images in `dirname(cfg)/x86` or beside the cfg. */
export function kutEntries(cfg: string, text: string, maxMem: number): KutEntry[] {
  return parseCfgSections(cfg, text).map((s) => {
    const v = (k: Key) => s.values[k]?.value;
    const at = (k: Key) => `${cfg}:${s.values[k]?.line ?? s.line}`;
    const file = v('file');
    if (!file) throw new InputError(`${cfg}:${s.line}: section [${s.name}] has no file`);
    const image = [join(dirname(cfg), 'x86', file), join(dirname(cfg), file)].find((f) => existsSync(f)) ?? join(dirname(cfg), 'x86', file);
    const e: KutEntry = {
      section: s.name, cfg, line: s.line, image, vcpus: 1, memSize: KUT_DEFAULT_MEM, append: '',
      groups: (v('groups') ?? '').split(/\s+/).filter(Boolean), timeoutMs: KUT_DEFAULT_TIMEOUT_MS, checks: [], nodefault: false,
    };
    e.nodefault = e.groups.includes('nodefault');
    const skip = (why: string) => (e.unsupported ??= why);
    if (v('smp') !== undefined) {
      e.vcpus = Number(v('smp'));
      if (!/^\d+$/.test(v('smp')!) || e.vcpus < 1 || e.vcpus > 64) throw new InputError(`${at('smp')}: smp must be 1 to 64, got '${v('smp')}'`);
    }
    if (v('timeout') !== undefined) {
      const t = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(v('timeout')!);
      if (!t) throw new InputError(`${at('timeout')}: timeout must be a number of seconds (or 30s, 2m), got '${v('timeout')}'`);
      e.timeoutMs = Number(t[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[t[2] ?? 's']!;
    }
    for (const c of (v('check') ?? '').split(/\s+/).filter(Boolean)) {
      const eq = c.indexOf('=');
      if (eq <= 0) throw new InputError(`${at('check')}: check must be path=value, got '${c}'`);
      e.checks.push([c.slice(0, eq), c.slice(eq + 1)]);
    }
    if (v('arch') && v('arch') !== 'x86_64') skip(`${v('arch')} only (kvmctl runs x86_64 images)`);
    if (v('accel') && v('accel') !== 'kvm') skip(`${v('accel')} only`);
    if (v('machine')) skip(`needs QEMU machine ${v('machine')}`);
    if (v('disabled_if')) skip(`disabled_if is a shell condition kvmctl does not evaluate: ${v('disabled_if')}`);
    if (v('test_args') !== undefined) {
      const args = words(v('test_args')!);
      if (args) e.append = args.join(' ');
      else skip(`test_args needs a shell to expand: ${v('test_args')}`);
    }
    const params = v('qemu_params') ?? v('extra_params');
    if (params !== undefined) applyQemuParams(e, params, maxMem, skip);
    return e;
  });
}

/** The QEMU options kvmctl can express: -cpu as CPUID, -m, -smp, -append; -enable-kvm is what it does anyway. */
function applyQemuParams(e: KutEntry, params: string, maxMem: number, skip: (why: string) => void): void {
  const w = words(params);
  if (!w) return void skip(`QEMU options need a shell to expand: ${params}`);
  for (let i = 0; i < w.length; i++) {
    const [opt, arg] = [w[i], w[i + 1]];
    if (opt === '-enable-kvm') continue;
    if (arg === undefined) return void skip(`QEMU option ${opt} is not one kvmctl has`);
    i++;
    if (opt === '-cpu') {
      const m = parseCpuModel(arg);
      if (typeof m === 'string') return void skip(m);
      e.cpu = m;
    } else if (opt === '-m') {
      const size = sizeMiB(arg);
      if (size === undefined) return void skip(`QEMU -m ${arg} is not a size kvmctl reads`);
      if (size > maxMem) return void skip(`-m ${arg}: kvmctl's RAM ends below 3 GiB`);
      e.memSize = size;
    } else if (opt === '-smp' && /^\d+$/.test(arg)) e.vcpus = Number(arg);
    else if (opt === '-append') e.append = arg;
    else return void skip(`needs QEMU's ${opt} ${arg}`);
  }
}
