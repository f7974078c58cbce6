#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <syslog.h>

#define NAME_MAX_LEN 64

int read_name(char *out, size_t len) {
    char name[NAME_MAX_LEN];
    gets(name); // expect: memory-safety/gets
    if (fgets(name, sizeof name, stdin) == NULL) { // near: memory-safety/gets
        return -1;
    }
    strcpy(out, name); // expect: memory-safety/strcpy-strcat
    strncpy(out, name, len - 1); // near: memory-safety/strcpy-strcat
    return 0;
}

void log_login(const char *user, const char *msg) {
    char line[256];
    sprintf(line, "user %s logged in", user); // expect: memory-safety/sprintf
    snprintf(line, sizeof line, "user %s logged in", user); // near: memory-safety/sprintf
    printf(msg); // expect: memory-safety/format-string
    printf("%s\n", msg); // near: memory-safety/format-string
    syslog(LOG_INFO, "%s", line); // near: memory-safety/format-string
    /* strcpy(line, msg) was removed here */
}

int run_hook(const char *hook, const char *port_arg) {
    int port = atoi(port_arg); // expect: memory-safety/atoi
    char *end;
    long checked = strtol(port_arg, &end, 10); // near: memory-safety/atoi
    if (port != checked) {
        return -1;
    }
    system(hook); // expect: memory-safety/system-variable
    system("/usr/local/bin/reload-hooks"); // near: memory-safety/system-variable
    return 0;
}

int parse_command(char *cmd) {
    char verb[16];
    char arg[64];
    if (sscanf(cmd, "%s %63s", verb, arg) != 2) { // expect: memory-safety/scanf-unbounded
        return -1;
    }
    if (sscanf(cmd, "%15s %63s", verb, arg) != 2) { // near: memory-safety/scanf-unbounded
        return -1;
    }
    return 0;
}
