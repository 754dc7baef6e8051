/*
 * feature: KVM_CAP_NESTED_STATE - on SVM, KVM_GET_NESTED_STATE outside guest mode gives format SVM, a 128-byte state
 *            and KVM_STATE_NESTED_GIF_SET as the guest's GIF; KVM_SET_NESTED_STATE of a state read earlier sets
 *            GIF back, and a state read again matches
 * groups:  vcpu nested
 * requires: KVM_CAP_NESTED_STATE vendor=amd cpuid=svm
 * mode:    long
 * timeout: 5
 * # The guest sets EFER.SVME (the guest CPUID offers SVM, as KVM_GET_SUPPORTED_CPUID does when kvm_amd's
 * # nested=1) and clears GIF with CLGI. nested-state-svm.host.ts: KVM_CHECK_EXTENSION(KVM_CAP_NESTED_STATE) is
 * # the largest state (header + vmcb12 page); at checkpoint 1 (GIF=1) the state is format 1, size 128, flags
 * # GIF_SET; at checkpoint 2 (after CLGI) flags are 0; KVM_SET_NESTED_STATE of checkpoint 1's bytes makes
 * # KVM_GET_NESTED_STATE read GIF_SET again, and of checkpoint 2's clears it; at checkpoint 3, after the
 * # guest's STGI, GIF_SET is back.
 * expect:  final hlt
 * expect:  sregs efer=0x1000/0x1000
 */
	.include "testdev.inc"
	mov	$0xc0000080, %ecx	/* EFER */
	rdmsr
	or	$0x1000, %eax		/* SVME */
	wrmsr
	checkpoint 1			/* GIF set */
	clgi
	checkpoint 2			/* GIF clear */
	stgi
	checkpoint 3			/* GIF set again */
	hlt
