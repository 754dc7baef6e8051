// Fallback for peak RSS when /usr/bin/time is absent: runs the CLI inside this process and writes
// process.resourceUsage().maxRSS (KiB) to a file at exit. Usage: node rss-wrapper.js OUT CLI ARGS...
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [out, cli, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], cli, ...args];
process.on('exit', () => writeFileSync(out, `${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(cli).href);
