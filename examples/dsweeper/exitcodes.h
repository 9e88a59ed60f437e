/*
 * exitcodes.h — dsweeper's exit status, one per kind of outcome so that
 * scripts (and the QEMU scenarios) can tell them apart. README.md lists
 * them for users; keep the two in step.
 */
#ifndef DSWEEPER_EXITCODES_H
#define DSWEEPER_EXITCODES_H

enum dsweeper_exit {
	DSW_EXIT_OK = 0,
	DSW_EXIT_FAILURE = 1,       /* start-up failed, out of memory */
	DSW_EXIT_USAGE = 2,         /* bad command line */
	DSW_EXIT_NO_DISKS = 3,      /* no disk was found at all */
	DSW_EXIT_UNKNOWN = 4,       /* no such disk or partition */
	DSW_EXIT_TABLE = 5,         /* partition table refused/unreadable */
	DSW_EXIT_OVERLAP = 6,       /* the selection overlaps itself */
	DSW_EXIT_NOT_CONFIRMED = 7, /* --write was not confirmed */
	DSW_EXIT_DEVICE = 8,        /* a device failed a command */
	DSW_EXIT_MISMATCH = 9,      /* verification found other data */
};

#endif /* DSWEEPER_EXITCODES_H */
