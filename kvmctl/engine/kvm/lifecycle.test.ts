// Everything a VM opens is released by one close(): 1,000 VM lifecycles leak no file descriptor and
// no vCPU mapping, and neither does a Machine whose set-up fails after the VM exists.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { readFileSync } from 'node:fs';
import t from 'tap';
import { Machine } from '../../machine/machine.js';
import { runMachine } from '../../machine/run.js';
import { DEFAULT_MEM } from '../../machine/layout.js';
import { guest, LOAD, openFdCount } from '../../../dev/testdata/helpers.js';
import { System } from './system.js';

/** vCPU kvm_run mappings of this process (they show in /proc/self/maps as anon_inode:kvm-vcpu:N). */
const vcpuMappings = (): number => readFileSync('/proc/self/maps', 'utf8').split('\n').filter((l) => l.includes('kvm-vcpu')).length;

t.test('1,000 VM lifecycles leak no fd', async (t) => {
  const system = System.open();
  t.teardown(() => system.close());
  const image = guest('hlt-fib.S', 'long');

  const fdsBefore = openFdCount();
  const mapsBefore = vcpuMappings();
  let hlts = 0;
  let openFdsSeen = 0;
  let mapsSeen = 0;
  for (let i = 0; i < 1000; i++) {
    const machine = new Machine(system, { mode: 'long', memSize: DEFAULT_MEM, load: LOAD, image });
    try {
      if (i === 0) {
        openFdsSeen = openFdCount();
        mapsSeen = vcpuMappings();
      }
      const outcome = runMachine(machine, { timeoutMs: 5000 });
      if (outcome.final.reason === 'hlt' && outcome.regs.rbx === 6765n) hlts++;
    } finally {
      machine.close();
    }
  }
  const fdsAfter = openFdCount();
  const mapsAfter = vcpuMappings();

  t.equal(hlts, 1000, 'every VM ran to HLT with fib(20) in rbx');
  t.ok(openFdsSeen >= fdsBefore + 2, `an open Machine holds its VM and vCPU fds (${fdsBefore} -> ${openFdsSeen})`);
  t.ok(mapsSeen >= mapsBefore + 1, 'an open Machine maps its vCPU\'s kvm_run');
  t.equal(fdsAfter, fdsBefore, `open fds before and after 1,000 VMs: ${fdsBefore} and ${fdsAfter}`);
  t.equal(mapsAfter, mapsBefore, 'no kvm_run mapping is left behind');
});

t.test('a Machine that fails after creating its VM releases it', async (t) => {
  const system = System.open();
  t.teardown(() => system.close());
  const image = guest('hlt-fib.S', 'protected');
  const fdsBefore = openFdCount();
  const mapsBefore = vcpuMappings();
  let failed = 0;
  for (let i = 0; i < 100; i++) {
    // 64 KiB of RAM cannot hold the protected-mode system area at 0xe0000: enterMode throws after the VM,
    // its slot and its vCPU exist.
    try {
      new Machine(system, { mode: 'protected', memSize: 0x10000, load: LOAD, image }).close();
    } catch (e) {
      if (/system area/.test((e as Error).message)) failed++;
    }
  }
  t.equal(failed, 100, 'every construction failed, naming the system area');
  t.equal(openFdCount(), fdsBefore, 'no fd leaked by the failed constructions');
  t.equal(vcpuMappings(), mapsBefore, 'no kvm_run mapping leaked by the failed constructions');
});
