/*
 * as_nobody.c — run a command as the unprivileged user "nobody" (uid and
 * gid 65534, no supplementary groups, hence no capabilities), for the
 * scenarios that check what posix_uio tells a user who is not root. The
 * guest's busybox has no su/setpriv that changes the user.
 *
 * Usage: posix_uio_as_nobody <command> [args...]
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#define NOBODY 65534

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s <command> [args...]\n", argv[0]);
		return 2;
	}
	if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 ||
	    setuid(NOBODY) < 0) {
		perror("posix_uio_as_nobody: dropping to uid 65534");
		return 2;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
