/* Formats diagnostics and shows the offending source line with a caret. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "source_line.h"

struct SourceText {
    SourceText *next;
    const char *name;
    const char *text;   /* NULL when the file could not be read */
    size_t len;
};

void diag_init(Diag *diag, Arena *arena, FILE *out)
{
    memset(diag, 0, sizeof *diag);
    diag->out = out;
    diag->arena = arena;
    diag->max_errors = 20;
    diag->show_source = true;
}

void diag_add_source(Diag *diag, const char *name, const char *text, size_t len)
{
    SourceText *src = ARENA_NEW(diag->arena, SourceText);
    src->name = arena_strdup(diag->arena, name);
    src->text = arena_strndup(diag->arena, text, len);
    src->len = len;
    src->next = diag->sources;
    diag->sources = src;
}

static SourceText *find_source(Diag *diag, const char *name)
{
    for (SourceText *src = diag->sources; src; src = src->next)
        if (strcmp(src->name, name) == 0)
            return src;
    SourceText *src = ARENA_NEW(diag->arena, SourceText);
    src->name = arena_strdup(diag->arena, name);
    FILE *f = fopen(name, "rb");
    if (f) {
        size_t cap = 4096, len = 0;
        char *buf = malloc(cap);
        size_t n;
        while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
            len += n;
            if (len == cap) {
                char *bigger = realloc(buf, cap *= 2);
                if (!bigger) {
                    free(buf);
                    buf = NULL;
                }
                buf = bigger;
            }
        }
        fclose(f);
        if (buf) {
            src->text = arena_strndup(diag->arena, buf, len);
            src->len = len;
            free(buf);
        }
    }
    src->next = diag->sources;
    diag->sources = src;
    return src;
}

/* Prints line LINE of the file and a caret line under columns COL..END_COL. */
static void show_source_line(Diag *diag, SrcRange loc)
{
    if (!loc.file || loc.line <= 0)
        return;
    SourceText *src = find_source(diag, loc.file);
    int last = loc.end_line == loc.line ? loc.end_col : loc.col;
    source_line_show(diag->out, src->text, src->len, loc.line, loc.col, last);
}

static const char *level_name(DiagLevel level)
{
    switch (level) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

static void vreport(Diag *diag, DiagLevel level, SrcRange loc, const char *fmt, va_list ap)
{
    if (level == DIAG_WARNING) {
        if (diag->suppress_warnings) {
            diag->last_suppressed = true;
            return;
        }
        if (diag->warnings_are_errors)
            level = DIAG_ERROR;
    }
    if (level == DIAG_NOTE && diag->last_suppressed)
        return;
    if (level == DIAG_ERROR && diag_too_many_errors(diag)) {
        diag->last_suppressed = true;
        return;
    }
    diag->last_suppressed = false;
    if (loc.file && loc.line > 0)
        fprintf(diag->out, "%s:%d:%d: ", loc.file, loc.line, loc.col > 0 ? loc.col : 1);
    else
        fputs("p4cc: ", diag->out);
    fprintf(diag->out, "%s: ", level_name(level));
    vfprintf(diag->out, fmt, ap);
    fputc('\n', diag->out);
    if (diag->show_source)
        show_source_line(diag, loc);
    if (level == DIAG_ERROR) {
        diag->errors++;
        if (diag_too_many_errors(diag))
            fprintf(diag->out, "p4cc: fatal error: too many errors emitted, stopping now\n");
    } else if (level == DIAG_WARNING) {
        diag->warnings++;
    }
}

void diag_verror(Diag *diag, SrcRange loc, const char *fmt, va_list ap)
{
    vreport(diag, DIAG_ERROR, loc, fmt, ap);
}

void diag_report(Diag *diag, DiagLevel level, SrcRange loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(diag, level, loc, fmt, ap);
    va_end(ap);
}

void diag_error(Diag *diag, SrcRange loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(diag, DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
}

void diag_warning(Diag *diag, SrcRange loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(diag, DIAG_WARNING, loc, fmt, ap);
    va_end(ap);
}

void diag_note(Diag *diag, SrcRange loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(diag, DIAG_NOTE, loc, fmt, ap);
    va_end(ap);
}

void diag_plain_error(Diag *diag, const char *fmt, ...)
{
    SrcRange none = {0};
    va_list ap;
    va_start(ap, fmt);
    vreport(diag, DIAG_ERROR, none, fmt, ap);
    va_end(ap);
}

bool diag_too_many_errors(const Diag *diag)
{
    return diag->max_errors > 0 && diag->errors >= diag->max_errors;
}
