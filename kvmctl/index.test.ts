// The package's entry point, imported by its name as a user's code does ('kvmctl', through the
// "exports" of package.json), running the examples its documentation gives.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { join } from 'node:path';
import t from 'tap';
import { ROOT } from '../dev/testdata/helpers.js';

const kvmctl = await import('kvmctl');

t.test('the engine alone: System → Vm → Vcpu runs a HLT in real mode', async (t) => {
  const { System } = kvmctl;
  const kvm = System.open();
  const vm = kvm.createVm();
  const slot = vm.addSlot({ slot: 0, gpa: 0n, size: 0x10000 });
  slot.memory.writeBytes(0x1000, Uint8Array.of(0xf4));
  const vcpu = vm.createVcpu();
  const sregs = vcpu.getSregs();
  sregs.cs.base = 0n;
  sregs.cs.selector = 0;
  vcpu.setSregs(sregs);
  vcpu.setRegs({ rip: 0x1000n, rflags: 2n });
  t.same(vcpu.run(), { reason: 'hlt' });
  t.equal(vcpu.getRegs().rip, 0x1001n, 'RIP past the HLT');
  vm.close();
  kvm.close();
});

t.test('a Machine in long mode, run to its end', async (t) => {
  const { Machine, runMachine, System } = kvmctl;
  const kvm = System.open();
  const machine = new Machine(kvm, { mode: 'long', memSize: 2 << 20, load: 0x1000, image: Uint8Array.of(0xb8, 0x2a, 0, 0, 0, 0xf4) });
  const outcome = runMachine(machine, { timeoutMs: 5000 });
  t.equal(outcome.final.reason, 'hlt');
  t.equal(outcome.regs.rax, 42n);
  machine.close();
  kvm.close();
});

t.test('a unittest, as kvmctl run runs it', async (t) => {
  const result = await kvmctl.runUnittest(join(ROOT, 'unittests', 'x86', 'hlt-long.S'));
  t.equal(result.verdict, 'pass', JSON.stringify(result.failures));
  t.same(result.failures, []);
});

t.test('the entry point exports the documented API', async (t) => {
  for (const name of ['System', 'Vm', 'Vcpu', 'GuestMemory', 'Machine', 'runMachine', 'parseHeader', 'executeTest', 'runUnittest', 'CAPABILITIES', 'MODES', 'PORTS', 'EXIT', 'InputError', 'HostError']) {
    t.ok(name in kvmctl, name);
  }
});
