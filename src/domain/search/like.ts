/** Escapes LIKE wildcards (and the escape character) in user text. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
