/*
 * core.p4 -- the P4-16 core library as shipped with p4cc.
 *
 * Every P4-16 program starts from these declarations: the built-in error
 * codes, the packet_in/packet_out externs used by parsers and deparsers,
 * verify(), NoAction, the three standard match kinds and static_assert.
 * See the appendix "P4 core library" of the P4-16 language specification.
 *
 * The declarations are kept identical to those of the reference compiler
 * (p4c), so programs written against its core.p4 compile unchanged.
 */

#ifndef _CORE_P4_
#define _CORE_P4_

/* Error codes predefined by the language.  Programs may add their own codes
 * with further `error { ... }` declarations; all of them merge into a
 * single error type. */
error {
    NoError,               // the default: nothing went wrong
    PacketTooShort,        // extract() ran past the end of the packet
    NoMatch,               // no case of a select expression applied
    StackOutOfBounds,      // header stack (array) index out of range
    HeaderTooShort,        // varbit extract asked for more bits than fit
    ParserTimeout,         // the target gave up on a slow parser
    ParserInvalidArgument  // a parser primitive got an unsupported argument
}

/* The packet being parsed.  Parsers receive one as a parameter; there is a
 * read cursor that starts at the first byte of the packet. */
extern packet_in {
    /* Copy the next sizeof(hdr) bits into the fixed-size header hdr, mark it
     * valid and move the cursor past them. */
    void extract<T>(out T hdr);
    /* Same for a header whose last field is a varbit: the varbit part takes
     * variableFieldSizeInBits bits. */
    void extract<T>(out T variableSizeHeader,
                    in bit<32> variableFieldSizeInBits);
    /* Peek at the next bits as a value of type T; the cursor stays put. */
    T lookahead<T>();
    /* Skip sizeInBits bits. */
    void advance(in bit<32> sizeInBits);
    /* Total packet length in bytes (not every target can provide it). */
    bit<32> length();
}

/* The packet being built by a deparser. */
extern packet_out {
    /* Append hdr to the output.  Invalid headers are skipped; header stacks,
     * header unions and structs of such are emitted element by element. */
    void emit<T>(in T hdr);
}

/* Parser-only check: when check is false, parsing stops with error
 * toSignal and the parser goes to its reject state. */
extern void verify(in bool check, in error toSignal);

/* An action with no effect; the usual default_action of a table. */
@noWarn("unused")
action NoAction() {}

/* Match kinds available to every architecture.  Architecture files declare
 * more (range, optional, selector, ...). */
match_kind {
    exact,    // key must equal the entry value
    ternary,  // key and entry value are compared under a mask
    lpm       // longest-prefix match
}

/* Compile-time assertion.  When check does not evaluate to true the compiler
 * stops with message (or a generic message for the one-argument form).  It
 * yields a bool so it can initialise a constant, for instance
 *     const bool ok = static_assert(V1MODEL_VERSION >= 20200408, "too old");
 */
extern bool static_assert(bool check, string message);
extern bool static_assert(bool check);

#endif  /* _CORE_P4_ */
