// Every command of the CLI, in help order.
import type { Command } from './command.js';
import { execCommand } from './exec.js';
import { infoCommand } from './info.js';
import { runCommand } from './run.js';

export const commands: Command<never>[] = [runCommand, execCommand, infoCommand];
