/* The one table of p4ctl's commands, for the command line and batch files.
 * See cmd.h. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const Command commands[] = {
    {"pipeline", cmd_pipeline, true},   {"port", cmd_port, true},
    {"table", cmd_table, true},         {"counter", cmd_counter, true},
    {"register", cmd_register, true},   {"value-set", cmd_value_set, true},
    {"mc", cmd_mc, true},               {"clone", cmd_clone, true},
    {"batch", cmd_batch, false},        {"verify", cmd_verify, false},
    {"test", cmd_test, false},          {"run", cmd_run, false},
    {"capture", cmd_capture, false},         {"digest", cmd_digest, false},
    {"trace", cmd_trace, false},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

const Command *command_find(const char *name, bool in_batch)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0 && (commands[i].in_batch || !in_batch))
            return &commands[i];
    return NULL;
}

void command_names(bool in_batch, char *buf, size_t size)
{
    size_t n = 0, k = 0, total = 0;
    for (size_t i = 0; i < NCOMMANDS; i++)
        total += commands[i].in_batch || !in_batch;
    buf[0] = '\0';
    for (size_t i = 0; i < NCOMMANDS && n < size; i++) {
        if (in_batch && !commands[i].in_batch)
            continue;
        k++;
        const char *sep = k == 1 ? "" : k == total ? " or " : ", ";
        n += (size_t)snprintf(buf + n, size - n, "%s%s", sep, commands[i].name);
    }
}

int command_run(Session *s, int argc, char **argv)
{
    int status = command_find(argv[0], false)->run(s, argc, argv);
    /* Outside a batch nothing comes after: close what the command opened. */
    if (!s->where[0])
        session_drop(s);
    return status;
}
