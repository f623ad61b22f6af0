/*
 * malloc and printf: reads whitespace-separated words from the private input (or uses a default
 * sentence), keeps them in a malloc'ed linked list, prints them numbered and reversed, and frees
 * them. Journal: the number of words and the total of their lengths (4 bytes each,
 * little-endian).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rivet.h"

struct word {
    struct word *next;
    char text[];
};

static struct word *push(struct word *list, const char *text, size_t len)
{
    struct word *w = malloc(sizeof *w + len + 1);
    memcpy(w->text, text, len);
    w->text[len] = '\0';
    w->next = list;
    return w;
}

int main(void)
{
    static char input[4096];
    size_t len = rivet_read(input, sizeof input - 1);
    if (len == 0)
        len = (size_t)snprintf(input, sizeof input, "hello from a rivet guest");
    struct word *list = NULL;
    uint32_t count = 0, letters = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && isspace((unsigned char)input[i])) i++;
        size_t start = i;
        while (i < len && !isspace((unsigned char)input[i])) i++;
        if (i > start) {
            list = push(list, input + start, i - start);
            count++;
            letters += (uint32_t)(i - start);
        }
    }
    printf("%lu words, %lu letters, reversed:\n", (unsigned long)count, (unsigned long)letters);
    for (uint32_t n = count; list != NULL; n--) {
        struct word *next = list->next;
        printf("%3lu: %s\n", (unsigned long)n, list->text);
        free(list);
        list = next;
    }
    uint32_t journal[2] = {count, letters};
    rivet_commit(journal, sizeof journal);
    return 0;
}
