/*
 * feature: KVM_CAP_MAX_VCPUS - a VM takes as many vCPUs as its KVM_CHECK_EXTENSION(KVM_CAP_MAX_VCPUS) says, and
 *            KVM_CREATE_VCPU of one more is EINVAL (at an ID still below KVM_CAP_MAX_VCPU_ID)
 * groups:  vm vcpu host-only
 * mode:    real
 * requires: KVM_CAP_MAX_VCPUS
 * timeout: 60
 * # max-vcpus.host.ts, after the run, on a new VM: max = the VM's KVM_CAP_MAX_VCPUS (1024 on x86 6.1), vCPUs
 * # 0 to max - 1 are created, then vCPU max is EINVAL. The ID max is below KVM_CAP_MAX_VCPU_ID (4096), so the
 * # refusal is the count, not the ID (that limit is max-vcpu-id's). Creating them takes about 7 s under TCG (more on a busy host).
 */
	hlt
