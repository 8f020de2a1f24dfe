/* Shows a source line with a caret under a column range; see source_line.h. */
#include "source_line.h"

#include <string.h>

/* A longer line is shown as this many bytes around the caret, with "..."
 * where it was cut: a generated or minified file can have a line of
 * megabytes, which a message should not repeat. */
#define SHOWN 160
#define BEFORE 60 /* of them before the caret, when the line is cut */

void source_line_show(FILE *out, const char *text, size_t len, int line, int col, int last)
{
    if (!text || line <= 0)
        return;
    const char *p = text, *end = text + len;
    for (int n = 1; n < line && p < end; n++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return;
        p = nl + 1;
    }
    if (p >= end)
        return;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
    if (n > 0 && p[n - 1] == '\r')
        n--;
    if (col <= 0)
        col = 1;
    if (last < col)
        last = col;
    if (last > (int)n)
        last = (int)n > col ? (int)n : col;
    /* The bytes [from, to) of the line are shown. */
    size_t from = 0, to = n;
    if (n > SHOWN) {
        size_t at = (size_t)col - 1 < n ? (size_t)col - 1 : n;
        from = at > BEFORE ? at - BEFORE : 0;
        to = from + SHOWN < n ? from + SHOWN : n;
        if (to - from < SHOWN)
            from = to - SHOWN;
    }
    const char *cut_before = from > 0 ? "..." : "", *cut_after = to < n ? "..." : "";
    fprintf(out, "%s%.*s%s\n", cut_before, (int)(to - from), p + from, cut_after);
    fputs(from > 0 ? "   " : "", out);
    /* Keep tabs so the caret lines up under tab-indented source. */
    for (size_t i = from + 1; i < (size_t)col && i <= to; i++)
        fputc(p[i - 1] == '\t' ? '\t' : ' ', out);
    for (size_t i = to + 1; i < (size_t)col; i++)
        fputc(' ', out);
    fputc('^', out);
    for (int i = col + 1; i <= last && (size_t)i <= to; i++)
        fputc('~', out);
    fputc('\n', out);
}
