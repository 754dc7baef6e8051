/*
 * feature: KVM_CAP_MAX_VCPU_ID - KVM_CREATE_VCPU takes any ID below the capability's value (ID max - 1 works)
 *            and fails with EINVAL at ID max
 * groups:  vcpu host-only
 * requires: KVM_CAP_MAX_VCPU_ID
 * timeout: 3
 * # max-vcpu-id.host.ts, after vCPU 0's run: KVM_CHECK_EXTENSION(KVM_CAP_MAX_VCPU_ID) gives max (4096 on
 * # x86 6.1); KVM_CREATE_VCPU(max - 1) succeeds, KVM_CREATE_VCPU(max) is EINVAL.
 */
	.include "testdev.inc"
	exit_status 0
