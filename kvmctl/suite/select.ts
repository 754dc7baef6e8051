// Narrowing the suite: name globs, groups, and deterministic shards.
import { createHash } from 'node:crypto';
import type { Spec } from '../harness/spec.js';

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Keeps the specs whose name matches any glob (all when none) and that are in every group given. */
export function filterSpecs(specs: Spec[], globs: string[], groups: string[]): Spec[] {
  const patterns = globs.map(globToRegExp);
  return specs.filter((s) =>
    (patterns.length === 0 || patterns.some((p) => p.test(s.name))) && groups.every((g) => s.groups.includes(g) || s.name === g));
}

/** Shard I of N (1-based): by a hash of the name, so a test stays in its shard as others come and go. */
export function shardSpecs(specs: Spec[], index: number, count: number): Spec[] {
  return specs.filter((s) => createHash('sha1').update(s.name).digest().readUInt32BE(0) % count === index - 1);
}
