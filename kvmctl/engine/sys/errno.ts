// errno numbers and their symbols (EINVAL, EEXIST, ...), without the FFI: headers name errnos too.
import os from 'node:os';

const errnoNames = new Map<number, string>();
for (const [name, nr] of Object.entries(os.constants.errno)) if (!errnoNames.has(nr)) errnoNames.set(nr, name);

export const errnoName = (errno: number): string => errnoNames.get(errno) ?? `errno ${errno}`;
export const errnoNumber = (name: string): number | undefined => (os.constants.errno as Record<string, number>)[name];
