// `kvmctl exec FILE`: run one guest and print how it ended. The flags and the --json shape are a
// contract that scripts rely on (see the README).
import type { Argv } from 'yargs';
import { CONTROL_NAMES } from '../../kvmctl/engine/abi/structs.js';
import { InputError } from '../../kvmctl/errors.js';
import { EXIT_FIELDS } from '../../kvmctl/machine/trace.js';
import { DEFAULT_LOAD, MODES, type Mode } from '../../kvmctl/machine/layout.js';
import { DEFAULT_TIMEOUT_MS, DURATION_FORMS, parseDuration } from '../../kvmctl/util/duration.js';
import { isControlName, isRegName, parseAddress, parseHexBytes, parseSize, parseU64, splitAssignment } from '../../kvmctl/util/parse.js';
import type { ExecPlan } from '../../kvmctl/harness/exec-binary.js';
import type { Command } from './command.js';

/**
 * The header's exit reasons (one table, EXIT_FIELDS), less io and mmio: exec has no host actions to
 * stop at one, so the run loop serves them and resumes, and such an expectation could never pass.
 */
export const EXEC_FINAL_REASONS = Object.keys(EXIT_FIELDS).filter((r) => r !== 'io' && r !== 'mmio');

export interface ExecArgs {
  file: string;
  mode: Mode;
  mem: string;
  load?: string;
  entry?: string;
  reg: string[];
  'expect-reg': string[];
  'expect-exit'?: string;
  'expect-mem': string[];
  timeout?: string;
  trace: boolean;
  json: boolean;
}

export const execCommand: Command<ExecArgs> = {
  name: 'exec',
  usage: 'exec <file>',
  describe: 'run one guest (.S is assembled; anything else is a flat binary) and print how it ended',
  exits: {
    0: 'the run ended as expected (without --expect-exit: HLT or status 0) and every expectation held',
    1: 'an expectation failed',
    2: 'a bad flag, a guest that does not assemble or does not fit in its memory',
    3: 'this host cannot run guests: no usable /dev/kvm',
  },
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'guest program: .S/.s assembly or a flat binary' })
      .option('mode', { choices: MODES as Mode[], default: 'real' as Mode, describe: 'CPU mode set up by the host' })
      .option('mem', { type: 'string', default: '2M', describe: 'guest RAM size (64K, 2M, 1G)' })
      .option('load', { type: 'string', describe: 'guest physical load address', defaultDescription: '0x1000' })
      .option('entry', { type: 'string', describe: 'entry point', defaultDescription: 'the load address' })
      .option('reg', { type: 'string', array: true, default: [], describe: 'initial register NAME=VALUE (GPRs, rip, rflags)' })
      .option('expect-reg', { type: 'string', array: true, default: [], describe: `final register NAME=VALUE (GPRs, rip, rflags, ${CONTROL_NAMES.join(', ')})` })
      .option('expect-exit', { type: 'string', choices: EXEC_FINAL_REASONS, describe: 'the final exit reason' })
      .option('expect-mem', { type: 'string', array: true, default: [], describe: 'guest memory ADDR=HEXBYTES after the run' })
      .option('timeout', { type: 'string', describe: 'seconds (or 500ms, 2m) before the guest is stopped', defaultDescription: `${DEFAULT_TIMEOUT_MS / 1000}` })
      .option('trace', { type: 'boolean', default: false, describe: 'print every exit on stderr' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object' }),
  handler: async (argv) => {
    const plan = parseExecArgs(argv);
    const { runExec } = await import('../../kvmctl/harness/exec-binary.js');
    return runExec(plan);
  },
};

export function parseExecArgs(a: ExecArgs): ExecPlan {
  const memSize = parseSize(a.mem);
  if (memSize === undefined || memSize < 4096 || memSize % 4096 !== 0 || memSize > 16 * 1024 ** 3)
    throw new InputError(`--mem: invalid size '${a.mem}' (a multiple of 4K up to 16G, such as 64K, 2M, 1G)`);
  const address = (flag: string, text: string | undefined, fallback?: number) => {
    if (text === undefined) return fallback;
    const v = parseAddress(text);
    if (v === undefined) throw new InputError(`${flag}: invalid address '${text}' (decimal or 0x-hex)`);
    return v;
  };
  const assignments = (flag: string, items: string[], allowControl: boolean): Array<[string, bigint]> =>
    items.map((item) => {
      const kv = splitAssignment(item);
      if (!kv) throw new InputError(`${flag}: expected NAME=VALUE, got '${item}'`);
      const [name, text] = kv;
      if (!isRegName(name) && !(allowControl && isControlName(name))) throw new InputError(`${flag}: unknown register '${name}'`);
      const value = parseU64(text);
      if (value === undefined) throw new InputError(`${flag}: invalid value '${text}' for ${name} (decimal or 0x-hex, up to 64 bits)`);
      return [name, value];
    });
  const timeoutMs = a.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(String(a.timeout));
  if (timeoutMs === undefined || timeoutMs <= 0) throw new InputError(`--timeout: expected a positive duration (${DURATION_FORMS}), got '${a.timeout}'`);
  return {
    file: a.file,
    mode: a.mode,
    memSize,
    load: address('--load', a.load, DEFAULT_LOAD)!,
    entry: address('--entry', a.entry),
    regs: Object.fromEntries(assignments('--reg', a.reg, false)),
    expectRegs: assignments('--expect-reg', a['expect-reg'], true),
    expectExit: a['expect-exit'],
    expectMem: a['expect-mem'].map((item) => {
      const kv = splitAssignment(item);
      const addr = kv && parseAddress(kv[0]);
      const bytes = kv && parseHexBytes(kv[1]);
      if (!kv || addr === undefined || !bytes) throw new InputError(`--expect-mem: expected ADDR=HEXBYTES, got '${item}'`);
      return [addr, bytes];
    }),
    timeoutMs,
    trace: a.trace,
    json: a.json,
  };
}
