/* The words of a command: numbers and NAME=VALUE lists. See cmd.h. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

int parse_number(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    unsigned long n = strtoul(s, &end, 0);
    if (*end || errno || n > max)
        return -1;
    *out = n;
    return 0;
}

int parse_entry(Session *s, int argc, char **argv, bool allow_action, bool need_action,
                const char *what, ParsedEntry *pe)
{
    memset(pe, 0, sizeof *pe);
    pe->fields = calloc((size_t)argc + 1, sizeof *pe->fields);
    if (!pe->fields)
        abort();
    size_t nk = 0, na = 0;
    bool in_args = false, have_priority = false;
    p4rt_field *keys = pe->fields;
    for (int i = 0; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq || eq == argv[i])
            return usage(s, "%s: expected NAME=VALUE, not '%s'", what, argv[i]);
        *eq = '\0';
        const char *name = argv[i], *value = eq + 1;
        if (strcmp(name, "priority") == 0) {
            unsigned long prio;
            if (have_priority) {
                *eq = '=';
                return usage(s, "%s: priority= is given twice", what);
            }
            have_priority = true;
            if (parse_number(value, UINT32_MAX, &prio) < 0) {
                *eq = '=';
                return usage(s, "%s: priority must be a number from 0 to 4294967295, not '%s'",
                             what, value);
            }
            pe->e.priority = (uint32_t)prio;
            continue;
        }
        if (strcmp(name, "action") == 0) {
            if (!allow_action) {
                *eq = '=';
                return usage(s, "%s takes key fields only (and priority=), not '%s'", what,
                             argv[i]);
            }
            if (in_args) {
                *eq = '=';
                return usage(s, "%s: action= is given twice", what);
            }
            in_args = true;
            pe->e.action = value;
            continue;
        }
        if (in_args) {
            /* Arguments go after the keys in FIELDS. */
            pe->fields[argc - (int)na - 1] = (p4rt_field){name, value};
            na++;
        } else {
            keys[nk++] = (p4rt_field){name, value};
        }
    }
    if (need_action && !pe->e.action)
        return usage(s, "%s needs action=ACTION after the key fields", what);
    /* Arguments were stored backwards from the end: put them in order. */
    for (size_t i = 0; i < na / 2; i++) {
        p4rt_field t = pe->fields[(size_t)argc - 1 - i];
        pe->fields[(size_t)argc - 1 - i] = pe->fields[(size_t)argc - na + i];
        pe->fields[(size_t)argc - na + i] = t;
    }
    pe->e.keys = keys;
    pe->e.nkeys = nk;
    pe->e.args = pe->fields + argc - na;
    pe->e.nargs = na;
    return 0;
}

void free_entry(ParsedEntry *pe)
{
    free(pe->fields);
    pe->fields = NULL;
}
