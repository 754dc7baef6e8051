/**
 * kvmctl's library: KVM driven through its ioctls, for tests of the KVM ABI.
 *
 * The engine is `System` (/dev/kvm) → `Vm` → `Vcpu`, one method per ioctl, and `vcpu.run()`
 * returns a typed `Exit`. A `Machine` is a VM set up for a CPU mode with a guest image loaded, and
 * `runMachine` runs it to a final exit, serving the test device. `runUnittest` runs a unittest
 * file (a header and a guest program) as `kvmctl run` does, and returns its result.
 *
 * @example The engine alone: a one-byte guest (HLT) in real mode.
 * ```ts
 * import { System } from 'kvmctl';
 * const kvm = System.open();                          // KVM_GET_API_VERSION must be 12
 * const vm = kvm.createVm();                          // KVM_CREATE_VM
 * const slot = vm.addSlot({ slot: 0, gpa: 0n, size: 0x10000 }); // KVM_SET_USER_MEMORY_REGION
 * slot.memory.writeBytes(0x1000, Uint8Array.of(0xf4)); // hlt
 * const vcpu = vm.createVcpu();                       // KVM_CREATE_VCPU
 * const sregs = vcpu.getSregs();
 * sregs.cs.base = 0n; sregs.cs.selector = 0;
 * vcpu.setSregs(sregs);
 * vcpu.setRegs({ rip: 0x1000n, rflags: 2n });
 * console.log(vcpu.run());                            // { reason: 'hlt' }
 * vm.close();
 * kvm.close();
 * ```
 *
 * @example A guest image in long mode, run to its end.
 * ```ts
 * import { Machine, runMachine, System } from 'kvmctl';
 * const kvm = System.open();
 * const image = Uint8Array.of(0xb8, 0x2a, 0, 0, 0, 0xf4); // mov $42, %eax; hlt
 * const machine = new Machine(kvm, { mode: 'long', memSize: 2 << 20, load: 0x1000, image });
 * const outcome = runMachine(machine, { timeoutMs: 1000 });
 * console.log(outcome.final.reason, outcome.regs.rax);  // hlt 42n
 * machine.close();
 * ```
 *
 * @example A unittest, as `kvmctl run` runs it.
 * ```ts
 * import { runUnittest } from 'kvmctl';
 * const result = await runUnittest('unittests/x86/hlt-long.S');
 * console.log(result.verdict, result.failures);       // pass []
 * ```
 */
export { System } from './engine/kvm/system.js';
export { Vm, type Slot, type SlotOptions } from './engine/kvm/vm.js';
export { Vcpu } from './engine/kvm/vcpu.js';
export type { Exit, ExitReason } from './engine/kvm/exit.js';
export { GuestMemory } from './engine/kvm/memory.js';
export { CAPABILITIES } from './engine/abi/capabilities.js';
export type { Regs, Sregs } from './engine/abi/structs.js';
export { Machine, type MachineConfig, type ExtraSlot } from './machine/machine.js';
export { runMachine, type Final, type Outcome, type RunOptions } from './machine/run.js';
export { MODES, type Mode } from './machine/layout.js';
export { PORTS } from './machine/test-device.js';
export { parseHeader } from './harness/header.js';
export type { Spec } from './harness/spec.js';
export { executeTest, type ExecuteOptions, type TestResult } from './harness/execute.js';
export { runUnittest } from './harness/run-unittest.js';
export { EXIT, HostError, InputError } from './errors.js';
