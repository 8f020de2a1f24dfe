/* p4ctl's commands: one file per noun (cmd_pipeline.c, cmd_port.c, ...),
 * each a function that takes the words after `p4ctl` and returns the exit
 * status; one table (commands.c) dispatches to them from main.c and from
 * batch files. Commands decide what to do and what to show; print.c how
 * it looks. */
#ifndef P4CTL_CMD_H
#define P4CTL_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "p4rt.h"

/* Exit statuses. */
#define STATUS_OK 0
#define STATUS_FAIL 1  /* the operation failed; the message says why */
#define STATUS_USAGE 2 /* wrong words, or errors in an STF file */
#define STATUS_SKIP 77 /* loading BPF programs is not permitted here */

/* What the command line's options say. */
typedef struct {
    bool json;
    bool force;             /* --force: pipeline unload */
    p4rt_xdp_mode xdp_mode;
    const char *p4info;     /* --p4info */
    const char *p4cc;       /* the compiler for .p4 programs */
    char *const *p4cc_opts; /* -I, -D, --extern-c, --extern-dir */
    size_t np4cc_opts;
    unsigned log_lines;     /* verify: lines of the verifier's log shown */
    int verbose;            /* -v: 1, -vv: 2 */
    /* Options of one command or a few (main.c refuses them elsewhere),
     * as given: the command reads their values. */
    const char *pcap_dir;   /* test --pcap-dir */
    bool trace;             /* test, run --trace */
    char *const *ins;       /* run --in PORT=FILE, in order */
    size_t nins;
    const char *out_dir;    /* run --out */
    const char *table_file; /* run --table-file */
    const char *port;       /* capture --port */
    const char *direction;  /* capture --direction */
    const char *write;      /* capture -w */
    const char *count;      /* capture, digest watch, trace -c */
} Options;

/* One run of p4ctl: its options, the place its messages point at, and the
 * pipeline a batch keeps open from one line to the next. */
typedef struct {
    const Options *o;
    char where[300]; /* "FILE:LINE: " in a batch, else "" */
    p4rt_pipeline *kept;
    char kept_name[P4RT_NAME_MAX];
    /* run --table-file: the program run, which every line's pipeline NAME
     * means (the first line's; another NAME is an error). Not owned. */
    p4rt_pipeline *run;
} Session;

typedef struct {
    const char *name;
    int (*run)(Session *s, int argc, char **argv); /* ARGV[0] is NAME */
    bool in_batch; /* may be a line of a batch file */
} Command;

/* The command NAME; NULL if there is none (IN_BATCH: none a batch may run). */
const Command *command_find(const char *name, bool in_batch);
/* "pipeline, port, ..., verify or test": the commands there are. */
void command_names(bool in_batch, char *buf, size_t size);
/* Run ARGV[0..ARGC) (ARGV[0] the command's name, which must exist); the
 * exit status. Outside a batch, the pipeline it opened is closed after. */
int command_run(Session *s, int argc, char **argv);

int cmd_pipeline(Session *s, int argc, char **argv);
int cmd_port(Session *s, int argc, char **argv);
int cmd_table(Session *s, int argc, char **argv);
int cmd_counter(Session *s, int argc, char **argv);
int cmd_register(Session *s, int argc, char **argv);
int cmd_value_set(Session *s, int argc, char **argv);
int cmd_mc(Session *s, int argc, char **argv);
int cmd_clone(Session *s, int argc, char **argv);
int cmd_batch(Session *s, int argc, char **argv);
int cmd_verify(Session *s, int argc, char **argv);
int cmd_test(Session *s, int argc, char **argv);
int cmd_run(Session *s, int argc, char **argv);
int cmd_capture(Session *s, int argc, char **argv);
int cmd_digest(Session *s, int argc, char **argv);
int cmd_trace(Session *s, int argc, char **argv);

/* The commands of the batch file PATH ("-": standard input), one a line,
 * until the first that fails; the exit status. With S->run set, only
 * table, counter, register and value-set lines. */
int batch_file(Session *s, const char *path);

/* -------------------------------------------------- a session (session.c) */

/* "p4ctl: [where]MESSAGE" and the hint to --help; STATUS_USAGE. */
int usage(Session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The library's message for the failed call that returned R, after the
 * pipeline's name when there is one; STATUS_SKIP for missing privileges,
 * else STATUS_FAIL. */
int failed(Session *s, const char *pipeline, int r);
/* "p4ctl: [where]note: MESSAGE" */
void note(Session *s, const char *msg);

/* The pinned pipeline NAME, kept open for the rest of a batch; NULL with
 * *STATUS set (and the message printed) when it cannot be opened. */
p4rt_pipeline *session_pipeline(Session *s, const char *name, int *status);
/* Close the pipeline the session keeps. */
void session_drop(Session *s);

/* ---------------------------------------- the words of a command (words.c) */

/* S as a number from 0 to MAX (decimal, 0x hex, 0 octal): 0, or -1. */
int parse_number(const char *s, unsigned long max, unsigned long *out);

/* Words NAME=VALUE: key fields, then (after action=) the action and its
 * arguments; priority= anywhere. Strings point into the words. */
typedef struct {
    p4rt_entry e;
    p4rt_field *fields; /* keys, then args */
} ParsedEntry;

/* ALLOW_ACTION false: key fields only; NEED_ACTION: action= required. WHAT
 * ("table add") names the request in messages. 0 or STATUS_USAGE (printed);
 * either way free_entry PE. */
int parse_entry(Session *s, int argc, char **argv, bool allow_action, bool need_action,
                const char *what, ParsedEntry *pe);
void free_entry(ParsedEntry *pe);

#endif
