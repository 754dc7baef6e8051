/*
 * feature: KVM_CAP_EXIT_HYPERCALL - once enabled with bit 12 (KVM_HC_MAP_GPA_RANGE), that hypercall exits to
 *            userspace as KVM_EXIT_HYPERCALL with nr, the guest's arguments and longmode; kvm_run.hypercall.ret
 *            is the guest's RAX when it resumes
 * groups:  exits hypercall
 * requires: KVM_CAP_EXIT_HYPERCALL&0x1000
 * mode:    long
 * timeout: 5
 * # KVM_HC_MAP_GPA_RANGE (Documentation/virt/kvm/x86/hypercalls.rst): RBX the GPA (page aligned), RCX the
 * # page count, RDX the attributes (0x10: KVM_MAP_GPA_RANGE_ENCRYPTED, 4K pages). The guest uses its vendor's
 * # instruction (VMMCALL on AMD and Hygon, VMCALL elsewhere; see hypercall.S). The host answers with ret=0
 * # the first time; the second call, with other arguments, gets a made-up 0x77 to show that ret is passed
 * # through as it is.
 * enable-cap: KVM_CAP_EXIT_HYPERCALL 0x1000
 * on:      exit hypercall #1 => answer 0
 * on:      exit hypercall #2 => answer 0x77
 * exits:   exact
 * expect:  exit hypercall nr=12 arg0=0x200000 arg1=4 arg2=0x10 longmode=1
 * expect:  exit hypercall nr=12 arg0=0x7ff000 arg1=1 arg2=0 longmode=1
 * expect:  exit hlt
 * expect:  regs r8=0 rax=0x77 rbx=0x7ff000 rcx=1 rdx=0
 */
	xor	%eax, %eax
	cpuid				/* leaf 0: EBX holds the first 4 vendor characters */
	mov	%ebx, %edi
	mov	$12, %eax		/* KVM_HC_MAP_GPA_RANGE */
	mov	$0x200000, %ebx
	mov	$4, %ecx
	mov	$0x10, %edx
	call	hypercall
	mov	%rax, %r8
	mov	$12, %eax
	mov	$0x7ff000, %ebx
	mov	$1, %ecx
	xor	%edx, %edx
	call	hypercall
	hlt

hypercall:
	cmp	$0x68747541, %edi	/* "Auth"enticAMD */
	je	1f
	cmp	$0x6f677948, %edi	/* "Hygo"nGenuine */
	je	1f
	vmcall
	ret
1:	vmmcall
	ret
