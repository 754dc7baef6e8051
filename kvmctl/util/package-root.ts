// Where the package is installed: package.json and the bundled unittests/ live there.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, from this module's place in dist/kvmctl/util/. */
export const packageRoot = (): string => resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
