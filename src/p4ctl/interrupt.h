/* Stopping the commands that read until told to (capture, digest watch,
 * trace) on SIGINT, SIGTERM or SIGHUP. See interrupt.c. */
#ifndef P4CTL_INTERRUPT_H
#define P4CTL_INTERRUPT_H

#include <signal.h>
#include <stdbool.h>

/* The handlers the signals had before interrupt_catch. */
typedef struct Interrupts {
    struct sigaction old[3];
} Interrupts;

/* Catches the three signals (saving their handlers in SAVED) and clears
 * the flag interrupt_seen reads. */
void interrupt_catch(Interrupts *saved);
/* Puts back the handlers interrupt_catch saved. */
void interrupt_restore(const Interrupts *saved);
/* Whether one of the signals came since interrupt_catch. */
bool interrupt_seen(void);

#endif
