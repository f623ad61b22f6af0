/*
 * picolibc glue: stdout and stderr go to the write ECALL, stdin reads the private input, and
 * _exit (which exit() calls after running atexit handlers) flushes stdout and halts.
 */
#include <stdio.h>
#include "rivet.h"

static char out_buffer[256];
static size_t out_length;

static int flush_stdout(FILE *file)
{
    (void)file;
    if (out_length > 0) {
        rivet_write(1, out_buffer, out_length);
        out_length = 0;
    }
    return 0;
}

/* Line-buffered: one ECALL per line rather than per character. */
static int put_stdout(char c, FILE *file)
{
    out_buffer[out_length++] = c;
    if (c == '\n' || out_length == sizeof out_buffer)
        flush_stdout(file);
    return (unsigned char)c;
}

static int put_stderr(char c, FILE *file)
{
    (void)file;
    rivet_write(2, &c, 1);
    return (unsigned char)c;
}

static int get_stdin(FILE *file)
{
    (void)file;
    unsigned char c;
    return rivet_read(&c, 1) == 1 ? c : EOF;
}

static FILE rivet_stdout = FDEV_SETUP_STREAM(put_stdout, NULL, flush_stdout, _FDEV_SETUP_WRITE);
static FILE rivet_stderr = FDEV_SETUP_STREAM(put_stderr, NULL, NULL, _FDEV_SETUP_WRITE);
static FILE rivet_stdin = FDEV_SETUP_STREAM(NULL, get_stdin, NULL, _FDEV_SETUP_READ);

FILE *const stdout = &rivet_stdout;
FILE *const stderr = &rivet_stderr;
FILE *const stdin = &rivet_stdin;

void _exit(int code)
{
    flush_stdout(stdout);
    rivet_halt(code);
}
