/* Shows a source line with a caret under a column range; see source_line.h. */
#include "source_line.h"

#include <string.h>

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
    fprintf(out, "%.*s\n", (int)n, p);
    if (col <= 0)
        col = 1;
    if (last < col)
        last = col;
    if (last > (int)n)
        last = (int)n > col ? (int)n : col;
    /* Keep tabs so the caret lines up under tab-indented source. */
    for (int i = 1; i < col; i++)
        fputc(i <= (int)n && p[i - 1] == '\t' ? '\t' : ' ', out);
    fputc('^', out);
    for (int i = col + 1; i <= last; i++)
        fputc('~', out);
    fputc('\n', out);
}
