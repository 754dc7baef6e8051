// Reading and checking a kvm-unit-tests image with everything placed beside it, before any KVM: one
// InputError naming the file for each problem (exit 2, and nothing runs).
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { baseEnvironment, bootInfoBytes, environmentText } from './boot-info.js';
import { parseMultiboot, type MultibootImage } from './multiboot.js';

/** Reads and checks the image and everything placed with it; an InputError naming the file for any problem. */
export function loadKutImage(file: string, memSize: number, vcpus: number, append: string, env: Array<[string, string]>): MultibootImage {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const image = parseMultiboot(file, bytes, memSize);
  try {
    bootInfoBytes(image.end, memSize, `${file} ${append}`, environmentText([...baseEnvironment(vcpus, memSize), ...env]));
  } catch (e) {
    throw e instanceof InputError ? new InputError(`${file}: ${e.message}`) : e;
  }
  return image;
}

