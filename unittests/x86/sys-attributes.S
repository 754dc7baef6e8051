/*
 * feature: KVM_CAP_SYS_ATTRIBUTES - KVM_HAS_DEVICE_ATTR and KVM_GET_DEVICE_ATTR on /dev/kvm: group 0's
 *            KVM_X86_XCOMP_GUEST_SUPP is the XCR0 bits guests may use (x87 and SSE among them), the same as
 *            KVM_GET_SUPPORTED_CPUID's leaf 0xD.0 but for dynamic features not yet permitted; any other
 *            attribute or group is ENXIO
 * groups:  cpuid xsave host-only
 * mode:    real
 * requires: KVM_CAP_SYS_ATTRIBUTES
 * timeout: 3
 * # sys-attributes.host.ts, after the run. Leaf 0xD.0 EDX:EAX is KVM's supported XCR0 masked by this process's
 * # guest permissions, which leave out the dynamic features (AMX tile data, bit 18) until
 * # arch_prctl(ARCH_REQ_XCOMP_GUEST_PERM): so the leaf must be inside the attribute, and equal outside bit 18.
 */
	hlt
