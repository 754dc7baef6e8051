/*
 * feature: KVM_CAP_CHECK_EXTENSION_VM - KVM_CHECK_EXTENSION on a VM fd answers for that VM: it reports
 *            KVM_CAP_CHECK_EXTENSION_VM itself, 0 for an unknown capability, and the VM's KVM_CAP_MULTI_ADDRESS_SPACE
 *            and KVM_CAP_NR_MEMSLOTS are the limits its KVM_SET_USER_MEMORY_REGION enforces
 * groups:  vm memory host-only
 * mode:    real
 * requires: KVM_CAP_CHECK_EXTENSION_VM
 * timeout: 3
 * # check-extension-vm.host.ts, after the run, on a new VM: with A = the VM's KVM_CAP_MULTI_ADDRESS_SPACE (2 on
 * # x86: SMM) and N = its KVM_CAP_NR_MEMSLOTS, a slot in address space A-1 and slot N-1 are accepted, address
 * # space A and slot N are EINVAL (the slot field's upper 16 bits are the address space).
 */
	hlt
