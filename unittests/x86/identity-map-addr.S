/*
 * feature: KVM_SET_IDENTITY_MAP_ADDR - accepted on a VM without vCPUs, EINVAL once a vCPU exists
 * groups:  vm host-only
 * mode:    real
 * requires: KVM_CAP_SET_IDENTITY_MAP_ADDR
 * timeout: 3
 * # identity-map-addr.host.ts, after the run, on a VM of its own: KVM_SET_IDENTITY_MAP_ADDR(0xfeffc000) succeeds,
 * # then KVM_CREATE_VCPU, then the same call is EINVAL, as api.rst says ("Fails if any VCPU has already been
 * # created"). The address itself only matters to Intel's EPT real mode; on AMD it has no other effect.
 */
	hlt
