/** Turns a literal message tree (`as const`) into the same shape with plain strings. */
export type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
