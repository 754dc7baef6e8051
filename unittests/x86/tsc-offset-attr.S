/*
 * feature: KVM_CAP_VCPU_ATTRIBUTES - the vCPU's KVM_VCPU_TSC_CTRL group: KVM_SET_DEVICE_ATTR of KVM_VCPU_TSC_OFFSET
 *            moves the guest's RDTSC by the change; KVM_GET_DEVICE_ATTR reads the offset back (less the host
 *            cycles since, where the host TSC is unstable); KVM_HAS_DEVICE_ATTR knows that attribute only
 *            (another one, or another group, is ENXIO)
 * groups:  vcpu tsc
 * mode:    long
 * requires: KVM_CAP_VCPU_ATTRIBUTES
 * timeout: 5
 * # The guest reads the TSC into R8, then at checkpoint 1 tsc-offset-attr.host.ts reads the offset and sets it
 * # 2^50 higher; the second RDTSC goes to R9. R9 - R8 is 2^50 plus the cycles in between (far fewer than 2^40),
 * # so (R9 - R8) >> 40 is 0x400 exactly.
 * expect:  regs r10=0x400
 */
	.include "testdev.inc"
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r8
	checkpoint 1			/* the host adds 2^50 to the TSC offset */
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r9
	mov	%r9, %r10
	sub	%r8, %r10
	shr	$40, %r10
	hlt
