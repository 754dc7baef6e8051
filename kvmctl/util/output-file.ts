// A report's --output file is checked before anything runs: a run of minutes must not end in an
// internal error because its report cannot be written.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Throws an InputError naming `flag` unless `path` can be created or overwritten as a file. */
export function checkOutputFile(flag: string, path: string): void {
  const full = resolve(path);
  const existing = statSync(full, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new InputError(`${flag}: ${path} is a directory`);
  const dir = dirname(full);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`${flag}: ${path}: no such directory ${dir}`);
  try {
    accessSync(existing ? full : dir, constants.W_OK);
  } catch {
    throw new InputError(`${flag}: ${path} is not writable`);
  }
}
