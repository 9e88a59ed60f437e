/*
 * asm/param.h — the tick rate. libdde ticks at 1000 Hz, DDEKit's rate, so a
 * jiffy is a millisecond; drivers must (as in Linux) only ever use HZ.
 */
#ifndef _ASM_PARAM_H
#define _ASM_PARAM_H

#define HZ 1000

#endif /* _ASM_PARAM_H */
