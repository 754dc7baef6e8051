// A shorter soak than `node dist/dev/fuzz/soak.js` (10,000): 2,000 VM lifecycles in this process,
// each running a guest to an I/O exit, an MMIO exit and HLT, with the fds, the vCPU kvm_run mappings
// and RSS sampled every 250 after garbage collection.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import t from 'tap';
import { System } from '../../kvmctl/engine/kvm/system.js';
import { soak } from './soak.js';

const COUNT = 2000;
const EVERY = 250;
/** Samples before this many lifecycles are warm-up: the JIT, V8's heap and malloc's arenas grow there. */
const WARM_UP = 500;

t.test(`${COUNT} VM lifecycles: fds and vCPU mappings equal, RSS flat`, async (t) => {
  const mmapSize = (() => {
    const system = System.open();
    try {
      return system.vcpuMmapSize();
    } finally {
      system.close();
    }
  })();
  const started = performance.now();
  const samples = await soak(COUNT, EVERY);
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  t.comment(samples.map((s) => `${s.lifecycles}: fds ${s.fds} maps ${s.vcpuMaps} rss ${mib(s.rss)}`).join('; '));
  t.comment(`${((performance.now() - started) / 1000).toFixed(1)} s`);

  t.equal(samples.length, COUNT / EVERY + 1, 'a sample before the first lifecycle and after every 250');
  const [before] = samples;
  t.ok(samples.every((s) => s.fds === before.fds), `the fd count never moves from ${before.fds}`);
  t.ok(samples.every((s) => s.vcpuMaps === before.vcpuMaps), `no vCPU kvm_run mapping is left (${before.vcpuMaps} throughout)`);

  // Tolerance: the least a leaked VM would keep resident is its vCPU's kvm_run mapping (KVM_GET_VCPU_MMAP_SIZE,
  // 3 pages here); its guest RAM and the JavaScript objects come on top. A third of that over the lifecycles after
  // warm-up still catches such a leak; what we see instead is below 2 MiB of malloc and heap settling.
  const warm = samples.find((s) => s.lifecycles === WARM_UP)!;
  const last = samples[samples.length - 1];
  const slack = ((COUNT - WARM_UP) * mmapSize) / 3;
  const peak = Math.max(...samples.filter((s) => s.lifecycles >= WARM_UP).map((s) => s.rss));
  t.ok(peak - warm.rss < slack,
    `RSS ${mib(warm.rss)} after ${WARM_UP}, at most ${mib(peak)} after, ${mib(last.rss)} at the end: within ${mib(slack)} ` +
    `(a third of ${COUNT - WARM_UP} leaked kvm_run mappings of ${mmapSize} bytes)`);
});
