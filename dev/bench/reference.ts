// Compiles reference.c with cc -O2 at bench time, into a private temporary folder.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function buildReference(root: string, workDir: string): Promise<string> {
  const source = join(root, 'dev', 'bench', 'reference.c');
  if (!existsSync(source)) throw new Error(`${source}: missing (the bench needs the repository's C reference)`);
  const out = join(workDir, 'reference');
  const cc = process.env.CC || 'cc';
  try {
    await run(cc, ['-O2', '-o', out, source]);
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cc} -O2 ${source} failed: ${err.stderr?.trim() || err.message}`);
  }
  return out;
}
