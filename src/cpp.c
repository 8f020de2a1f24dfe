/* The built-in C preprocessor (see cpp.h). Tokens form linked lists; a
 * macro invocation is replaced in place by its expansion, which is then
 * rescanned, with hide sets (Prosser's algorithm, as in chibicc) keeping a
 * macro from expanding inside itself. Anything unusual or wrong ends the
 * run through `give_up`, and the caller falls back on the system cpp. */
#include "cpp.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"

enum {
    MAX_INCLUDE_DEPTH = 200,    /* gcc's limit */
    MAX_LINE_GAP = 8,           /* longer runs of empty lines become a line marker, as in gcc */
    MACRO_BUCKETS = 256,
};

/* Inputs that blow up (a file including itself twice, macros doubling at
 * each level) stop here instead of filling the memory. */
#define MAX_MEMORY ((size_t)256 << 20)

typedef enum TokKind { T_IDENT, T_NUMBER, T_STRING, T_CHAR, T_PUNCT, T_OTHER, T_EOF } TokKind;

typedef struct Macro Macro;

typedef struct HideSet {
    const Macro *macro;
    struct HideSet *next;
} HideSet;

typedef struct SrcFile {
    const char *name;           /* as written in line markers */
    const char *text;
} SrcFile;

typedef struct Tok {
    TokKind kind;
    const char *text;
    int len;
    const SrcFile *file;
    int line, col;
    bool bol;                   /* first token of a source line */
    bool space;                 /* whitespace before it */
    bool expanded;              /* produced by a macro expansion */
    HideSet *hide;
    struct Tok *next;
} Tok;

struct Macro {
    const char *name;
    int len;
    bool function_like;
    bool variadic;              /* the last parameter takes the rest */
    Tok **params;               /* parameter name tokens */
    int nparams;
    Tok *body;                  /* ends with a T_EOF token */
    enum { MACRO_USER, MACRO_FILE, MACRO_LINE, MACRO_UNSUPPORTED } builtin;
    Macro *next;                /* hash chain */
};

/* One #if group of the file being read. */
typedef struct Cond {
    bool taken;                 /* some branch of the group was taken */
    bool in_else;
    bool was_active;            /* the text around the group is active */
} Cond;

typedef struct OnceFile {
    dev_t dev;
    ino_t ino;
    struct OnceFile *next;
} OnceFile;

typedef struct Cpp {
    Arena arena;
    Macro *macros[MACRO_BUCKETS];
    const char **dirs;          /* -I directories, then the standard one */
    int ndirs;
    OnceFile *once;
    int depth;
    /* the output and where it is */
    char *out;
    size_t out_len, out_cap;
    const SrcFile *out_file;
    int out_line, out_col;
    bool last_expanded;         /* the last token written came from an expansion */
    jmp_buf give_up_jump;
    char *why;
    size_t why_size;
} Cpp;

static void give_up(Cpp *cpp, const Tok *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

static void give_up(Cpp *cpp, const Tok *at, const char *fmt, ...)
{
    int n = 0;
    if (at && at->file)
        n = snprintf(cpp->why, cpp->why_size, "%s:%d: ", at->file->name, at->line);
    if (n < 0 || (size_t)n >= cpp->why_size)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cpp->why + n, cpp->why_size - (size_t)n, fmt, ap);
    va_end(ap);
    longjmp(cpp->give_up_jump, 1);
}

/* ---- tokens ---- */

static bool is_ident_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

static bool is_ident_char(int c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* The length of the punctuator at P: C's multi-character ones, else 1. */
static int punctuator_length(const char *p)
{
    static const char three[][4] = {"...", "<<=", ">>="};
    static const char two[][3] = {
        "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
        "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
    };
    for (size_t i = 0; i < sizeof three / sizeof three[0]; i++)
        if (p[0] == three[i][0] && p[1] == three[i][1] && p[2] == three[i][2])
            return 3;
    for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
        if (p[0] == two[i][0] && p[1] == two[i][1])
            return 2;
    return 1;
}

/* Scans one token at P (not whitespace) into T; returns its end, or NULL
 * when the token is broken (unterminated literal, line splice inside). */
static const char *scan_token(const char *p, Tok *t)
{
    const char *start = p;
    if (is_ident_start((unsigned char)*p)) {
        t->kind = T_IDENT;
        while (is_ident_char((unsigned char)*p))
            p++;
    } else if (is_digit((unsigned char)*p) || (*p == '.' && is_digit((unsigned char)p[1]))) {
        t->kind = T_NUMBER;
        for (;;) {
            if (strchr("eEpP", *p) && *p && (p[1] == '+' || p[1] == '-'))
                p += 2;
            else if (is_ident_char((unsigned char)*p) || *p == '.')
                p++;
            else
                break;
        }
    } else if (*p == '"' || *p == '\'') {
        char quote = *p++;
        t->kind = quote == '"' ? T_STRING : T_CHAR;
        while (*p != quote) {
            if (*p == '\0' || *p == '\n')
                return NULL;
            if (*p == '\\') {
                if (p[1] == '\0' || p[1] == '\n')
                    return NULL;
                p++;
            }
            p++;
        }
        p++;
    } else {
        t->kind = *start && strchr("[](){}.&*+-~!/%<>^|?:;=,#", *start) ? T_PUNCT : T_OTHER;
        p += t->kind == T_PUNCT ? punctuator_length(start) : 1;
    }
    if (*p == '\\' && p[1] == '\n' && (t->kind == T_IDENT || t->kind == T_NUMBER) &&
        is_ident_char((unsigned char)p[2]))
        return NULL;    /* a splice inside the token: rare, and the system cpp knows it */
    t->text = start;
    t->len = (int)(p - start);
    return p;
}

static void check_memory(Cpp *cpp)
{
    if (cpp->arena.total + cpp->out_len > MAX_MEMORY)
        give_up(cpp, NULL, "the input expands to more than %zu MB", MAX_MEMORY >> 20);
}

static Tok *new_token(Cpp *cpp, TokKind kind, const char *text, int len)
{
    check_memory(cpp);
    Tok *t = ARENA_NEW(&cpp->arena, Tok);
    t->kind = kind;
    t->text = text;
    t->len = len;
    return t;
}

static Tok *copy_token(Cpp *cpp, const Tok *t)
{
    check_memory(cpp);
    Tok *c = ARENA_NEW(&cpp->arena, Tok);
    *c = *t;
    c->next = NULL;
    return c;
}

static bool token_is(const Tok *t, const char *s)
{
    return (int)strlen(s) == t->len && memcmp(t->text, s, (size_t)t->len) == 0;
}

static bool same_text(const Tok *a, const Tok *b)
{
    return a->len == b->len && memcmp(a->text, b->text, (size_t)a->len) == 0;
}

/* Splits FILE's text into tokens; the list ends with a T_EOF token. */
static Tok *tokenize(Cpp *cpp, const SrcFile *file)
{
    const char *p = file->text, *line_start = p;
    int line = 1;
    bool bol = true, space = false;
    Tok head = {0}, *cur = &head;
    for (;;) {
        if (p[0] == '\\' && p[1] == '\n') {
            p += 2;
            line++;
            line_start = p;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\v' || *p == '\r') {
            p++;
            space = true;
            continue;
        }
        if (*p == '\n') {
            p++;
            line++;
            line_start = p;
            bol = true;
            space = false;
            continue;
        }
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n') {
                if (p[0] == '\\' && p[1] == '\n') {
                    cur->next = new_token(cpp, T_EOF, p, 0);
                    cur->next->file = file;
                    cur->next->line = line;
                    give_up(cpp, cur->next, "a line comment continued by a backslash");
                }
                p++;
            }
            space = true;
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            const char *q = p + 2;
            for (; *q && !(q[0] == '*' && q[1] == '/'); q++)
                if (*q == '\n') {
                    line++;
                    line_start = q + 1;
                }
            if (!*q)
                give_up(cpp, NULL, "%s:%d: unterminated comment", file->name, line);
            p = q + 2;
            space = true;
            continue;
        }
        Tok *t = new_token(cpp, T_EOF, p, 0);
        t->file = file;
        t->line = line;
        t->col = (int)(p - line_start) + 1;
        t->bol = bol;
        t->space = space;
        cur = cur->next = t;
        if (*p == '\0') {
            t->kind = T_EOF;
            t->text = p;
            t->bol = true;
            return head.next;
        }
        const char *end = scan_token(p, t);
        if (!end)
            give_up(cpp, t, "unterminated literal or line splice inside a token");
        p = end;
        bol = space = false;
    }
}

/* ---- output ---- */

static void out_write(Cpp *cpp, const char *s, size_t n)
{
    check_memory(cpp);
    if (cpp->out_len + n + 1 > cpp->out_cap) {
        size_t cap = cpp->out_cap ? cpp->out_cap : 1 << 16;
        while (cpp->out_len + n + 1 > cap)
            cap *= 2;
        char *bigger = realloc(cpp->out, cap);
        if (!bigger)
            give_up(cpp, NULL, "out of memory");
        cpp->out = bigger;
        cpp->out_cap = cap;
    }
    memcpy(cpp->out + cpp->out_len, s, n);
    cpp->out_len += n;
    cpp->out[cpp->out_len] = '\0';
}

static void out_char(Cpp *cpp, char c)
{
    out_write(cpp, &c, 1);
    cpp->out_col = c == '\n' ? 1 : cpp->out_col + 1;
}

/* `# LINE "FILE" FLAG`: the next output line is LINE of FILE. */
static void out_marker(Cpp *cpp, const SrcFile *file, int line, const char *flag)
{
    if (cpp->out_col > 1)
        out_char(cpp, '\n');
    char buf[64];
    int n = snprintf(buf, sizeof buf, "# %d \"", line);
    out_write(cpp, buf, (size_t)n);
    out_write(cpp, file->name, strlen(file->name));
    out_write(cpp, "\"", 1);
    out_write(cpp, flag, strlen(flag));
    out_write(cpp, "\n", 1);
    cpp->out_file = file;
    cpp->out_line = line;
    cpp->out_col = 1;
}

/* Moves the output to LINE of FILE: newlines for a short gap, a line
 * marker for a long one. */
static void out_sync(Cpp *cpp, const SrcFile *file, int line)
{
    if (file != cpp->out_file) {
        out_marker(cpp, file, line, "");
        return;
    }
    if (line <= cpp->out_line)
        return;
    if (line - cpp->out_line > MAX_LINE_GAP) {
        out_marker(cpp, file, line, "");
        return;
    }
    while (cpp->out_line < line) {
        out_char(cpp, '\n');
        cpp->out_line++;
    }
}

/* Two tokens written next to each other would read as one. */
static bool would_paste(char before, char first)
{
    if (is_ident_char((unsigned char)before))
        return is_ident_char((unsigned char)first) || first == '.';
    static const char joiners[] = "+-*/%<>=!&|^#.:";
    return before && first && strchr(joiners, before) && strchr(joiners, first);
}

/* Writes T. Source tokens keep their line, and their column where
 * whitespace allows it; tokens of an expansion follow on the invocation's
 * line. Tokens adjacent in the source stay adjacent. */
static void out_token(Cpp *cpp, const Tok *t)
{
    out_sync(cpp, t->file, t->line);
    if (cpp->out_col < t->col && (cpp->out_col == 1 || t->space)) {
        while (cpp->out_col < t->col)
            out_char(cpp, ' ');
    } else if (cpp->out_col > 1 &&
               (t->space || ((t->expanded || cpp->last_expanded) &&
                             would_paste(cpp->out[cpp->out_len - 1], t->text[0])))) {
        out_char(cpp, ' ');
    }
    out_write(cpp, t->text, (size_t)t->len);
    cpp->out_col += t->len;
    cpp->last_expanded = t->expanded;
}

/* ---- macros ---- */

static unsigned hash_name(const char *s, int len)
{
    unsigned h = 2166136261u;
    for (int i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h % MACRO_BUCKETS;
}

static Macro **macro_slot(Cpp *cpp, const char *name, int len)
{
    Macro **slot = &cpp->macros[hash_name(name, len)];
    while (*slot && !((*slot)->len == len && memcmp((*slot)->name, name, (size_t)len) == 0))
        slot = &(*slot)->next;
    return slot;
}

static Macro *find_macro(Cpp *cpp, const Tok *t)
{
    return t->kind == T_IDENT ? *macro_slot(cpp, t->text, t->len) : NULL;
}

static bool hidden(const HideSet *hs, const Macro *m)
{
    for (; hs; hs = hs->next)
        if (hs->macro == m)
            return true;
    return false;
}

static HideSet *hide_add(Cpp *cpp, HideSet *hs, const Macro *m)
{
    HideSet *h = ARENA_NEW(&cpp->arena, HideSet);
    h->macro = m;
    h->next = hs;
    return h;
}

static HideSet *hide_intersect(Cpp *cpp, const HideSet *a, const HideSet *b)
{
    HideSet *out = NULL;
    for (; a; a = a->next)
        if (hidden(b, a->macro))
            out = hide_add(cpp, out, a->macro);
    return out;
}

static bool is_eol(const Tok *t)
{
    return t->kind == T_EOF || t->bol;
}

/* The parameter of M named by T, or -1. */
static int param_index(const Macro *m, const Tok *t)
{
    if (t->kind != T_IDENT)
        return -1;
    for (int i = 0; i < m->nparams; i++)
        if (same_text(m->params[i], t))
            return i;
    return -1;
}

static Tok *eof_token(Cpp *cpp, const Tok *at)
{
    Tok *t = new_token(cpp, T_EOF, "", 0);
    t->file = at->file;
    t->line = at->line;
    return t;
}

static bool same_body(const Macro *a, const Macro *b)
{
    if (a->function_like != b->function_like || a->variadic != b->variadic || a->nparams != b->nparams)
        return false;
    for (int i = 0; i < a->nparams; i++)
        if (!same_text(a->params[i], b->params[i]))
            return false;
    const Tok *x = a->body, *y = b->body;
    for (; x->kind != T_EOF && y->kind != T_EOF; x = x->next, y = y->next)
        if (!same_text(x, y) || (x != a->body && x->space != y->space))
            return false;
    return x->kind == T_EOF && y->kind == T_EOF;
}

/* #define NAME BODY or NAME(PARAMS) BODY, from the tokens at T to the end
 * of the line; returns the first token after it. */
static Tok *define_macro(Cpp *cpp, Tok *t)
{
    if (is_eol(t) || t->kind != T_IDENT || token_is(t, "defined"))
        give_up(cpp, t, "#define without a valid macro name");
    Macro *m = ARENA_NEW(&cpp->arena, Macro);
    m->name = t->text;
    m->len = t->len;
    t = t->next;
    if (!is_eol(t) && token_is(t, "(") && !t->space) {
        m->function_like = true;
        Tok **params = NULL;
        int n = 0;
        t = t->next;
        while (!is_eol(t) && !token_is(t, ")")) {
            if (n > 0) {
                if (!token_is(t, ","))
                    give_up(cpp, t, "malformed macro parameter list");
                t = t->next;
            }
            if (!is_eol(t) && token_is(t, "...")) {
                params = arena_realloc(&cpp->arena, params, sizeof *params * (size_t)n,
                                       sizeof *params * (size_t)(n + 1));
                params[n++] = new_token(cpp, T_IDENT, "__VA_ARGS__", 11);
                m->variadic = true;
                t = t->next;
                break;
            }
            if (is_eol(t) || t->kind != T_IDENT)
                give_up(cpp, t, "malformed macro parameter list");
            params = arena_realloc(&cpp->arena, params, sizeof *params * (size_t)n,
                                   sizeof *params * (size_t)(n + 1));
            params[n++] = t;
            t = t->next;
            if (!is_eol(t) && token_is(t, "...")) {
                m->variadic = true;
                t = t->next;
                break;
            }
        }
        if (is_eol(t) || !token_is(t, ")"))
            give_up(cpp, t, "malformed macro parameter list");
        t = t->next;
        m->params = params;
        m->nparams = n;
    }
    Tok head = {0}, *cur = &head;
    for (; !is_eol(t); t = t->next) {
        cur = cur->next = copy_token(cpp, t);
        if (cur == head.next)
            cur->space = false;
        if (token_is(t, "__VA_OPT__") || (token_is(t, "__VA_ARGS__") && !m->variadic))
            give_up(cpp, t, "__VA_ARGS__ or __VA_OPT__ where it needs the system preprocessor");
        if (m->function_like && token_is(t, "#") && (is_eol(t->next) || param_index(m, t->next) < 0))
            give_up(cpp, t, "'#' is not followed by a macro parameter");
    }
    cur->next = eof_token(cpp, t);
    m->body = head.next ? head.next : cur->next;
    if (m->body->kind != T_EOF && (token_is(m->body, "##") || token_is(cur, "##")))
        give_up(cpp, m->body, "'##' at either end of a macro");
    Macro **slot = macro_slot(cpp, m->name, m->len);
    if (*slot) {
        if ((*slot)->builtin != MACRO_USER || !same_body(*slot, m))
            give_up(cpp, m->body, "macro '%.*s' redefined", m->len, m->name);
        return t;
    }
    *slot = m;
    return t;
}

static void undefine_macro(Cpp *cpp, const Tok *name)
{
    Macro **slot = macro_slot(cpp, name->text, name->len);
    if (*slot) {
        if ((*slot)->builtin != MACRO_USER)
            give_up(cpp, name, "#undef of a built-in macro");
        *slot = (*slot)->next;
    }
}

/* ---- expansion ---- */

static Tok *expand_macro(Cpp *cpp, Tok *t);

/* The full expansion of the list at T (ended by T_EOF), as a new list. */
static Tok *expand_list(Cpp *cpp, Tok *t)
{
    Tok head = {0}, *cur = &head;
    while (t->kind != T_EOF) {
        Tok *expansion = expand_macro(cpp, t);
        if (expansion) {
            t = expansion;
            continue;
        }
        cur = cur->next = copy_token(cpp, t);
        t = t->next;
    }
    cur->next = t;
    return head.next ? head.next : t;
}

/* Copies the list at T (to T_EOF) and returns the copy, ended by a T_EOF. */
static Tok *copy_list(Cpp *cpp, const Tok *t, Tok **last)
{
    Tok head = {0}, *cur = &head;
    for (; t->kind != T_EOF; t = t->next)
        cur = cur->next = copy_token(cpp, t);
    *last = cur == &head ? NULL : cur;
    cur->next = eof_token(cpp, t);
    return head.next;
}

static Tok *stringize(Cpp *cpp, const Tok *arg, const Tok *at)
{
    size_t cap = 3;
    for (const Tok *t = arg; t->kind != T_EOF; t = t->next)
        cap += (size_t)t->len * 2 + 1;
    char *buf = arena_alloc(&cpp->arena, cap), *p = buf;
    *p++ = '"';
    for (const Tok *t = arg; t->kind != T_EOF; t = t->next) {
        if (t != arg && (t->space || t->bol))
            *p++ = ' ';
        for (int i = 0; i < t->len; i++) {
            char c = t->text[i];
            if ((t->kind == T_STRING || t->kind == T_CHAR) && (c == '"' || c == '\\'))
                *p++ = '\\';
            *p++ = c;
        }
    }
    *p++ = '"';
    Tok *s = copy_token(cpp, at);
    s->kind = T_STRING;
    s->text = buf;
    s->len = (int)(p - buf);
    return s;
}

/* LEFT ## RIGHT: must form exactly one token. */
static Tok *paste(Cpp *cpp, const Tok *left, const Tok *right)
{
    char *buf = arena_alloc(&cpp->arena, (size_t)(left->len + right->len) + 1);
    memcpy(buf, left->text, (size_t)left->len);
    memcpy(buf + left->len, right->text, (size_t)right->len);
    Tok *t = copy_token(cpp, left);
    const char *end = scan_token(buf, t);
    if (!end || *end)
        give_up(cpp, left, "pasting \"%.*s\" and \"%.*s\" does not give a valid token", left->len,
                left->text, right->len, right->text);
    return t;
}

typedef struct Arg {
    Tok *raw;           /* the tokens as written, ended by T_EOF */
    Tok *expanded;      /* fully expanded, computed when needed */
} Arg;

/* Reads the arguments of M after the '(' at T; returns the ')'. */
static Tok *read_args(Cpp *cpp, const Macro *m, Tok *t, Arg *args, int *nargs)
{
    int n = 0, depth = 0;
    Tok head = {0}, *cur = &head;
    for (t = t->next;; t = t->next) {
        if (t->kind == T_EOF)
            give_up(cpp, t, "unterminated argument list of macro '%.*s'", m->len, m->name);
        if (t->bol && token_is(t, "#") && !t->expanded)
            give_up(cpp, t, "a directive inside the arguments of macro '%.*s'", m->len, m->name);
        bool close = depth == 0 && token_is(t, ")");
        bool comma = depth == 0 && token_is(t, ",") && !(m->variadic && n == m->nparams - 1);
        if (close || comma) {
            if (n >= m->nparams && !(m->nparams == 0 && n == 0 && !head.next && close))
                give_up(cpp, t, "too many arguments for macro '%.*s'", m->len, m->name);
            cur->next = eof_token(cpp, t);
            if (n < m->nparams)
                args[n].raw = head.next ? head.next : cur->next;
            n++;
            head.next = NULL;
            cur = &head;
            if (close)
                break;
            continue;
        }
        if (token_is(t, "(") )
            depth++;
        else if (token_is(t, ")"))
            depth--;
        cur = cur->next = copy_token(cpp, t);
    }
    if (m->nparams == 0)
        n = 0;
    if (n < m->nparams) {
        if (!(m->variadic && n == m->nparams - 1))
            give_up(cpp, t, "too few arguments for macro '%.*s'", m->len, m->name);
        args[n++].raw = eof_token(cpp, t);
    }
    *nargs = n;
    return t;
}

static Tok *arg_expanded(Cpp *cpp, Arg *arg)
{
    if (!arg->expanded)
        arg->expanded = expand_list(cpp, arg->raw);
    return arg->expanded;
}

/* The body of M with ARGS substituted (C11 6.10.3.1-3). */
static Tok *substitute(Cpp *cpp, const Macro *m, Arg *args)
{
    Tok head = {0}, *cur = &head;
    bool placemarker = false;   /* the left side of a pending ## was empty */
    for (const Tok *t = m->body; t->kind != T_EOF; t = t->next) {
        int param = param_index(m, t);
        if (m->function_like && token_is(t, "#")) {
            t = t->next;
            cur = cur->next = stringize(cpp, args[param_index(m, t)].raw, t);
            cur->space = t->space;
            continue;
        }
        if (token_is(t, "##")) {
            const Tok *right = t->next;
            int rparam = param_index(m, right);
            t = right;
            if (rparam >= 0) {
                Tok *raw = args[rparam].raw;
                bool gnu_comma = m->variadic && rparam == m->nparams - 1 && cur != &head &&
                                 token_is(cur, ",") && !placemarker;
                if (raw->kind == T_EOF) {
                    if (gnu_comma) {    /* `, ## __VA_ARGS__` with no arguments drops the comma */
                        Tok *prev = &head;
                        while (prev->next != cur)
                            prev = prev->next;
                        cur = prev;
                        cur->next = NULL;
                    }
                    continue;
                }
                Tok *last, *copy = copy_list(cpp, raw, &last);
                if (placemarker || cur == &head || gnu_comma) {
                    cur->next = copy;
                } else {
                    Tok *joined = paste(cpp, cur, copy);
                    *cur = *joined;
                    cur->next = copy->next;
                    if (last == copy)
                        last = cur;
                }
                cur = last;
                cur->next = NULL;
                placemarker = false;
                continue;
            }
            if (placemarker || cur == &head) {
                cur = cur->next = copy_token(cpp, right);
            } else {
                Tok *joined = paste(cpp, cur, right);
                joined->next = NULL;
                *cur = *joined;
            }
            placemarker = false;
            continue;
        }
        if (param >= 0) {
            bool before_paste = token_is(t->next, "##");
            Tok *src = before_paste ? args[param].raw : arg_expanded(cpp, &args[param]);
            Tok *last, *copy = copy_list(cpp, src, &last);
            if (!last) {
                placemarker = before_paste;
                continue;
            }
            copy->space = t->space;
            cur->next = copy;
            cur = last;
            cur->next = NULL;
            placemarker = false;
            continue;
        }
        cur = cur->next = copy_token(cpp, t);
        placemarker = false;
    }
    cur->next = NULL;
    return head.next;
}

/* When T invokes a macro, returns the list that replaces the invocation:
 * the expansion followed by the tokens after it. Otherwise NULL. */
static Tok *expand_macro(Cpp *cpp, Tok *t)
{
    Macro *m = find_macro(cpp, t);
    if (!m || hidden(t->hide, m))
        return NULL;
    if (m->builtin == MACRO_UNSUPPORTED)
        give_up(cpp, t, "%.*s needs the system preprocessor", m->len, m->name);
    Tok *body, *rest;
    HideSet *hs;
    if (m->builtin == MACRO_FILE || m->builtin == MACRO_LINE) {
        char *text = m->builtin == MACRO_LINE ? arena_printf(&cpp->arena, "%d", t->line)
                                              : arena_printf(&cpp->arena, "\"%s\"", t->file->name);
        if (m->builtin == MACRO_FILE && strpbrk(t->file->name, "\"\\"))
            give_up(cpp, t, "__FILE__ of a file name that needs escaping");
        body = copy_token(cpp, t);
        body->kind = m->builtin == MACRO_LINE ? T_NUMBER : T_STRING;
        body->text = text;
        body->len = (int)strlen(text);
        body->expanded = true;
        body->next = t->next;
        return body;
    }
    if (!m->function_like) {
        hs = hide_add(cpp, t->hide, m);
        body = substitute(cpp, m, NULL);
        rest = t->next;
    } else {
        Tok *open = t->next;
        if (open->kind == T_EOF || !token_is(open, "("))
            return NULL;
        if (open->bol && !open->expanded)
            give_up(cpp, open, "macro arguments on the line after the macro name");
        Arg *args = arena_alloc(&cpp->arena, sizeof *args * (size_t)(m->nparams + 1));
        int nargs = 0;
        Tok *close = read_args(cpp, m, open, args, &nargs);
        hs = hide_add(cpp, hide_intersect(cpp, t->hide, close->hide), m);
        body = substitute(cpp, m, args);
        rest = close->next;
    }
    if (!body)
        return rest;
    Tok *last = body;
    for (Tok *b = body;; b = b->next) {
        for (const HideSet *h = hs; h; h = h->next)
            if (!hidden(b->hide, h->macro))
                b->hide = hide_add(cpp, b->hide, h->macro);
        b->file = t->file;
        b->line = t->line;
        b->col = t->col;
        b->bol = false;
        b->expanded = true;
        last = b;
        if (!b->next)
            break;
    }
    body->space = t->space;
    last->next = rest;
    return body;
}

/* ---- #if ---- */

typedef struct Expr {
    Cpp *cpp;
    Tok *t;
} Expr;

static intmax_t expr_cond(Expr *e, bool live);

static bool expr_accept(Expr *e, const char *op)
{
    if (e->t->kind != T_EOF && token_is(e->t, op)) {
        e->t = e->t->next;
        return true;
    }
    return false;
}

static intmax_t expr_number(Expr *e)
{
    Tok *t = e->t;
    char buf[64];
    if (t->len >= (int)sizeof buf)
        give_up(e->cpp, t, "number too long in #if");
    memcpy(buf, t->text, (size_t)t->len);
    buf[t->len] = '\0';
    char *end;
    uintmax_t v = strtoumax(buf, &end, 0);
    while (*end == 'l' || *end == 'L')
        end++;
    if (*end || v > INTMAX_MAX)
        give_up(e->cpp, t, "number '%s' in #if needs the system preprocessor", buf);
    e->t = t->next;
    return (intmax_t)v;
}

static intmax_t expr_primary(Expr *e, bool live)
{
    Tok *t = e->t;
    if (t->kind == T_EOF)
        give_up(e->cpp, t, "#if expression ends too early");
    if (expr_accept(e, "(")) {
        intmax_t v = expr_cond(e, live);
        while (expr_accept(e, ","))
            v = expr_cond(e, live);
        if (!expr_accept(e, ")"))
            give_up(e->cpp, t, "missing ')' in #if");
        return v;
    }
    if (expr_accept(e, "-"))
        return -expr_primary(e, live);
    if (expr_accept(e, "+"))
        return expr_primary(e, live);
    if (expr_accept(e, "!"))
        return !expr_primary(e, live);
    if (expr_accept(e, "~"))
        return ~expr_primary(e, live);
    if (t->kind == T_NUMBER)
        return expr_number(e);
    if (t->kind == T_IDENT) {
        if (token_is(t, "defined") || token_is(t, "__has_include") || token_is(t, "__has_include_next"))
            give_up(e->cpp, t, "'%.*s' produced by a macro in #if", t->len, t->text);
        e->t = t->next;
        return 0;
    }
    give_up(e->cpp, t, "unexpected '%.*s' in #if", t->len, t->text);
}

/* Binary operators by precedence, lowest first. */
static const char *const binary_levels[][6] = {
    {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"},
    {"+", "-"}, {"*", "/", "%"},
};
enum { NLEVELS = sizeof binary_levels / sizeof binary_levels[0] };

static intmax_t apply(Expr *e, const Tok *op, intmax_t a, intmax_t b, bool live)
{
    switch (op->text[0]) {
    case '|': return op->len == 2 ? (a || b) : (a | b);
    case '&': return op->len == 2 ? (a && b) : (a & b);
    case '^': return a ^ b;
    case '=': return a == b;
    case '!': return a != b;
    case '<': return op->len == 1 ? a < b : op->text[1] == '=' ? a <= b : (b < 0 || b > 63) ? 0 : (intmax_t)((uintmax_t)a << b);
    case '>': return op->len == 1 ? a > b : op->text[1] == '=' ? a >= b : (b < 0 || b > 63) ? 0 : a >> b;
    case '+': return (intmax_t)((uintmax_t)a + (uintmax_t)b);
    case '-': return (intmax_t)((uintmax_t)a - (uintmax_t)b);
    case '*': return (intmax_t)((uintmax_t)a * (uintmax_t)b);
    default:
        if (b == 0 || (a == INTMAX_MIN && b == -1)) {
            if (live)
                give_up(e->cpp, op, "division by zero in #if");
            return 0;
        }
        return op->text[0] == '/' ? a / b : a % b;
    }
}

static intmax_t expr_binary(Expr *e, int level, bool live)
{
    if (level == NLEVELS)
        return expr_primary(e, live);
    intmax_t v = expr_binary(e, level + 1, live);
    for (;;) {
        Tok *op = e->t;
        bool found = false;
        for (int i = 0; i < 6 && binary_levels[level][i]; i++)
            if (op->kind != T_EOF && token_is(op, binary_levels[level][i]))
                found = true;
        if (!found)
            return v;
        e->t = op->next;
        bool right_live = live && !(token_is(op, "||") && v) && !(token_is(op, "&&") && !v);
        intmax_t r = expr_binary(e, level + 1, right_live);
        v = apply(e, op, v, r, live);
    }
}

static intmax_t expr_cond(Expr *e, bool live)
{
    intmax_t c = expr_binary(e, 0, live);
    if (!expr_accept(e, "?"))
        return c;
    intmax_t a = expr_cond(e, live && c);
    if (!expr_accept(e, ":"))
        give_up(e->cpp, e->t, "missing ':' in #if");
    intmax_t b = expr_cond(e, live && !c);
    return c ? a : b;
}

static Tok *number_token(Cpp *cpp, const Tok *at, bool value)
{
    Tok *t = copy_token(cpp, at);
    t->kind = T_NUMBER;
    t->text = value ? "1" : "0";
    t->len = 1;
    return t;
}

/* Evaluates the #if / #elif condition from T to the end of the line. */
static bool eval_condition(Cpp *cpp, Tok *t, Tok *directive)
{
    /* `defined` is resolved before macros expand. */
    Tok head = {0}, *cur = &head;
    for (; !is_eol(t); t = t->next) {
        if (token_is(t, "defined")) {
            bool paren = !is_eol(t->next) && token_is(t->next, "(");
            Tok *name = paren ? t->next->next : t->next;
            if (is_eol(name) || name->kind != T_IDENT)
                give_up(cpp, t, "'defined' without a macro name");
            t = name;
            if (paren) {
                t = name->next;
                if (is_eol(t) || !token_is(t, ")"))
                    give_up(cpp, t, "'defined(' without ')'");
            }
            cur = cur->next = number_token(cpp, name, find_macro(cpp, name) != NULL);
            continue;
        }
        if (token_is(t, "__has_include") || token_is(t, "__has_include_next"))
            give_up(cpp, t, "__has_include needs the system preprocessor");
        cur = cur->next = copy_token(cpp, t);
        cur->bol = false;
    }
    cur->next = eof_token(cpp, directive);
    Expr e = {cpp, expand_list(cpp, head.next ? head.next : cur->next)};
    if (e.t->kind == T_EOF)
        give_up(cpp, directive, "#if with no expression");
    intmax_t v = expr_cond(&e, true);
    while (expr_accept(&e, ","))
        v = expr_cond(&e, true);
    if (e.t->kind != T_EOF)
        give_up(cpp, e.t, "missing operator in #if");
    return v != 0;
}

/* ---- files and directives ---- */

static char *read_file(const char *path, struct stat *st)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    if (fstat(fileno(f), st) != 0 || !S_ISREG(st->st_mode)) {
        fclose(f);
        return NULL;
    }
    size_t size = (size_t)st->st_size;
    char *text = malloc(size + 2);
    if (!text) {
        fclose(f);
        return NULL;
    }
    size_t n = fread(text, 1, size, f);
    fclose(f);
    text[n] = '\0';
    if (memchr(text, '\0', n)) {    /* NUL bytes: leave them to the system cpp */
        free(text);
        return NULL;
    }
    if (n > 0 && text[n - 1] != '\n')   /* a last line without newline ends like the others */
        text[n++] = '\n', text[n] = '\0';
    return text;
}

static void process_file(Cpp *cpp, const char *path, const char *enter_flag);

static void skip_to_line_end(Tok **t)
{
    while (!is_eol(*t))
        *t = (*t)->next;
}

/* #include "NAME" searches the including file's directory, then the -I
 * directories; #include <NAME> only the latter. */
static void include_file(Cpp *cpp, Tok *t, Tok *directive)
{
    char *name;
    bool quoted;
    if (!is_eol(t) && t->kind == T_STRING) {
        quoted = true;
        name = arena_strndup(&cpp->arena, t->text + 1, (size_t)t->len - 2);
        if (strchr(name, '\\'))
            give_up(cpp, t, "#include name with a backslash");
        t = t->next;
    } else if (!is_eol(t) && token_is(t, "<")) {
        quoted = false;
        Tok *close = t->next;
        while (!is_eol(close) && !token_is(close, ">"))
            close = close->next;
        if (is_eol(close))
            give_up(cpp, t, "#include <name> without '>'");
        name = arena_strndup(&cpp->arena, t->text + 1, (size_t)(close->text - t->text - 1));
        t = close->next;
    } else {
        give_up(cpp, directive, "computed #include");
    }
    if (!is_eol(t))
        give_up(cpp, t, "extra tokens after #include");
    if (!*name)
        give_up(cpp, directive, "empty #include name");
    if (cpp->depth >= MAX_INCLUDE_DEPTH)
        give_up(cpp, directive, "#include nested too deeply");
    char *path = NULL;
    struct stat st;
    if (name[0] == '/') {
        if (stat(name, &st) == 0)
            path = name;
    } else {
        if (quoted) {
            const char *from = directive->file->name;
            const char *slash = strrchr(from, '/');
            path = slash ? arena_printf(&cpp->arena, "%.*s/%s", (int)(slash - from), from, name) : name;
            if (stat(path, &st) != 0)
                path = NULL;
        }
        for (int i = 0; !path && i < cpp->ndirs; i++) {
            char *candidate = arena_printf(&cpp->arena, "%s/%s", cpp->dirs[i], name);
            if (stat(candidate, &st) == 0)
                path = candidate;
        }
    }
    if (!path)
        give_up(cpp, directive, "#include file '%s' not found", name);
    for (const OnceFile *o = cpp->once; o; o = o->next)
        if (o->dev == st.st_dev && o->ino == st.st_ino)
            return;
    int resume = directive->line + 1;
    for (Tok *n = directive; !is_eol(n->next); n = n->next)
        resume = n->next->line + 1;
    const SrcFile *from = directive->file;
    cpp->depth++;
    process_file(cpp, path, " 1");
    cpp->depth--;
    out_marker(cpp, from, resume, " 2");
}

typedef struct CondStack {
    Cond *items;
    int n, cap;
} CondStack;

/* Handles the directive whose '#' is HASH; returns the token after it.
 * *ACTIVE says whether the text at the directive is in effect. */
static Tok *directive(Cpp *cpp, Tok *hash, CondStack *conds, bool *live)
{
    Tok *t = hash->next;
    if (is_eol(t))
        return t;   /* the null directive */
    Tok *name = t;
    t = t->next;
    bool is_if = token_is(name, "if"), is_ifdef = token_is(name, "ifdef"),
         is_ifndef = token_is(name, "ifndef");
    if (is_if || is_ifdef || is_ifndef) {
        if (conds->n == conds->cap) {
            int cap = conds->cap ? conds->cap * 2 : 8;
            conds->items = arena_realloc(&cpp->arena, conds->items, sizeof(Cond) * (size_t)conds->cap,
                                         sizeof(Cond) * (size_t)cap);
            conds->cap = cap;
        }
        Cond *c = &conds->items[conds->n++];
        c->was_active = *live;
        c->in_else = false;
        c->taken = false;
        if (*live) {
            if (is_if) {
                c->taken = eval_condition(cpp, t, hash);
            } else {
                if (is_eol(t) || t->kind != T_IDENT || !is_eol(t->next))
                    give_up(cpp, name, "malformed #%.*s", name->len, name->text);
                c->taken = (find_macro(cpp, t) != NULL) == is_ifdef;
            }
        }
        *live = c->was_active && c->taken;
        skip_to_line_end(&t);
        return t;
    }
    if (token_is(name, "elif") || token_is(name, "else") || token_is(name, "endif")) {
        if (conds->n == 0)
            give_up(cpp, name, "#%.*s without #if", name->len, name->text);
        Cond *c = &conds->items[conds->n - 1];
        if (c->in_else && !token_is(name, "endif"))
            give_up(cpp, name, "#%.*s after #else", name->len, name->text);
        if (token_is(name, "endif")) {
            if (!is_eol(t))
                give_up(cpp, t, "extra tokens after #endif");
            conds->n--;
            *live = c->was_active;
            return t;
        }
        if (token_is(name, "else")) {
            if (!is_eol(t))
                give_up(cpp, t, "extra tokens after #else");
            c->in_else = true;
            *live = c->was_active && !c->taken;
            c->taken = true;
            return t;
        }
        bool now = false;
        if (c->was_active && !c->taken)
            now = eval_condition(cpp, t, hash);
        *live = now;
        c->taken = c->taken || now;
        skip_to_line_end(&t);
        return t;
    }
    if (!*live) {
        skip_to_line_end(&t);
        return t;
    }
    if (token_is(name, "define"))
        return define_macro(cpp, t);
    if (token_is(name, "undef")) {
        if (is_eol(t) || t->kind != T_IDENT || !is_eol(t->next))
            give_up(cpp, name, "malformed #undef");
        undefine_macro(cpp, t);
        return t->next;
    }
    if (token_is(name, "include")) {
        include_file(cpp, t, hash);
        skip_to_line_end(&t);
        return t;
    }
    if (token_is(name, "pragma")) {
        if (!is_eol(t) && token_is(t, "once") && is_eol(t->next)) {
            struct stat st;
            if (stat(hash->file->name, &st) != 0)
                give_up(cpp, hash, "cannot stat the file of #pragma once");
            OnceFile *o = ARENA_NEW(&cpp->arena, OnceFile);
            o->dev = st.st_dev;
            o->ino = st.st_ino;
            o->next = cpp->once;
            cpp->once = o;
            return t->next;
        }
        /* Other pragmas go to the output, on a line of their own. */
        out_sync(cpp, hash->file, hash->line);
        if (cpp->out_col > 1) {
            out_char(cpp, '\n');
            cpp->out_line++;
        }
        out_write(cpp, "#pragma", 7);
        for (; !is_eol(t); t = t->next) {
            out_write(cpp, " ", 1);
            out_write(cpp, t->text, (size_t)t->len);
        }
        out_write(cpp, "\n", 1);
        cpp->out_line++;
        cpp->out_col = 1;
        return t;
    }
    give_up(cpp, name, "#%.*s needs the system preprocessor", name->len, name->text);
}

static void process_file(Cpp *cpp, const char *path, const char *enter_flag)
{
    struct stat st;
    char *text = read_file(path, &st);
    if (!text)
        give_up(cpp, NULL, "cannot read '%s' (or it has NUL bytes)", path);
    char *copy = arena_strdup(&cpp->arena, text);
    free(text);
    SrcFile *file = ARENA_NEW(&cpp->arena, SrcFile);
    file->name = arena_strdup(&cpp->arena, path);
    file->text = copy;
    out_marker(cpp, file, 1, enter_flag);
    Tok *t = tokenize(cpp, file);
    CondStack conds = {0};
    bool live = true;
    while (t->kind != T_EOF) {
        if (t->bol && !t->expanded && token_is(t, "#")) {
            t = directive(cpp, t, &conds, &live);
            continue;
        }
        if (!live) {
            t = t->next;
            continue;
        }
        Tok *expansion = expand_macro(cpp, t);
        if (expansion) {
            t = expansion;
            continue;
        }
        out_token(cpp, t);
        t = t->next;
    }
    if (conds.n > 0)
        give_up(cpp, t, "unterminated #if");
}

/* -D NAME, -D NAME=VALUE, -D 'F(x)=BODY': a #define of NAME VALUE. */
static void define_from_command_line(Cpp *cpp, const char *arg)
{
    const char *eq = strchr(arg, '=');
    char *line = eq ? arena_printf(&cpp->arena, "%.*s %s\n", (int)(eq - arg), arg, eq + 1)
                    : arena_printf(&cpp->arena, "%s 1\n", arg);
    SrcFile *file = ARENA_NEW(&cpp->arena, SrcFile);
    file->name = "<command-line>";
    file->text = line;
    Tok *first = tokenize(cpp, file);
    if (first->kind != T_EOF)
        first->bol = false;     /* it plays the token after `#define` */
    Tok *t = define_macro(cpp, first);
    if (t->kind != T_EOF)
        give_up(cpp, NULL, "-D%s spans lines", arg);
}

static void define_builtins(Cpp *cpp)
{
    static const char *const predefined[] = {
        "__STDC__=1", "__STDC_VERSION__=201710L", "__STDC_HOSTED__=1", "__STDC_UTF_16__=1",
        "__STDC_UTF_32__=1", "__p4cc__=1",
    };
    for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++)
        define_from_command_line(cpp, predefined[i]);
    static const struct { const char *name; int kind; } dynamic[] = {
        {"__FILE__", MACRO_FILE}, {"__LINE__", MACRO_LINE},
    };
    for (size_t i = 0; i < sizeof dynamic / sizeof dynamic[0]; i++) {
        Macro *m = ARENA_NEW(&cpp->arena, Macro);
        m->name = dynamic[i].name;
        m->len = (int)strlen(m->name);
        m->builtin = dynamic[i].kind;
        *macro_slot(cpp, m->name, m->len) = m;
    }
    /* Macros whose value only the system preprocessor knows. */
    static const char *const unsupported[] = {
        "__COUNTER__", "__DATE__", "__TIME__", "__TIMESTAMP__", "__INCLUDE_LEVEL__",
        "__BASE_FILE__", "__FILE_NAME__", "_Pragma",
    };
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
        Macro *m = ARENA_NEW(&cpp->arena, Macro);
        m->name = unsupported[i];
        m->len = (int)strlen(m->name);
        m->builtin = MACRO_UNSUPPORTED;
        *macro_slot(cpp, m->name, m->len) = m;
    }
}

static bool run(Cpp *cpp, const char *path, const char *const *args, int nargs, const char *include_dir)
{
    if (setjmp(cpp->give_up_jump))
        return false;
    define_builtins(cpp);
    cpp->dirs = arena_alloc(&cpp->arena, sizeof(char *) * (size_t)(nargs / 2 + 1));
    for (int i = 0; i + 1 < nargs; i += 2) {
        const char *flag = args[i], *value = args[i + 1];
        if (strcmp(flag, "-I") == 0) {
            cpp->dirs[cpp->ndirs++] = value;
        } else if (strcmp(flag, "-D") == 0) {
            define_from_command_line(cpp, value);
        } else if (strcmp(flag, "-U") == 0) {
            Macro **slot = macro_slot(cpp, value, (int)strlen(value));
            if (*slot)
                *slot = (*slot)->next;
        } else {
            give_up(cpp, NULL, "option %s needs the system preprocessor", flag);
        }
    }
    cpp->dirs[cpp->ndirs++] = include_dir;
    process_file(cpp, path, "");
    if (cpp->out_col > 1)
        out_char(cpp, '\n');
    return true;
}

char *cpp_builtin(const char *path, const char *const *args, int nargs, const char *include_dir,
                  size_t *len, char *why, size_t why_size)
{
    Cpp *cpp = calloc(1, sizeof *cpp);
    if (!cpp) {
        snprintf(why, why_size, "out of memory");
        return NULL;
    }
    arena_init(&cpp->arena);
    cpp->why = why;
    cpp->why_size = why_size;
    char *out = NULL;
    if (run(cpp, path, args, nargs, include_dir)) {
        out = cpp->out;
        *len = cpp->out_len;
    } else {
        free(cpp->out);
    }
    arena_free(&cpp->arena);
    free(cpp);
    return out;
}
