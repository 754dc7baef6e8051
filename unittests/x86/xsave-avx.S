/*
 * feature: KVM_GET_XSAVE / KVM_SET_XSAVE of AVX state - the guest's ymm0 is in the XSAVE image (xmm0 and
 *            YMM_Hi128), and ymm1 written into the image by the host is what the guest stores
 * groups:  vcpu fpu xsave
 * requires: KVM_CAP_XSAVE KVM_CAP_XCRS host-cpu=xsave host-cpu=avx
 * mode:    long
 * timeout: 5
 * # Set-up, not under test: xsave-avx.host.ts sets XCR0 = 7 (x87, SSE, AVX) with KVM_SET_XCRS before the run
 * # (xcrs-xgetbv tests that), as a VMM restoring state would; the guest only sets CR4.OSXSAVE. (A guest xsetbv
 * # would do too on hardware, but QEMU 7.2's TCG does not check the XSETBV intercept, so KVM would never learn
 * # of it and would load its own XCR0 = 1 again at the next entry.) At checkpoint 1 the host file reads the
 * # image (YMM_Hi128 at the offset CPUID leaf 0xD.2 EBX gives) and writes ymm1 = bytes 40..5f with
 * # XSTATE_BV.AVX set.
 * # kvm-unit-tests' xsave test hangs on kvm_pvm, hence the short timeout.
 * expect:  final hlt
 * expect:  mem 0x3000 404142434445464748494a4b4c4d4e4f 505152535455565758595a5b5c5d5e5f
 */
	.include "testdev.inc"
	mov	%cr4, %rax
	or	$0x40000, %rax		/* CR4.OSXSAVE */
	mov	%rax, %cr4
	vmovdqu	pattern, %ymm0
	checkpoint 1
	vmovdqu	%ymm1, 0x3000
	hlt
	.balign	32
pattern:
	.byte	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f
	.byte	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f
