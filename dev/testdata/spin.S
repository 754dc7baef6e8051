/* Never stops on its own: only the timeout ends it, at RIP = load. Any mode. */
	jmp	.
