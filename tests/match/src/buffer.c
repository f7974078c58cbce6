#include <stdlib.h>
#include <string.h>

char *copy_name(const char *src, size_t n) {
    char *dst = malloc(n + 1);
    if (!dst) return NULL;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}
