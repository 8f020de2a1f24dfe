/* Source positions: every AST node and diagnostic carries one. */
#ifndef P4CC_SRCLOC_H
#define P4CC_SRCLOC_H

/* A range in an original (not preprocessed) source file. Lines and columns
 * count from 1; the end is the last character of the range, inclusive. */
typedef struct SrcRange {
    const char *file;
    int line, col;
    int end_line, end_col;
} SrcRange;

static inline SrcRange srcrange_join(SrcRange first, SrcRange last)
{
    SrcRange r = first;
    if (last.file == first.file) {
        r.end_line = last.end_line;
        r.end_col = last.end_col;
    }
    return r;
}

#endif
