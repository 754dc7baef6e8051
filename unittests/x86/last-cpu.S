/*
 * feature: KVM_CAP_LAST_CPU - a KVM_EXIT_FAIL_ENTRY names in fail_entry.cpu the host CPU of the refused VM entry
 * groups:  vcpu exits
 * requires: KVM_CAP_LAST_CPU
 * mode:    long
 * timeout: 5
 * # The entry is refused by the CPU, not by KVM: 64-bit mode with CS.L and CS.D both set, which
 * # KVM_SET_SREGS accepts and VMRUN (or VMX's guest-state checks) does not. last-cpu.host.ts pins the
 * # thread that runs the vCPU to the highest CPU it may use before the run, so the entry can only have
 * # been tried there, checks fail_entry.cpu against it, and gives the thread its CPUs back.
 * on:      start => set-sregs cs.db=1
 * exits:   exact
 * expect:  exit fail_entry
 * expect:  final fail_entry
 */
	hlt				/* never runs */
