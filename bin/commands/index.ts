// Every command of the CLI, in help order.
import type { Command } from './command.js';
import { compareCommand } from './compare.js';
import { coverageCommand } from './coverage.js';
import { execCommand } from './exec.js';
import { infoCommand } from './info.js';
import { kutCommand } from './kut.js';
import { listCommand } from './list.js';
import { mergeCommand } from './merge.js';
import { newCommand } from './new.js';
import { runCommand } from './run.js';
import { vmCommand } from './vm.js';

export const commands: Command<never>[] = [runCommand, listCommand, execCommand, kutCommand, infoCommand, coverageCommand, newCommand, compareCommand, mergeCommand, vmCommand];
