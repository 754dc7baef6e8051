// A worker torn down while it loads koffi's native addon aborts the whole process (CI saw
// "FATAL ERROR: napi_throw" after a header error ended `kvmctl run` early). These pin the rule.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { execFile } from 'node:child_process';
import t from 'tap';
import { nodeChild } from '../../dev/testdata/helpers.js';
import { startWorker, stopWorker } from './prewarm.js';

t.test('stopWorker waits for a booting worker to be ready before it ends it', async (t) => {
  const s = startWorker();
  let ready = false;
  void s.ready.then(() => (ready = true), () => {});
  const exited = new Promise<number>((r) => s.worker.once('exit', r));
  await stopWorker(s);
  t.ok(ready, 'the worker said ready first');
  t.equal(typeof (await exited), 'number', 'then it exited');
});

// A child that prewarms, keeps its main thread busy for a while (as a CLI parsing and failing would),
// then discards the spare. It must wait for the worker and print "done", whatever the delay.
const CHILD = `
const { prewarm, discardPrewarmed } = await import(process.argv[1]);
prewarm();
const until = Date.now() + Number(process.argv[2]);
while (Date.now() < until) {}
await discardPrewarmed();
console.log('done');
`;

t.test('a process that discards its spare worker at any point of its boot exits cleanly', async (t) => {
  const module = new URL('./prewarm.js', import.meta.url).href;
  for (let delay = 0; delay <= 100; delay += 10) {
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(...nodeChild(['--input-type=module', '-e', CHILD, module, String(delay)]), (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
      });
    });
    t.same(r, { code: 0, stdout: 'done\n', stderr: '' }, `busy for ${delay} ms before the discard`);
  }
});
