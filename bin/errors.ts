// Maps what a command threw to the documented exit code and a one-line message on stderr.
import { EXIT, HostError, InputError } from '../kvmctl/errors.js';

export function reportError(e: unknown): number {
  const oneLine = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  if (e instanceof InputError) {
    process.stderr.write(`kvmctl: ${oneLine(e.message)}\n`);
    return EXIT.input;
  }
  if (e instanceof HostError) {
    process.stderr.write(`kvmctl: ${oneLine(e.message)}\n`);
    return EXIT.host;
  }
  const err = e as Error;
  process.stderr.write(`kvmctl: internal error: ${oneLine(err?.message ?? String(e))}${process.env.KVMCTL_DEBUG ? `\n${err?.stack}` : ' (set KVMCTL_DEBUG=1 for the stack)'}\n`);
  return EXIT.failed;
}
