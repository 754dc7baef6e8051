/*
 * feature: a guest that never exits (jmp .) is stopped at the test's timeout: a signal makes KVM_RUN return EINTR
 * groups:  exits timeout
 * mode:    real
 * timeout: 100ms
 * expect:  final timeout rip=0x1000
 */
	jmp	.
