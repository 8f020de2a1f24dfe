/* SIGINT, SIGTERM and SIGHUP end a command that reads until told to
 * (capture, digest watch, trace): the handler sets a flag, and without
 * SA_RESTART the poll the command waits in returns at once, so it sees
 * the flag, finishes its files and exits. */
#include "interrupt.h"

/* Set by the handler: a signal handler has no context to write to. */
static volatile sig_atomic_t interrupted;

static const int caught[3] = {SIGINT, SIGTERM, SIGHUP};

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

void interrupt_catch(Interrupts *saved)
{
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++)
        sigaction(caught[i], &sa, &saved->old[i]); /* no SA_RESTART: the poll returns */
    interrupted = 0;
}

void interrupt_restore(const Interrupts *saved)
{
    for (int i = 0; i < 3; i++)
        sigaction(caught[i], &saved->old[i], NULL);
}

bool interrupt_seen(void)
{
    return interrupted;
}
